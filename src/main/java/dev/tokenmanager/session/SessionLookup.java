package dev.tokenmanager.session;

import java.util.Optional;

/**
 * The one seam through which the request path reads sessions. Whatever implements it (the database, a cache in
 * front of it, a cluster-wide cache) must answer a revoked session as revoked on the very next request.
 */
public interface SessionLookup {

    /** The session with lookup id {@code sessionId} and its account, if the row exists (live or not). */
    Optional<SessionState> bySessionId(String sessionId);

    /** The session whose bearer secret hashes to {@code secretHash} (named tokens), if the row exists. */
    Optional<SessionState> bySecretHash(String secretHash);
}
