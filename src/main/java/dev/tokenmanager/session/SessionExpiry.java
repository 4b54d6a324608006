package dev.tokenmanager.session;

import java.time.Duration;
import java.time.Instant;

/**
 * When a login session ends: a sliding idle window from its last refresh, never past an absolute maximum age
 * from its creation.
 */
public record SessionExpiry(Duration idle, Duration maxAge) {

    /** The expiry of a session created at {@code createdAt} and refreshed (or created) at {@code now}. */
    public Instant expiresAt(Instant createdAt, Instant now) {
        Instant sliding = now.plus(idle);
        Instant absolute = createdAt.plus(maxAge);
        return sliding.isBefore(absolute) ? sliding : absolute;
    }

    /** An access token's expiry: its lifetime from {@code now}, but never after its session's. */
    public static Instant accessTokenExpiry(Instant now, Duration accessTtl, Instant sessionExpiresAt) {
        Instant wanted = now.plus(accessTtl);
        return sessionExpiresAt != null && sessionExpiresAt.isBefore(wanted) ? sessionExpiresAt : wanted;
    }
}
