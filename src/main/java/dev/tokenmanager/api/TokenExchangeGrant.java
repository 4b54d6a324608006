package dev.tokenmanager.api;

import dev.tokenmanager.auth.GrantService;
import dev.tokenmanager.client.ClientRegistry;
import dev.tokenmanager.events.SecurityEvents;
import dev.tokenmanager.http.ClientInfoResolver;
import dev.tokenmanager.identity.oidc.ProviderSignIn;
import dev.tokenmanager.identity.oidc.ProviderTokens;
import dev.tokenmanager.session.ClientInfo;
import dev.tokenmanager.session.SessionNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/**
 * Token exchange (RFC 8693) of a provider's ID token for a login session on the calling device: the front end
 * already signed the person in at the provider and holds its ID token ({@code subject_token}, with
 * {@code subject_token_type=urn:ietf:params:oauth:token-type:id_token}). The ID token's {@code iss} picks the
 * configured provider whose rules verify it.
 */
@ApplicationScoped
public class TokenExchangeGrant implements TokenGrant {

    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    public static final String ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    @Inject
    ProviderSignIn signIn;
    @Inject
    GrantService grants;
    @Inject
    ClientInfoResolver clients;
    @Inject
    ClientRegistry registeredClients;
    @Inject
    SecurityEvents events;
    @Inject
    Clock clock;

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public Response grant(MultivaluedMap<String, String> form, HttpServletRequest request) {
        String subjectToken = ProviderGrants.required(form, "subject_token", ProviderTokens.MAX_LENGTH);
        String type = ProviderGrants.required(form, "subject_token_type", 256);
        if (!ID_TOKEN_TYPE.equals(type)) {
            throw OAuthErrorException.invalidRequest("'subject_token_type' must be " + ID_TOKEN_TYPE + ".");
        }
        String requested = form.getFirst("requested_token_type");
        if (requested != null && !requested.equals(ACCESS_TOKEN_TYPE)) {
            throw OAuthErrorException.invalidRequest("Only access tokens are issued ('requested_token_type').");
        }
        String deviceName = ProviderGrants.deviceName(form);
        ClientInfo client = clients.of(request);
        String clientId = ProviderGrants.client(form, request, registeredClients, events, client.ip());
        String name = SessionNames.of(deviceName, request.getHeader("X-Device-Model"), client.device());
        return AuthResource.tokenResponse(ProviderGrants.signIn(grants, signIn.withIdToken(subjectToken, client.ip()),
                name, client, clientId, clock.instant()).add("issued_token_type", ACCESS_TOKEN_TYPE));
    }
}
