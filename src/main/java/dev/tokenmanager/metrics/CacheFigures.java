package dev.tokenmanager.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;

/**
 * How one of a node's caches has done since start-up: entries now, hits, misses and evictions (for
 * {@code /api/admin/stats} and the benchmarks).
 */
public record CacheFigures(long size, long hits, long misses, long evictions) {

    /** The figures of a Caffeine cache built with {@code recordStats()}. */
    public static CacheFigures of(Cache<?, ?> cache) {
        CacheStats stats = cache.stats();
        return new CacheFigures(cache.estimatedSize(), stats.hitCount(), stats.missCount(), stats.evictionCount());
    }

    /** Hits per lookup, 0 before the first lookup. */
    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}
