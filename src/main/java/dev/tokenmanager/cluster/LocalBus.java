package dev.tokenmanager.cluster;

import java.util.function.Consumer;

/** Events stay on this node: there is nobody else to tell, or to hear from (a node without a data grid). */
public final class LocalBus implements ClusterBus {

    @Override
    public void publish(ClusterEvent event) {
        // This node's own handlers ran before publishing.
    }

    @Override
    public void subscribe(Consumer<ClusterEvent> listener) {
        // No other node publishes.
    }
}
