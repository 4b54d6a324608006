package dev.tokenmanager.cluster;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/**
 * A {@link SharedStore} in this node's memory. Entries live {@code ttl} from their last write; past the size bound,
 * expired entries are dropped first, and only if that is not enough is everything forgotten.
 */
final class LocalStore implements SharedStore {

    private static final int MAX_ENTRIES = 100_000;

    private record Timed(String value, long writtenNanos) {
    }

    private final ConcurrentMap<String, Timed> values = new ConcurrentHashMap<>();
    private final long ttlNanos;

    LocalStore(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    public String get(String key) {
        Timed timed = values.get(key);
        return timed == null || expired(timed, System.nanoTime()) ? null : timed.value();
    }

    @Override
    public void update(String key, UnaryOperator<String> update) {
        long now = System.nanoTime();
        if (values.size() >= MAX_ENTRIES) {
            values.values().removeIf(timed -> expired(timed, now));
            if (values.size() >= MAX_ENTRIES) {
                values.clear();
            }
        }
        values.compute(key, (k, old) -> {
            String replacement = update.apply(old == null || expired(old, now) ? null : old.value());
            return replacement == null ? null : new Timed(replacement, now);
        });
    }

    @Override
    public void remove(String key) {
        values.remove(key);
    }

    private boolean expired(Timed timed, long now) {
        return now - timed.writtenNanos() > ttlNanos;
    }
}
