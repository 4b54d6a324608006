package dev.tokenmanager.session;

/**
 * The one rule of when a session may still authenticate: not revoked, and not past its end (a named token may have
 * none). In Java for rows and cached states, and as the JPQL condition every query of live sessions uses.
 */
final class Liveness {

    /** JPQL: the session aliased {@code s} is live at the parameter {@code :now} (epoch milliseconds). */
    static final String LIVE = "s.revokedAt IS NULL AND (s.expiresAt IS NULL OR s.expiresAt > :now)";

    private Liveness() {
    }

    /**
     * @param revokedAt epoch milliseconds, or null while not revoked
     * @param expiresAt epoch milliseconds, or null when it never ends
     */
    static boolean isLive(Long revokedAt, Long expiresAt, long nowMillis) {
        return revokedAt == null && (expiresAt == null || nowMillis < expiresAt);
    }
}
