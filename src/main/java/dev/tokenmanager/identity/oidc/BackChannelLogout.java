package dev.tokenmanager.identity.oidc;

import dev.tokenmanager.account.Account;
import dev.tokenmanager.account.AccountRepository;
import dev.tokenmanager.crypto.SecretHash;
import dev.tokenmanager.events.SecurityEvent;
import dev.tokenmanager.events.SecurityEventKind;
import dev.tokenmanager.events.SecurityEvents;
import dev.tokenmanager.persistence.DatabaseFailures;
import dev.tokenmanager.session.SessionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.util.Optional;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

/**
 * A provider's back-channel logout (OpenID Connect Back-Channel Logout 1.0): verifies the logout token, refuses one
 * whose {@code jti} was seen before, and revokes, through the session service (so every node hears of it), the
 * sessions signed in through that provider in the provider session {@code sid}, or, without a {@code sid}, all of
 * the subject's sessions from that provider.
 */
@ApplicationScoped
public class BackChannelLogout {

    /** What a logout token came to. */
    public sealed interface Result {
        record LoggedOut(int revoked) implements Result {
        }

        record Refused(String reason) implements Result {
        }

        record Unavailable() implements Result {
        }
    }

    @Inject
    Providers providers;
    @Inject
    SeenLogoutTokens seen;
    @Inject
    AccountRepository accounts;
    @Inject
    SessionService sessions;
    @Inject
    SecurityEvents events;

    public Result logOut(Provider provider, String logoutToken, String ip) {
        String source = provider.settings().source();
        JwtClaims claims;
        String sid;
        String sub;
        try {
            claims = providers.tokens().verifyLogoutToken(provider, logoutToken);
            sid = claims.hasClaim("sid") ? claims.getStringClaimValue("sid") : null;
            sub = claims.getSubject();
            if (!firstTime(provider, claims)) {
                return refused(source, "the logout token was used before (jti)", ip);
            }
        } catch (ProviderTokenException e) {
            return refused(source, e.getMessage(), ip);
        } catch (MalformedClaimException e) {
            return refused(source, "the logout token has a malformed claim", ip);
        } catch (ProviderUnavailableException e) {
            return new Result.Unavailable();
        }
        int revoked;
        Optional<Account> account = sub == null ? Optional.empty()
                : accounts.byExternalId(source, provider.settings().issuer() + "#" + sub);
        if (sid != null) {
            revoked = sessions.revokeProviderSession(source, sid);
        } else {
            revoked = account.map(found -> sessions.revokeLoginsFrom(found.id(), source)).orElse(0);
        }
        SecurityEvent event = SecurityEvent.of(SecurityEventKind.BACKCHANNEL_LOGOUT).ip(ip)
                .detail(source + (sid != null ? " ended its session" : " ended all sessions of the subject") + ": "
                        + revoked + " sessions revoked");
        events.record(account.map(found -> event.account(found.id(), found.username())).orElse(event));
        return new Result.LoggedOut(revoked);
    }

    private boolean firstTime(Provider provider, JwtClaims claims) throws MalformedClaimException {
        try {
            return seen.firstTime(provider.settings().name(), SecretHash.of(claims.getJwtId()),
                    claims.getExpirationTime().getValueInMillis());
        } catch (PersistenceException | TransactionalException e) {
            if (DatabaseFailures.isDatabaseUnavailable(e)) {
                throw e;
            }
            return false; // another node accepted the same token at the same moment
        }
    }

    private Result refused(String source, String reason, String ip) {
        events.record(SecurityEvent.of(SecurityEventKind.BACKCHANNEL_LOGOUT_REFUSED).ip(ip)
                .detail(source + ": " + reason));
        return new Result.Refused(reason);
    }
}
