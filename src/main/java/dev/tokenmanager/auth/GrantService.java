package dev.tokenmanager.auth;

import dev.tokenmanager.account.Account;
import dev.tokenmanager.account.AccountRepository;
import dev.tokenmanager.account.Groups;
import dev.tokenmanager.account.LoginThrottle;
import dev.tokenmanager.client.ClientCheck;
import dev.tokenmanager.client.ClientRegistry;
import dev.tokenmanager.config.Settings;
import dev.tokenmanager.events.SecurityEvent;
import dev.tokenmanager.events.SecurityEventKind;
import dev.tokenmanager.events.SecurityEvents;
import dev.tokenmanager.identity.PasswordSignIn;
import dev.tokenmanager.jwt.IssuedToken;
import dev.tokenmanager.jwt.TokenIssuer;
import dev.tokenmanager.keys.SigningKeys;
import dev.tokenmanager.metrics.AuthStats;
import dev.tokenmanager.session.ClientInfo;
import dev.tokenmanager.session.Origin;
import dev.tokenmanager.session.RefreshSecrets;
import dev.tokenmanager.session.Rotation;
import dev.tokenmanager.session.Session;
import dev.tokenmanager.session.SessionExpiry;
import dev.tokenmanager.session.SessionLimitReachedException;
import dev.tokenmanager.session.SessionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Grants tokens. A login starts a session on the caller's device and answers its first access and refresh tokens;
 * a refresh rotates the refresh token and answers new ones.
 */
@ApplicationScoped
public class GrantService {

    /** Tokens handed out for one session: the access token and the refresh token that replaces the last one. */
    public record Granted(Session session, IssuedToken accessToken, String refreshToken) {
        @Override
        public String toString() {
            return "Granted[" + session.id() + "]";
        }
    }

    /** How a login ended. */
    public sealed interface LoginResult {
        record Success(Granted granted) implements LoginResult {
        }

        /** Unknown user, wrong password or disabled account: one answer for all three. */
        record BadCredentials() implements LoginResult {
        }

        record Throttled(Duration retryAfter) implements LoginResult {
        }

        record SessionLimitReached() implements LoginResult {
        }

        /** The directory that decides about this username cannot be reached; try again after {@code retryAfter}. */
        record SourceUnavailable(Duration retryAfter) implements LoginResult {
        }

        /** The directory vouched for the person, but another account has the name it gives them. */
        record AccountConflict(String username) implements LoginResult {
        }

        /** A console login by a user who is not in group admin. */
        record NotAdmin() implements LoginResult {
        }

        /** A console login: the cookie secret (shown once) and its session. */
        record ConsoleSuccess(Session session, String cookieSecret) implements LoginResult {
            @Override
            public String toString() {
                return "ConsoleSuccess[" + session.id() + "]";
            }
        }
    }

    /** How long a client is told to wait when a directory or provider cannot be reached. */
    public static final Duration SOURCE_RETRY_AFTER = Duration.ofSeconds(30);

    @Inject
    PasswordSignIn passwords;
    @Inject
    AccountRepository accountRows;
    @Inject
    SessionService sessions;
    @Inject
    LoginThrottle throttle;
    @Inject
    SecurityEvents events;
    @Inject
    SigningKeys keys;
    @Inject
    TokenIssuer issuer;
    @Inject
    Settings settings;
    @Inject
    Clock clock;
    @Inject
    AuthStats stats;
    @Inject
    ClientRegistry registeredClients;

    /**
     * Logs {@code username} in from the client's device, for the registered client {@code clientId} (null for
     * none; the caller has checked it with {@link ClientRegistry#check}).
     */
    public LoginResult login(String username, String password, String sessionName, ClientInfo client,
                             String clientId) {
        return counted(authenticate(username, password, client,
                (account, origin) -> startLogin(account, origin, sessionName, client, clientId)));
    }

    /** Logs an administrator in to the console: a login session carried by a cookie, for group admin only. */
    public LoginResult consoleLogin(String username, String password, ClientInfo client) {
        return counted(authenticate(username, password, client,
                (account, origin) -> startConsole(account, origin, client)));
    }

    /**
     * Starts a login session on the client's device for an account that a provider vouched for (token exchange,
     * browser sign-in), for the registered client {@code clientId} (null for none; checked by the caller); the
     * caller has checked that the account is active.
     */
    public LoginResult signIn(Account account, Origin origin, String sessionName, ClientInfo client,
                              String clientId) {
        return counted(withinLimit(account, client,
                () -> startLogin(account, origin, sessionName, client, clientId)));
    }

    /** Starts a console session for an account that a provider vouched for; for group admin only. */
    public LoginResult consoleSignIn(Account account, Origin origin, ClientInfo client) {
        return counted(withinLimit(account, client, () -> startConsole(account, origin, client)));
    }

    private LoginResult startLogin(Account account, Origin origin, String sessionName, ClientInfo client,
                                   String clientId) {
        SessionService.StartedLogin started = sessions.startLogin(account, sessionName, client, origin, clientId);
        recordStart(account, started, client);
        return new LoginResult.Success(new Granted(started.session(), accessToken(account, started.session()),
                started.refreshToken()));
    }

    private LoginResult startConsole(Account account, Origin origin, ClientInfo client) {
        if (!account.groups().contains(Groups.ADMIN)) {
            events.record(SecurityEvent.of(SecurityEventKind.CONSOLE_LOGIN_REFUSED)
                    .account(account.id(), account.username()).ip(client.ip()).detail("not an admin"));
            return new LoginResult.NotAdmin();
        }
        String secret = ConsoleCookie.newSecret();
        SessionService.StartedLogin started = sessions.startConsole(account, client, secret, origin);
        recordStart(account, started, client);
        return new LoginResult.ConsoleSuccess(started.session(), secret);
    }

    private LoginResult counted(LoginResult result) {
        AuthStats.Grant counted;
        if (result instanceof LoginResult.Success || result instanceof LoginResult.ConsoleSuccess) {
            counted = AuthStats.Grant.OK;
        } else if (result instanceof LoginResult.Throttled) {
            counted = AuthStats.Grant.THROTTLED;
        } else if (result instanceof LoginResult.BadCredentials) {
            counted = AuthStats.Grant.FAILED;
        } else {
            counted = AuthStats.Grant.REFUSED;
        }
        stats.recordLogin(counted);
        return result;
    }

    /**
     * Throttles, checks the credentials (locally or against the account's directory), then starts what
     * {@code start} starts (within the session limit).
     */
    private LoginResult authenticate(String username, String password, ClientInfo client,
                                     BiFunction<Account, Origin, LoginResult> start) {
        Instant now = clock.instant();
        Optional<Duration> wait = throttle.check(username, client.ip(), now);
        if (wait.isPresent()) {
            events.record(SecurityEvent.of(SecurityEventKind.LOGIN_THROTTLED).username(username).ip(client.ip()));
            return new LoginResult.Throttled(wait.get());
        }
        PasswordSignIn.Outcome outcome = passwords.authenticate(username, password, client.ip());
        if (outcome instanceof PasswordSignIn.Outcome.SourceUnavailable) {
            return new LoginResult.SourceUnavailable(SOURCE_RETRY_AFTER);
        }
        if (outcome instanceof PasswordSignIn.Outcome.AccountConflict conflict) {
            throttle.recordSuccess(username, client.ip());
            return new LoginResult.AccountConflict(conflict.username());
        }
        if (!(outcome instanceof PasswordSignIn.Outcome.Authenticated authenticated)) {
            throttle.recordFailure(username, client.ip(), now);
            events.record(SecurityEvent.of(SecurityEventKind.LOGIN_FAILED).username(username).ip(client.ip()));
            return new LoginResult.BadCredentials();
        }
        throttle.recordSuccess(username, client.ip());
        Account account = authenticated.account();
        return withinLimit(account, client, () -> start.apply(account, authenticated.origin()));
    }

    private LoginResult withinLimit(Account account, ClientInfo client, Supplier<LoginResult> start) {
        try {
            return start.get();
        } catch (SessionLimitReachedException e) {
            events.record(SecurityEvent.of(SecurityEventKind.LOGIN_REFUSED_SESSION_LIMIT)
                    .account(account.id(), account.username()).ip(client.ip()));
            return new LoginResult.SessionLimitReached();
        }
    }

    private void recordStart(Account account, SessionService.StartedLogin started, ClientInfo client) {
        for (String evicted : started.evicted()) {
            events.record(SecurityEvent.of(SecurityEventKind.SESSION_EVICTED_BY_LIMIT)
                    .account(account.id(), account.username()).session(evicted).ip(client.ip()));
        }
        events.record(SecurityEvent.of(SecurityEventKind.LOGIN_OK).account(account.id(), account.username())
                .session(started.session().id()).ip(client.ip())
                .detail(started.session().name() + " (" + started.session().source() + ")"));
    }

    /**
     * Whether a refresh with {@code refreshToken} may go ahead as far as clients go: a refresh keeps its session's
     * client, so naming another one (or one for a session without a client) is refused, and the session's client
     * must still be active and, when it has a secret, proven with {@code secret}. A token of no live session passes
     * here (the refresh refuses it) unless it names a client that cannot be used.
     */
    public ClientCheck refreshClient(String refreshToken, String requestedClientId, String secret) {
        Optional<Session> session = RefreshSecrets.isWellFormed(refreshToken)
                ? sessions.sessionOfRefreshToken(refreshToken) : Optional.empty();
        if (session.isEmpty()) {
            return registeredClients.check(requestedClientId, secret);
        }
        String bound = session.get().clientId();
        if (requestedClientId != null && !requestedClientId.equals(bound)) {
            return new ClientCheck.Refused(bound == null ? "This session has no client: send no 'client_id'."
                    : "The refresh token belongs to another client.");
        }
        return registeredClients.check(bound, secret);
    }

    /**
     * Refreshes with {@code refreshToken}; empty when it is refused (unknown, ended, superseded, lost a race, or
     * reused: reuse revokes the whole session and is recorded as a security event). A retry with the previous token
     * within its grace answers a new pair and is recorded too.
     */
    public Optional<Granted> refresh(String refreshToken, ClientInfo client) {
        Optional<Granted> granted = rotate(refreshToken, client);
        stats.recordRefresh(granted.isPresent() ? AuthStats.Grant.OK : AuthStats.Grant.FAILED);
        return granted;
    }

    private Optional<Granted> rotate(String refreshToken, ClientInfo client) {
        if (!RefreshSecrets.isWellFormed(refreshToken)) {
            return Optional.empty();
        }
        Rotation rotation = sessions.rotate(refreshToken);
        if (rotation instanceof Rotation.Reused reused) {
            stats.recordReuseDetection();
            Session session = reused.session();
            String username = accountRows.byId(session.accountId()).map(Account::username).orElse(null);
            events.record(SecurityEvent.of(SecurityEventKind.REFRESH_TOKEN_REUSE).account(session.accountId(), username)
                    .session(session.id()).ip(client.ip())
                    .detail("a rotated refresh token was presented again; the session is revoked"));
            return Optional.empty();
        }
        Session session;
        String newRefreshToken;
        if (rotation instanceof Rotation.Rotated rotated) {
            session = rotated.session();
            newRefreshToken = rotated.refreshToken();
        } else if (rotation instanceof Rotation.Retried retried) {
            session = retried.session();
            newRefreshToken = retried.refreshToken();
        } else {
            return Optional.empty();
        }
        Optional<Account> account = accountRows.byId(session.accountId()).filter(Account::isActive);
        if (account.isEmpty()) {
            sessions.revoke(session.id());
            return Optional.empty();
        }
        if (rotation instanceof Rotation.Retried) {
            events.record(SecurityEvent.of(SecurityEventKind.REFRESH_TOKEN_RETRY)
                    .account(session.accountId(), account.get().username()).session(session.id()).ip(client.ip())
                    .detail("the previous refresh token was presented again within its grace; its unused successor"
                            + " is superseded"));
        }
        return Optional.of(new Granted(session, accessToken(account.get(), session), newRefreshToken));
    }

    private IssuedToken accessToken(Account account, Session session) {
        Instant now = clock.instant();
        Instant expiresAt = SessionExpiry.accessTokenExpiry(now, settings.accessTtl(),
                session.expiresAt().orElse(null));
        String clientId = session.clientId();
        String audience = clientId == null ? null : registeredClients.audienceOf(clientId).orElse(clientId);
        return issuer.issue(keys.current(), account.id(), account.username(), account.groups(), session.id(),
                clientId, audience, now, expiresAt);
    }
}
