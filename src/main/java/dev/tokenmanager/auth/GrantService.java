package dev.tokenmanager.auth;

import dev.tokenmanager.account.Account;
import dev.tokenmanager.account.AccountService;
import dev.tokenmanager.config.Settings;
import dev.tokenmanager.jwt.IssuedToken;
import dev.tokenmanager.jwt.TokenIssuer;
import dev.tokenmanager.keys.SigningKeys;
import dev.tokenmanager.session.ClientInfo;
import dev.tokenmanager.session.Session;
import dev.tokenmanager.session.SessionExpiry;
import dev.tokenmanager.session.SessionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Grants tokens: a login starts a session on the caller's device and answers its first access token. */
@ApplicationScoped
public class GrantService {

    /** What a successful login hands out. */
    public record Granted(Session session, IssuedToken accessToken) {
    }

    @Inject
    AccountService accounts;
    @Inject
    SessionService sessions;
    @Inject
    SigningKeys keys;
    @Inject
    TokenIssuer issuer;
    @Inject
    Settings settings;
    @Inject
    Clock clock;

    /** Logs {@code username} in; empty for bad credentials (unknown user, wrong password, disabled user alike). */
    public Optional<Granted> login(String username, String password, String sessionName, ClientInfo client) {
        Optional<Account> account = accounts.authenticate(username, password);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        Session session = sessions.startLogin(account.get(), sessionName, client);
        return Optional.of(new Granted(session, accessToken(account.get(), session)));
    }

    private IssuedToken accessToken(Account account, Session session) {
        Instant now = clock.instant();
        Instant expiresAt = SessionExpiry.accessTokenExpiry(now, settings.accessTtl(),
                session.expiresAt().orElse(null));
        return issuer.issue(keys.current(), account.id(), account.username(), account.groups(), session.id(), now,
                expiresAt);
    }
}
