package dev.tokenmanager.api;

import dev.tokenmanager.auth.GrantService;
import dev.tokenmanager.auth.GrantService.LoginResult;
import dev.tokenmanager.client.ClientCheck;
import dev.tokenmanager.client.ClientCredentials;
import dev.tokenmanager.client.ClientRegistry;
import dev.tokenmanager.events.SecurityEvent;
import dev.tokenmanager.events.SecurityEventKind;
import dev.tokenmanager.events.SecurityEvents;
import dev.tokenmanager.identity.oidc.ProviderSignIn;
import dev.tokenmanager.session.ClientInfo;
import dev.tokenmanager.session.SessionNames;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.util.Optional;

/** What the token endpoint's provider grants share: a provider sign-in's result as the login body or an OAuth error. */
final class ProviderGrants {

    private ProviderGrants() {
    }

    /** The login session for a provider's sign-in, or the OAuth error that says why there is none. */
    static JsonObjectBuilder signIn(GrantService grants, ProviderSignIn.Result result, String sessionName,
                                    ClientInfo client, String clientId, Instant now) {
        if (result instanceof ProviderSignIn.Result.Unavailable) {
            throw OAuthErrorException.temporarilyUnavailable("The identity provider cannot be reached; try again"
                    + " shortly.", GrantService.SOURCE_RETRY_AFTER);
        }
        if (result instanceof ProviderSignIn.Result.Refused refused) {
            throw OAuthErrorException.invalidGrant("The ID token was refused: " + refused.reason() + ".");
        }
        if (result instanceof ProviderSignIn.Result.AccountRefused refused) {
            throw OAuthErrorException.invalidGrant("The provider signed you in, but " + refused.reason() + ".");
        }
        ProviderSignIn.Result.SignedIn signedIn = (ProviderSignIn.Result.SignedIn) result;
        return started(grants.signIn(signedIn.account(), signedIn.origin(), sessionName, client, clientId), now);
    }

    /** The login body of a started session (lifetimes counted from {@code now}), or the OAuth error for a limit. */
    static JsonObjectBuilder started(LoginResult login, Instant now) {
        if (login instanceof LoginResult.Success success) {
            return AuthResource.tokenBody(success.granted(), now);
        }
        if (login instanceof LoginResult.SessionLimitReached) {
            throw OAuthErrorException.invalidGrant("This account has the most login sessions allowed; sign out on"
                    + " another device first.");
        }
        throw OAuthErrorException.invalidGrant("No session can be started for this account.");
    }

    /**
     * The registered client a provider grant names, checked: {@code client_id} (with {@code client_secret} for a
     * client that has one) in the form, or both in HTTP Basic ({@code client_secret_basic}); null when none is named.
     * An unknown or disabled client is 400 {@code invalid_client}, a missing or wrong secret 401 (and a security event
     * from {@code ip}).
     */
    static String client(MultivaluedMap<String, String> form, HttpServletRequest request, ClientRegistry registry,
                         SecurityEvents events, String ip) {
        Optional<ClientCredentials> basic = ClientCredentials.fromBasic(request.getHeader("Authorization"));
        if (basic.isPresent() && form.getFirst("client_id") != null) {
            throw OAuthErrorException.invalidRequest("Name the client once: in HTTP Basic or in the form, not both.");
        }
        ClientCheck check = basic.map(credentials -> registry.check(credentials.clientId(), credentials.secret()))
                .orElseGet(() -> registry.check(form.getFirst("client_id"), form.getFirst("client_secret")));
        if (check instanceof ClientCheck.Accepted accepted) {
            return accepted.clientId();
        }
        if (check instanceof ClientCheck.Refused refused) {
            throw OAuthErrorException.invalidClient(400, refused.detail());
        }
        if (check instanceof ClientCheck.Unauthenticated unauthenticated) {
            events.record(SecurityEvent.of(SecurityEventKind.CLIENT_AUTHENTICATION_FAILED).ip(ip)
                    .detail("client " + unauthenticated.clientId() + ": missing or wrong client_secret"));
            throw OAuthErrorException.invalidClient(401, "This client must send its secret, and the one sent is"
                    + " missing or wrong.");
        }
        return null;
    }

    /** A form field of at most {@code maxLength} characters: 400 {@code invalid_request} when absent or longer. */
    static String required(MultivaluedMap<String, String> form, String name, int maxLength) {
        String value = form.getFirst(name);
        if (value == null || value.isEmpty()) {
            throw OAuthErrorException.invalidRequest("'" + name + "' is required.");
        }
        if (value.length() > maxLength) {
            throw OAuthErrorException.invalidRequest("'" + name + "' must be at most " + maxLength + " characters.");
        }
        return value;
    }

    /** The optional {@code device_name} field, bounded like a login's. */
    static String deviceName(MultivaluedMap<String, String> form) {
        String name = form.getFirst("device_name");
        if (name != null && name.length() > SessionNames.MAX_LENGTH) {
            throw OAuthErrorException.invalidRequest("'device_name' must be at most " + SessionNames.MAX_LENGTH
                    + " characters.");
        }
        return name;
    }
}
