package dev.tokenmanager.api;

import dev.tokenmanager.account.Account;
import dev.tokenmanager.account.AccountRepository;
import dev.tokenmanager.auth.GrantService;
import dev.tokenmanager.client.ClientRegistry;
import dev.tokenmanager.events.SecurityEvent;
import dev.tokenmanager.events.SecurityEventKind;
import dev.tokenmanager.events.SecurityEvents;
import dev.tokenmanager.http.ClientInfoResolver;
import dev.tokenmanager.identity.oidc.BrowserSignIn;
import dev.tokenmanager.session.ClientInfo;
import dev.tokenmanager.session.DeviceRecognizer;
import dev.tokenmanager.session.Origin;
import dev.tokenmanager.session.SessionNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Optional;

/**
 * The end of a browser sign-in: the front end redeems the one-time code its redirect URI received
 * ({@code code}, the same {@code redirect_uri}, and {@code code_verifier} when it sent a PKCE challenge) for the
 * login body. The session is started now, on the device and address of the browser that came back from the
 * provider, with the provider's session id; the refresh token is issued now.
 */
@ApplicationScoped
public class AuthorizationCodeGrant implements TokenGrant {

    @Inject
    BrowserSignIn browserSignIn;
    @Inject
    AccountRepository accounts;
    @Inject
    GrantService grants;
    @Inject
    DeviceRecognizer devices;
    @Inject
    ClientInfoResolver clients;
    @Inject
    SecurityEvents events;
    @Inject
    ClientRegistry registeredClients;
    @Inject
    Clock clock;

    @Override
    public String grantType() {
        return "authorization_code";
    }

    @Override
    public Response grant(MultivaluedMap<String, String> form, HttpServletRequest request) {
        String code = ProviderGrants.required(form, "code", 128);
        String redirectUri = ProviderGrants.required(form, "redirect_uri", 2048);
        String verifier = form.getFirst("code_verifier");
        String deviceName = ProviderGrants.deviceName(form);
        String clientId = ProviderGrants.client(form, request, registeredClients, events, clients.of(request).ip());
        // A client redeems only codes sent to one of its own redirect URIs (checked before the code is used up).
        if (clientId != null
                && registeredClients.find(clientId).filter(found -> found.allowsRedirectTo(redirectUri)).isEmpty()) {
            throw OAuthErrorException.invalidGrant("'redirect_uri' is not one of this client's redirect URIs.");
        }
        Optional<BrowserSignIn.Redeemed> redeemed = browserSignIn.redeem(code, redirectUri, verifier);
        if (redeemed.isEmpty()) {
            events.record(SecurityEvent.of(SecurityEventKind.OIDC_SIGN_IN_REFUSED).ip(clients.of(request).ip())
                    .detail("a one-time code was unknown, used, expired, or sent with another redirect URI or PKCE"
                            + " verifier"));
            throw OAuthErrorException.invalidGrant("The code is unknown, expired or used, or the redirect URI or"
                    + " code verifier does not match.");
        }
        BrowserSignIn.Redeemed found = redeemed.get();
        Account account = accounts.byId(found.accountId()).filter(Account::isActive)
                .orElseThrow(() -> OAuthErrorException.invalidGrant("The account is deactivated."));
        ClientInfo browser = new ClientInfo(found.ip(), found.userAgent(), devices.parse(found.userAgent()));
        String name = SessionNames.of(deviceName, null, browser.device());
        Origin origin = new Origin("oidc:" + found.provider(), found.providerSid());
        return AuthResource.tokenResponse(ProviderGrants.started(grants.signIn(account, origin, name, browser,
                clientId), clock.instant()));
    }
}
