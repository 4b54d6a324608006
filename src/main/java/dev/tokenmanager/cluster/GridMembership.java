package dev.tokenmanager.cluster;

import java.util.Set;
import java.util.function.Consumer;

/** Which nodes the data grid links now, as the grid itself knows them, and the news of a node's loss. */
interface GridMembership {

    /** This node's identity in the grid. */
    String localMember();

    /** The members the grid links now, this node among them. */
    Set<String> members();

    /** Calls {@code listener} with a member's identity as soon as the grid has noticed that it left or died. */
    void onMemberLeft(Consumer<String> listener);
}
