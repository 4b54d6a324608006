package dev.tokenmanager.cluster;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A {@link SharedStore} in this node's memory. Entries live {@code ttl} from their last write, like the data grid's;
 * bounded by Caffeine, which evicts the least used entries first when full.
 */
final class LocalStore implements SharedStore {

    private static final int MAX_ENTRIES = 100_000;

    private final Cache<String, String> values;

    LocalStore(Duration ttl) {
        this.values = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(ttl).build();
    }

    @Override
    public String get(String key) {
        return values.getIfPresent(key);
    }

    @Override
    public void update(String key, UnaryOperator<String> update) {
        values.asMap().compute(key, (k, old) -> update.apply(old));
    }

    @Override
    public void remove(String key) {
        values.invalidate(key);
    }
}
