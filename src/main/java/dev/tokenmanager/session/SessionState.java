package dev.tokenmanager.session;

import java.time.Instant;
import java.util.List;

/**
 * What the request path needs to know of a session and its account, read together in one lookup: whether the
 * session is live, and the account's current username, groups and state.
 *
 * @param expiresAt  epoch milliseconds, or null when it never expires
 * @param revokedAt  epoch milliseconds, or null while not revoked
 * @param lastSeenAt epoch milliseconds of the last recorded use
 */
public record SessionState(
        String sessionId,
        SessionKind kind,
        String accountId,
        String username,
        List<String> groups,
        boolean accountActive,
        Long expiresAt,
        Long revokedAt,
        long lastSeenAt) {

    public SessionState {
        groups = List.copyOf(groups);
    }

    /** Whether a request may use this session at {@code now}: not revoked, not expired, its account active. */
    public boolean isLive(Instant now) {
        return accountActive && Liveness.isLive(revokedAt, expiresAt, now.toEpochMilli());
    }
}
