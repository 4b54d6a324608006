package dev.tokenmanager.cluster;

import java.util.function.UnaryOperator;

/**
 * A map of short strings shared by the nodes (this node's memory when there is no grid). Every implementation keeps
 * an entry for the store's time to live counted from its last write, so a value rewritten in time never expires.
 */
public interface SharedStore {

    String get(String key);

    /** Atomically replaces the value of {@code key} by {@code update} applied to it (null: absent). */
    void update(String key, UnaryOperator<String> update);

    void remove(String key);
}
