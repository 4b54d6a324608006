package dev.tokenmanager.auth;

import dev.tokenmanager.config.Settings;
import dev.tokenmanager.crypto.SecretHash;
import dev.tokenmanager.jwt.InvalidTokenException;
import dev.tokenmanager.jwt.TokenFormat;
import dev.tokenmanager.jwt.TokenVerifier;
import dev.tokenmanager.jwt.VerifiedToken;
import dev.tokenmanager.jwt.VerifiedTokenCache;
import dev.tokenmanager.metrics.AuthOutcome;
import dev.tokenmanager.metrics.AuthStats;
import dev.tokenmanager.metrics.CacheFigures;
import dev.tokenmanager.session.LastSeenRecorder;
import dev.tokenmanager.session.SessionKind;
import dev.tokenmanager.session.SessionLookup;
import dev.tokenmanager.session.SessionState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a bearer credential authenticates a caller. An access token is verified without the database
 * (size, shape, algorithm, signature, claims; a token verified before is remembered until it expires, so its
 * signature is checked once per node); only then is its session read through the {@link SessionLookup} seam, on
 * every request. A named API token is told apart by its prefix, checked for length and alphabet, then found by its
 * hash.
 */
@ApplicationScoped
public class BearerAuthenticator {

    private final TokenVerifier verifier;
    private final SessionLookup sessions;
    private final LastSeenRecorder lastSeen;
    private final AuthStats stats;
    private final Clock clock;
    private final VerifiedTokenCache verifiedTokens;

    @Inject
    public BearerAuthenticator(TokenVerifier verifier, SessionLookup sessions, LastSeenRecorder lastSeen,
                               AuthStats stats, Clock clock, Settings settings) {
        this.verifier = verifier;
        this.sessions = sessions;
        this.lastSeen = lastSeen;
        this.stats = stats;
        this.clock = clock;
        this.verifiedTokens = settings == null ? null
                : new VerifiedTokenCache(settings.verifiedTokenCacheSize(), clock);
    }

    /** CDI's no-argument constructor for the client proxy. */
    protected BearerAuthenticator() {
        this(null, null, null, null, null, null);
    }

    /** How the verified-token cache has done on this node. */
    public CacheFigures verifiedTokenCache() {
        return verifiedTokens.figures();
    }

    /** Authenticates a request: counts the outcome and records the session's use. */
    public Authentication authenticate(String credential) {
        long started = System.nanoTime();
        Authentication result = check(credential);
        if (result instanceof Authentication.Success success) {
            lastSeen.recordUse(success.session(), clock.instant());
        }
        stats.record(result.outcome(), System.nanoTime() - started);
        return result;
    }

    /**
     * Authenticates a request of the admin console by the secret in its cookie: a login session found by the
     * secret's hash (checked for length and alphabet first). Counts the outcome and records the use.
     */
    public Authentication authenticateConsole(String secret) {
        long started = System.nanoTime();
        Authentication result;
        if (!TokenFormat.isBase64Url(secret, ConsoleCookie.SECRET_LENGTH, ConsoleCookie.SECRET_LENGTH)) {
            result = new Authentication.Failure(AuthOutcome.BAD_SHAPE);
        } else {
            stats.recordSessionLookup();
            Optional<SessionState> session = sessions.bySecretHash(SecretHash.of(secret));
            result = session.isPresent() && session.get().kind() != SessionKind.LOGIN
                    ? new Authentication.Failure(AuthOutcome.UNKNOWN_SESSION) : admit(session, Optional.empty());
        }
        if (result instanceof Authentication.Success success) {
            lastSeen.recordUse(success.session(), clock.instant());
        }
        stats.record(result.outcome(), System.nanoTime() - started);
        return result;
    }

    /** Checks a credential without counting it or recording a use (introspection, revocation). */
    public Authentication inspect(String credential) {
        return check(credential);
    }

    private Authentication check(String credential) {
        return NamedTokens.looksLikeNamedToken(credential) ? namedToken(credential) : accessToken(credential);
    }

    private Authentication accessToken(String token) {
        Instant now = clock.instant();
        VerifiedToken verified = verifiedTokens.get(token, now).orElse(null);
        if (verified == null) {
            try {
                verified = verifier.verify(token);
            } catch (InvalidTokenException e) {
                return new Authentication.Failure(outcomeOf(e.reason()));
            }
            verifiedTokens.put(token, verified);
        }
        stats.recordSessionLookup();
        Optional<SessionState> session = sessions.bySessionId(verified.sessionId());
        if (session.isPresent() && (session.get().kind() != SessionKind.LOGIN
                || !session.get().accountId().equals(verified.subject()))) {
            return new Authentication.Failure(AuthOutcome.UNKNOWN_SESSION);
        }
        return admit(session, Optional.of(verified));
    }

    private Authentication namedToken(String token) {
        if (!NamedTokens.isWellFormed(token)) {
            return new Authentication.Failure(AuthOutcome.BAD_SHAPE);
        }
        stats.recordSessionLookup();
        Optional<SessionState> session = sessions.bySecretHash(SecretHash.of(token));
        if (session.isPresent() && session.get().kind() != SessionKind.TOKEN) {
            return new Authentication.Failure(AuthOutcome.UNKNOWN_SESSION);
        }
        return admit(session, Optional.empty());
    }

    private Authentication admit(Optional<SessionState> found, Optional<VerifiedToken> token) {
        if (found.isEmpty()) {
            return new Authentication.Failure(AuthOutcome.UNKNOWN_SESSION);
        }
        SessionState session = found.get();
        Instant now = clock.instant();
        if (!session.isLive(now)) {
            return new Authentication.Failure(session.revokedAt() != null ? AuthOutcome.REVOKED
                    : !session.accountActive() ? AuthOutcome.ACCOUNT_DISABLED : AuthOutcome.SESSION_EXPIRED);
        }
        return new Authentication.Success(new Caller(session.sessionId(), session.kind(), session.accountId(),
                session.username(), session.groups(), token), session);
    }

    /** The outcome a token refused for {@code reason} is counted under. */
    static AuthOutcome outcomeOf(InvalidTokenException.Reason reason) {
        return switch (reason) {
            case MALFORMED -> AuthOutcome.BAD_SHAPE;
            case ALGORITHM -> AuthOutcome.BAD_ALGORITHM;
            case UNKNOWN_KEY -> AuthOutcome.UNKNOWN_KEY;
            case SIGNATURE -> AuthOutcome.BAD_SIGNATURE;
            case EXPIRED -> AuthOutcome.EXPIRED;
            case NOT_YET_VALID -> AuthOutcome.NOT_YET_VALID;
            case ISSUER -> AuthOutcome.BAD_ISSUER;
            case CLAIMS -> AuthOutcome.BAD_CLAIMS;
        };
    }
}
