package dev.tokenmanager.cluster;

import java.time.Duration;

/**
 * A distributed engine the server offers (Payara's data grid, WildFly's JGroups and Infinispan), as the cluster seam
 * uses it: a bus for events and shared stores. What is specific to one server stays behind this interface.
 */
interface ClusterEngine {

    /** What the engine is, for the log. */
    String describe();

    ClusterBus bus();

    /** A store whose entries live {@code ttl} from their last write (as {@link SharedStore} promises). */
    SharedStore store(String name, Duration ttl);
}
