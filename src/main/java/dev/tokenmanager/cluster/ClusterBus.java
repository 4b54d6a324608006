package dev.tokenmanager.cluster;

import java.util.function.Consumer;

/** Delivers {@link ClusterEvent}s to every node. */
public interface ClusterBus {

    /**
     * Tells every other node; returns once they have all handled it (as far as the transport allows), so that
     * what a request changed is known everywhere before its answer leaves.
     */
    void publish(ClusterEvent event);

    /** Receives the events other nodes publish. */
    void subscribe(Consumer<ClusterEvent> listener);
}
