package dev.tokenmanager.cluster;

import java.util.function.Consumer;

/** Delivers {@link ClusterEvent}s to every node. */
public interface ClusterBus extends AutoCloseable {

    /**
     * Tells every other node; returns once they have all handled it (as far as the transport allows), so that
     * what a request changed is known everywhere before its answer leaves.
     */
    void publish(ClusterEvent event);

    /** Receives the events other nodes publish. */
    void subscribe(Consumer<ClusterEvent> listener);

    /** How many nodes of token-manager the bus links now, this one included (a bus of one node by default). */
    default int members() {
        return 1;
    }

    /** Events this node published that another node did not acknowledge in time. */
    default long unacknowledgedEvents() {
        return 0;
    }

    /** An orderly stop: the other nodes stop waiting for this one at once. */
    @Override
    default void close() {
        // Nobody waits for a node alone.
    }
}
