package dev.tokenmanager.jwt;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Access tokens whose signature and claims already verified, keyed by the exact token text, until their
 * {@code exp}: a token presented again skips the signature check (the costly part of verification). Bounded: past
 * the bound, expired entries are dropped first, then everything. The session is still checked on every request.
 */
public final class VerifiedTokenCache {

    private final ConcurrentMap<String, VerifiedToken> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    /** @param maxEntries the most tokens remembered; 0 remembers none */
    public VerifiedTokenCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The verified form of {@code token}, if it was verified before and has not expired at {@code now}. */
    public Optional<VerifiedToken> get(String token, Instant now) {
        if (maxEntries == 0) {
            return Optional.empty();
        }
        VerifiedToken verified = entries.get(token);
        if (verified == null) {
            return Optional.empty();
        }
        if (!now.isBefore(verified.expiresAt())) {
            entries.remove(token, verified);
            return Optional.empty();
        }
        return Optional.of(verified);
    }

    /** Remembers that {@code token} verified as {@code verified}. */
    public void put(String token, VerifiedToken verified, Instant now) {
        if (maxEntries == 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(token, verified);
    }

    public int size() {
        return entries.size();
    }
}
