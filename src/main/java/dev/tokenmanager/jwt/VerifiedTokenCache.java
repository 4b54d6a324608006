package dev.tokenmanager.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.tokenmanager.metrics.CacheFigures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Access tokens whose signature and claims already verified, keyed by the exact token text, until their
 * {@code exp}: a token presented again skips the signature check (the costly part of verification). Bounded, with
 * Caffeine's frequency-aware eviction: when full, the tokens used least often make room, the hot ones stay. The
 * session is still checked on every request.
 */
public final class VerifiedTokenCache {

    private final Cache<String, VerifiedToken> entries;
    private final boolean enabled;

    /** @param maxEntries the most tokens remembered; 0 remembers none */
    public VerifiedTokenCache(int maxEntries, Clock clock) {
        this.enabled = maxEntries > 0;
        // Read on every request: Caffeine's upkeep (after a burst of reads) runs on the reading thread, under its
        // try-lock, rather than as a task handed to the common pool each time, which cost more than the upkeep.
        this.entries = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(Math.max(0, maxEntries))
                .expireAfter(Expiry.<String, VerifiedToken>creating((token, verified) ->
                        durationUntil(clock.instant(), verified.expiresAt())))
                .recordStats()
                .build();
    }

    private static Duration durationUntil(Instant now, Instant expiresAt) {
        Duration left = Duration.between(now, expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The verified form of {@code token}, if it was verified before and has not expired at {@code now}. */
    public Optional<VerifiedToken> get(String token, Instant now) {
        if (!enabled) {
            return Optional.empty();
        }
        VerifiedToken verified = entries.getIfPresent(token);
        if (verified == null || !now.isBefore(verified.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(verified);
    }

    /** Remembers that {@code token} verified as {@code verified}. */
    public void put(String token, VerifiedToken verified) {
        if (enabled) {
            entries.put(token, verified);
        }
    }

    /** How the cache has done since start-up. */
    public CacheFigures figures() {
        return CacheFigures.of(entries);
    }
}
