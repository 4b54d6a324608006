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

    private final Cache<Key, VerifiedToken> entries;
    private final boolean enabled;

    /** @param maxEntries the most tokens remembered; 0 remembers none */
    public VerifiedTokenCache(int maxEntries, Clock clock) {
        this.enabled = maxEntries > 0;
        // Read on every request: Caffeine's upkeep (after a burst of reads) runs on the reading thread, under its
        // try-lock, rather than as a task handed to the common pool each time, which cost more than the upkeep.
        this.entries = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(Math.max(0, maxEntries))
                .expireAfter(Expiry.<Key, VerifiedToken>creating((token, verified) ->
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
        VerifiedToken verified = entries.getIfPresent(new Key(token));
        if (verified == null || !now.isBefore(verified.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(verified);
    }

    /** Remembers that {@code token} verified as {@code verified}. */
    public void put(String token, VerifiedToken verified) {
        if (enabled) {
            entries.put(new Key(token), verified);
        }
    }

    /**
     * A token as the key of its entry: equal to another only for the same text, hashed by its length and last
     * characters alone. Those are its signature's, as good as random for every algorithm accepted, and a token is new text
     * on every request, so hashing all of its some 700 characters was most of the lookup. Only tokens whose
     * signature verified are ever stored, so no one can fill one hash bucket with tokens of their choosing.
     */
    static final class Key {
        /** How many of the token's last characters are hashed. */
        static final int HASHED = 24;

        private final String token;
        private final int hash;

        Key(String token) {
            this.token = token;
            int h = token.length();
            for (int i = Math.max(0, token.length() - HASHED); i < token.length(); i++) {
                h = 31 * h + token.charAt(i);
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.hash == hash && key.token.equals(token);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return "a token of " + token.length() + " characters"; // never the token itself
        }
    }

    /** How the cache has done since start-up. */
    public CacheFigures figures() {
        return CacheFigures.of(entries);
    }
}
