package dev.tokenmanager.session;

import dev.tokenmanager.account.Account;
import dev.tokenmanager.config.Settings;
import dev.tokenmanager.crypto.RandomIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Starts, lists and revokes a user's sessions; every revocation is announced as {@link SessionsRevoked}. */
@ApplicationScoped
public class SessionService {

    private static final List<SessionKind> LOGINS = List.of(SessionKind.LOGIN);
    private static final List<SessionKind> ALL_KINDS = List.of(SessionKind.LOGIN, SessionKind.TOKEN);

    @Inject
    SessionRepository repository;
    @Inject
    Event<SessionsRevoked> revoked;
    @Inject
    Clock clock;
    @Inject
    Settings settings;

    /** Starts a login session for {@code account} on the client's device. */
    @Transactional
    public Session startLogin(Account account, String name, ClientInfo client) {
        Instant now = clock.instant();
        Instant expiresAt = expiry().expiresAt(now, now);
        Session session = new Session(RandomIds.newId(), account.id(), SessionKind.LOGIN, name, now, expiresAt,
                client.ip(), client.userAgent(), client.device());
        repository.insert(session);
        return session;
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
