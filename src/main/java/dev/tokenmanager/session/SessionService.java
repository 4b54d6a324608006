package dev.tokenmanager.session;

import dev.tokenmanager.account.Account;
import dev.tokenmanager.account.AccountRepository;
import dev.tokenmanager.config.Settings;
import dev.tokenmanager.crypto.RandomIds;
import dev.tokenmanager.crypto.SecretHash;
import dev.tokenmanager.metrics.LiveSessionCount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Starts, refreshes, lists and revokes a user's sessions; every revocation is announced as {@link SessionsRevoked}. */
@ApplicationScoped
public class SessionService implements LiveSessionCount {

    /** The name of the admin console's login sessions. */
    public static final String CONSOLE_SESSION_NAME = "Admin console";

    private static final List<SessionKind> LOGINS = List.of(SessionKind.LOGIN);
    private static final List<SessionKind> ALL_KINDS = List.of(SessionKind.LOGIN, SessionKind.TOKEN);

    /** A login session and its first refresh token (shown once). */
    public record StartedLogin(Session session, String refreshToken, List<String> evicted) {
        @Override
        public String toString() {
            return "StartedLogin[" + session.id() + "]";
        }
    }

    /** A named token's session and its secret (shown once). */
    public record CreatedToken(Session session, String token) {
        @Override
        public String toString() {
            return "CreatedToken[" + session.id() + "]";
        }
    }

    /** Thrown when the account already has a live named token of that name. */
    public static final class TokenNameTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TokenNameTakenException() {
            super("token name taken", null, false, false);
        }
    }

    @PersistenceContext(unitName = "token-manager")
    EntityManager em;
    @Inject
    SessionRepository repository;
    @Inject
    AccountRepository accounts;
    @Inject
    Event<SessionsRevoked> revoked;
    @Inject
    Clock clock;
    @Inject
    Settings settings;
    @Inject
    RotationSettings rotation;

    /**
     * Starts a login session for {@code account} on the client's device, with its first refresh token, for the
     * registered client {@code clientId} (checked by the caller; null for none). When the per-user limit would be
     * exceeded, the least recently seen sessions are revoked, or the login is refused
     * ({@link SessionLimitReachedException}), as configured. The account row is locked, so concurrent logins of one
     * user respect the limit.
     */
    @Transactional
    public StartedLogin startLogin(Account account, String name, ClientInfo client, Origin origin, String clientId) {
        Instant now = clock.instant();
        List<String> evicted = makeRoom(account, now);
        Session session = newLogin(account, name, client, now);
        session.setOrigin(origin);
        session.bindClient(clientId);
        repository.insert(session);
        return new StartedLogin(session, issueRefreshToken(session, now), evicted);
    }

    /**
     * Starts the admin console's own login session, carried by a cookie holding {@code secret} (stored as its
     * hash); the same per-user limit applies as to any login.
     */
    @Transactional
    public StartedLogin startConsole(Account account, ClientInfo client, String secret, Origin origin) {
        Instant now = clock.instant();
        List<String> evicted = makeRoom(account, now);
        Session session = newLogin(account, CONSOLE_SESSION_NAME, client, now);
        session.setOrigin(origin);
        session.setSecretHash(SecretHash.of(secret));
        repository.insert(session);
        return new StartedLogin(session, null, evicted);
    }

    private Session newLogin(Account account, String name, ClientInfo client, Instant now) {
        return new Session(RandomIds.newId(), account.id(), SessionKind.LOGIN, name, now,
                expiry().expiresAt(now, now), client.ip(), client.userAgent(), client.device());
    }

    /**
     * Enforces the per-user limit before one more login: revokes the least recently seen sessions, or throws
     * {@link SessionLimitReachedException}, as configured. The account row is locked, so concurrent logins of one
     * user respect the limit. Answers the ids revoked.
     */
    private List<String> makeRoom(Account account, Instant now) {
        if (settings.maxLoginSessions() <= 0) {
            return List.of();
        }
        accounts.lock(account.id());
        List<Session> live = repository.live(account.id(), SessionKind.LOGIN, now);
        int excess = live.size() - settings.maxLoginSessions() + 1;
        if (excess <= 0) {
            return List.of();
        }
        if (settings.sessionLimitPolicy() == Settings.SessionLimitPolicy.REFUSE) {
            throw new SessionLimitReachedException();
        }
        // live is most recently seen first: the least recently seen are at the end.
        return announce(repository.revokeIds(live.subList(live.size() - excess, live.size()).stream()
                .map(Session::id).toList(), now));
    }

    /**
     * Presents a refresh token. Concurrent presentations of one session's tokens serialize on the session row. The
     * current token is rotated; the previous one, within the retry grace and while its successor is unused, answers
     * a new pair that supersedes that successor (a retry after a lost answer, or a concurrent refresh); a token that
     * was still unused when this request first read it never counts as reuse (it arrived while the token was live);
     * anything else rotated away is reuse: the whole session is revoked.
     */
    @Transactional
    public Rotation rotate(String refreshToken) {
        RefreshToken presented = em.find(RefreshToken.class, SecretHash.of(refreshToken));
        if (presented == null) {
            return new Rotation.Refused();
        }
        // Read before waiting for the lock: the committed state when this request arrived.
        boolean sawLive = presented.usedAt().isEmpty() && presented.supersededAt().isEmpty();
        Optional<Session> locked = repository.findForUpdate(presented.sessionId());
        // The token rows are read locked too: H2 hands the session row to the next waiter while the rest of the
        // previous holder's commit is not yet visible to plain reads, so a plain read could see its successor
        // superseded but not the token that replaced it (a retry judged reuse), or the token still unused (two
        // rotations). Locking a row waits until its last writer's commit is complete.
        em.refresh(presented, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        if (locked.isEmpty() || !locked.get().isLive(now)) {
            return new Rotation.Refused();
        }
        Session session = locked.get();
        RefreshToken successor = successorOf(presented, LockModeType.PESSIMISTIC_WRITE);
        switch (RotationRule.decide(presented, successor, sawLive, now, rotation.retryGrace())) {
            case ROTATE -> {
                session.extendTo(expiry().expiresAt(session.createdAt(), now));
                return new Rotation.Rotated(session, replace(presented, session, now));
            }
            case RETRY -> {
                successor.supersede(now);
                session.extendTo(expiry().expiresAt(session.createdAt(), now));
                return new Rotation.Retried(session, replace(presented, session, now));
            }
            case REUSE -> {
                announce(repository.revokeIds(List.of(session.id()), now));
                return new Rotation.Reused(session);
            }
            case LOST_RACE -> {
                return new Rotation.LostRace();
            }
            default -> {
                return new Rotation.Refused();
            }
        }
    }

    /**
     * The live session a refresh token was issued for, whether the token is its current one or was rotated away
     * (to check the session's client before a refresh).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Session> sessionOfRefreshToken(String refreshToken) {
        RefreshToken token = em.find(RefreshToken.class, SecretHash.of(refreshToken));
        return token == null ? Optional.empty()
                : repository.find(token.sessionId()).filter(session -> session.isLive(clock.instant()));
    }

    private RefreshToken successorOf(RefreshToken token, LockModeType lock) {
        return token.successorHash().map(hash -> em.find(RefreshToken.class, hash, lock)).orElse(null);
    }

    /** Issues the token that replaces {@code presented}; answers its secret (shown once). */
    private String replace(RefreshToken presented, Session session, Instant now) {
        String secret = RefreshSecrets.generate();
        RefreshToken successor = new RefreshToken(SecretHash.of(secret), session.id(), now);
        em.persist(successor);
        presented.replacedBy(successor, now);
        return secret;
    }

    /**
     * The live session a refresh token belongs to, if the token would refresh it now (the current one, or the
     * previous one within its retry grace): for introspection and revocation.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Session> byCurrentRefreshToken(String refreshToken) {
        RefreshToken token = em.find(RefreshToken.class, SecretHash.of(refreshToken));
        if (token == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        RotationRule.Outcome outcome = RotationRule.decide(token, successorOf(token, LockModeType.NONE), false, now,
                rotation.retryGrace());
        if (outcome != RotationRule.Outcome.ROTATE && outcome != RotationRule.Outcome.RETRY) {
            return Optional.empty();
        }
        return repository.find(token.sessionId()).filter(session -> session.isLive(now));
    }

    private String issueRefreshToken(Session session, Instant now) {
        String secret = RefreshSecrets.generate();
        em.persist(new RefreshToken(SecretHash.of(secret), session.id(), now));
        return secret;
    }

    /**
     * Creates a named API token: a session of kind {@code token} found by the hash of its secret. Names are unique
     * among the account's live tokens (the account row is locked while checking).
     *
     * @param expiresAt null for a token that never expires
     */
    @Transactional
    public CreatedToken createToken(Account account, String name, Instant expiresAt, ClientInfo client,
                                    String secret) {
        Instant now = clock.instant();
        accounts.lock(account.id());
        if (repository.live(account.id(), SessionKind.TOKEN, now).stream().anyMatch(s -> s.name().equals(name))) {
            throw new TokenNameTakenException();
        }
        Session session = new Session(RandomIds.newId(), account.id(), SessionKind.TOKEN, name, now, expiresAt,
                client.ip(), client.userAgent(), client.device());
        session.setOrigin(new Origin(account.source(), null));
        session.setSecretHash(SecretHash.of(secret));
        repository.insert(session);
        return new CreatedToken(session, secret);
    }

    /** One page of live sessions of all users, as an administrator asked for them. */
    public List<AdminSessionRow> search(SessionQuery query) {
        return repository.search(query, clock.instant());
    }

    /** How many live sessions of all users match the query's filters. */
    public long count(SessionQuery query) {
        return repository.count(query, clock.instant());
    }

    /** Live sessions per device type, for the console's chart. */
    public Map<String, Long> liveByDeviceType() {
        return repository.liveByDeviceType(clock.instant());
    }

    @Override
    public long liveSessions() {
        return liveByDeviceType().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Live sessions (both kinds) per account id. */
    public Map<String, Long> liveByAccount() {
        return repository.liveByAccount(clock.instant());
    }

    /** The account's live sessions of {@code kind}, most recently seen first. */
    public List<Session> live(String accountId, SessionKind kind) {
        return repository.live(accountId, kind, clock.instant());
    }

    /**
     * Revokes the account's live session {@code sessionId} of {@code kind}; false when there is none (unknown,
     * another user's, another kind, or already ended), which callers answer 404.
     */
    @Transactional
    public boolean revokeOwn(String accountId, String sessionId, SessionKind kind) {
        Instant now = clock.instant();
        boolean owned = repository.find(sessionId)
                .filter(session -> session.accountId().equals(accountId) && session.kind() == kind
                        && session.isLive(now))
                .isPresent();
        return owned && !announce(repository.revokeIds(List.of(sessionId), now)).isEmpty();
    }

    /** Revokes every live login session of the account but {@code currentSessionId}; answers how many. */
    @Transactional
    public int revokeOtherLogins(String accountId, String currentSessionId) {
        return announce(repository.revokeLive(accountId, LOGINS, currentSessionId, clock.instant())).size();
    }

    /** Revokes every live login session of the account; answers how many. */
    @Transactional
    public int revokeAllLogins(String accountId) {
        return announce(repository.revokeLive(accountId, LOGINS, null, clock.instant())).size();
    }

    /** Revokes every live session and named token of the account but {@code keep} (may be null); answers how many. */
    @Transactional
    public int revokeEverything(String accountId, String keep) {
        return announce(repository.revokeLive(accountId, ALL_KINDS, keep, clock.instant())).size();
    }

    /** Revokes every live session of the registered client {@code clientId}; answers how many. */
    @Transactional
    public int revokeAllOfClient(String clientId) {
        Instant now = clock.instant();
        return announce(repository.revokeIds(repository.liveIdsOfClient(clientId, now), now)).size();
    }

    /**
     * Revokes the live login sessions signed in through {@code source} in the provider session {@code providerSid}
     * (a back-channel logout naming a {@code sid}); answers how many.
     */
    @Transactional
    public int revokeProviderSession(String source, String providerSid) {
        Instant now = clock.instant();
        return announce(repository.revokeIds(repository.liveIdsFromProviderSession(source, providerSid, now), now))
                .size();
    }

    /** Revokes the account's live login sessions signed in through {@code source}; answers how many. */
    @Transactional
    public int revokeLoginsFrom(String accountId, String source) {
        Instant now = clock.instant();
        return announce(repository.revokeIds(repository.liveLoginIdsFrom(accountId, source, now), now)).size();
    }

    /** Revokes one session whatever its owner (logout, admin, RFC 7009); false when it was not live. */
    @Transactional
    public boolean revoke(String sessionId) {
        return !announce(repository.revokeIds(List.of(sessionId), clock.instant())).isEmpty();
    }

    SessionExpiry expiry() {
        return new SessionExpiry(settings.refreshIdleTtl(), settings.refreshMaxAge());
    }

    private List<String> announce(List<String> ids) {
        if (!ids.isEmpty()) {
            revoked.fire(new SessionsRevoked(ids));
        }
        return ids;
    }
}
