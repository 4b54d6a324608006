package dev.tokenmanager.identity.oidc;

import dev.tokenmanager.account.Account;
import dev.tokenmanager.events.SecurityEvent;
import dev.tokenmanager.events.SecurityEventKind;
import dev.tokenmanager.events.SecurityEvents;
import dev.tokenmanager.identity.ExternalAccounts.Provisioned;
import dev.tokenmanager.identity.ExternalIdentity;
import dev.tokenmanager.identity.ExternalSignIns;
import dev.tokenmanager.session.Origin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jose4j.jwt.JwtClaims;

/**
 * Signs a person in from a provider's ID token: verifies it, and turns its {@code (iss, sub)}, username claim and
 * mapped groups into their account (created at the first sign-in, brought up to date at each one).
 */
@ApplicationScoped
public class ProviderSignIn {

    /** What an ID token came to. */
    public sealed interface Result {
        /** The account, and the origin its session gets ({@code oidc:<name>} and the provider's {@code sid}). */
        record SignedIn(Account account, Origin origin) implements Result {
        }

        /** The token broke a rule ({@code reason} says which; for logs and the error description). */
        record Refused(String reason) implements Result {
        }

        /** The provider vouched for the person but their account cannot be used; {@code reason} says why. */
        record AccountRefused(String reason) implements Result {
        }

        /** The provider's discovery or keys could not be fetched. */
        record Unavailable(String source) implements Result {
        }
    }

    @Inject
    Providers providers;
    @Inject
    ExternalSignIns signIns;
    @Inject
    SecurityEvents events;

    /**
     * Signs in with an ID token whose issuer must be a configured provider's (token exchange): no nonce was sent, so
     * none is checked.
     */
    public Result withIdToken(String idToken, String ip) {
        Optional<Provider> provider = ProviderTokens.unverifiedIssuer(idToken).flatMap(providers::byIssuer);
        if (provider.isEmpty()) {
            return refused(null, "the ID token is not from a configured provider", ip);
        }
        return withIdToken(provider.get(), idToken, Optional.empty(), ip);
    }

    /** Signs in with an ID token of {@code provider}; with {@code nonceCheck}, the nonce we sent must be in it. */
    public Result withIdToken(Provider provider, String idToken, Optional<Predicate<String>> nonceCheck, String ip) {
        JwtClaims claims;
        try {
            claims = providers.tokens().verifyIdToken(provider, idToken, nonceCheck);
        } catch (ProviderTokenException e) {
            return refused(provider, e.getMessage(), ip);
        } catch (ProviderUnavailableException e) {
            events.record(SecurityEvent.of(SecurityEventKind.IDENTITY_SOURCE_UNAVAILABLE).ip(ip)
                    .detail(provider.settings().source() + " cannot be reached"));
            return new Result.Unavailable(provider.settings().source());
        }
        ProviderSettings settings = provider.settings();
        ExternalIdentity identity;
        String sid;
        try {
            identity = new ExternalIdentity(settings.source(), settings.issuer() + "#" + claims.getSubject(),
                    claims.getClaimValue(settings.usernameClaim()) instanceof String name ? name : "",
                    settings.groupMap().map(groups(claims.getClaimValue(settings.groupsClaim()))));
            sid = claims.hasClaim("sid") ? claims.getStringClaimValue("sid") : null;
        } catch (org.jose4j.jwt.MalformedClaimException e) {
            return refused(provider, "the ID token has a malformed claim", ip);
        }
        if (sid != null && (sid.isEmpty() || sid.length() > 255)) {
            return refused(provider, "the ID token's sid is not a session id", ip);
        }
        Provisioned provisioned = signIns.provision(identity, ip);
        if (provisioned instanceof Provisioned.Ready ready) {
            return new Result.SignedIn(ready.account(), new Origin(settings.source(), sid));
        }
        if (provisioned instanceof Provisioned.Disabled) {
            return new Result.AccountRefused("the account is deactivated");
        }
        return new Result.AccountRefused("another account has the username the provider gives, or it is not a valid"
                + " username; accounts are never linked by name");
    }

    private Result refused(Provider provider, String reason, String ip) {
        events.record(SecurityEvent.of(SecurityEventKind.OIDC_SIGN_IN_REFUSED).ip(ip)
                .detail((provider == null ? "" : provider.settings().source() + ": ") + reason));
        return new Result.Refused(reason);
    }

    private static List<String> groups(Object claim) {
        List<String> groups = new ArrayList<>();
        if (claim instanceof String single) {
            groups.add(single);
        } else if (claim instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(groups::add);
        }
        return groups;
    }
}
