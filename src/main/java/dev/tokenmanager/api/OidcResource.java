package dev.tokenmanager.api;

import dev.tokenmanager.auth.ConsoleCookie;
import dev.tokenmanager.auth.GrantService;
import dev.tokenmanager.auth.GrantService.LoginResult;
import dev.tokenmanager.auth.TokenAuthenticationMechanism;
import dev.tokenmanager.crypto.SecretHash;
import dev.tokenmanager.events.SecurityEvent;
import dev.tokenmanager.events.SecurityEventKind;
import dev.tokenmanager.events.SecurityEvents;
import dev.tokenmanager.http.ClientInfoResolver;
import dev.tokenmanager.http.PublicUrl;
import dev.tokenmanager.identity.IdentitySettings;
import dev.tokenmanager.identity.oidc.BackChannelLogout;
import dev.tokenmanager.identity.oidc.BrowserSignIn;
import dev.tokenmanager.identity.oidc.OidcFlow;
import dev.tokenmanager.identity.oidc.Provider;
import dev.tokenmanager.identity.oidc.ProviderSignIn;
import dev.tokenmanager.identity.oidc.ProviderTokens;
import dev.tokenmanager.identity.oidc.ProviderUnavailableException;
import dev.tokenmanager.identity.oidc.Providers;
import dev.tokenmanager.session.ClientInfo;
import dev.tokenmanager.http.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sign-in through an OpenID Connect provider in the browser, and the provider's back-channel logout:
 * {@code /api/auth/oidc/{provider}/authorize} (for a front end), {@code /console} (for the admin console),
 * {@code /callback} (where the provider returns the browser) and {@code /backchannel-logout}. Before a valid redirect
 * URI is known, errors are problem+json; after, they go back to the front end as an OAuth error redirect
 * ({@code error}, {@code state}).
 */
@RequestScoped
@Path("auth/oidc/{provider}")
public class OidcResource {

    /** The cookie that binds a console sign-in to the browser that started it. */
    static final String BROWSER_COOKIE = "tm_oidc_browser";
    /** Error codes of an authorization response (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6) passed on as they are. */
    private static final Set<String> PROVIDER_ERRORS = Set.of("access_denied", "login_required",
            "interaction_required", "consent_required", "account_selection_required", "temporarily_unavailable",
            "server_error", "invalid_scope", "unauthorized_client", "invalid_request", "unsupported_response_type");

    @Inject
    Providers providers;
    @Inject
    BrowserSignIn browserSignIn;
    @Inject
    ProviderSignIn signIn;
    @Inject
    BackChannelLogout backChannelLogout;
    @Inject
    GrantService grants;
    @Inject
    IdentitySettings settings;
    @Inject
    ClientInfoResolver clients;
    @Inject
    SecurityEvents events;
    @Context
    HttpServletRequest request;
    @Context
    HttpServletResponse response;
    @Context
    UriInfo uri;

    @PathParam("provider")
    String providerName;

    /**
     * Starts a front end's sign-in: {@code redirect_uri} (exactly one of the provider's allow-list), the front end's
     * own {@code state} (passed back), and optionally its PKCE {@code code_challenge} with
     * {@code code_challenge_method=S256} (then the one-time code is redeemed only with the verifier).
     */
    @GET
    @Path("authorize")
    @Public
    public Response authorize() {
        Provider provider = provider();
        Map<String, String> query = singleValued();
        String redirect = query.get("redirect_uri");
        if (redirect == null || redirect.isEmpty()) {
            throw ProblemException.badRequest("'redirect_uri' is required.");
        }
        if (!provider.settings().redirectUris().contains(redirect)) {
            throw new ProblemException(400, "redirect-uri-not-allowed",
                    "'redirect_uri' is not on this provider's list of redirect URIs.");
        }
        URI redirectUri = URI.create(redirect);
        String state = query.get("state");
        if (state != null && state.length() > 512) {
            return errorRedirect(redirectUri, null, "invalid_request", "'state' must be at most 512 characters.");
        }
        String challenge = query.get("code_challenge");
        String method = query.get("code_challenge_method");
        if ((challenge != null || method != null)
                && (!"S256".equals(method) || !BrowserSignIn.isChallenge(challenge))) {
            return errorRedirect(redirectUri, state, "invalid_request", "A PKCE code challenge must be S256: 43"
                    + " base64url characters with code_challenge_method=S256.");
        }
        try {
            BrowserSignIn.Started started = browserSignIn.start(provider, OidcFlow.Purpose.API, callbackUri(),
                    redirectUri, state, challenge);
            return redirect(started.location());
        } catch (ProviderUnavailableException e) {
            return errorRedirect(redirectUri, state, "temporarily_unavailable",
                    "The identity provider cannot be reached; try again shortly.");
        }
    }

    /** Starts an administrator's sign-in to the console; it ends in the console's cookie, like the password form. */
    @GET
    @Path("console")
    @Public
    public Response console() {
        Provider provider = provider();
        try {
            BrowserSignIn.Started started = browserSignIn.start(provider, OidcFlow.Purpose.CONSOLE, callbackUri(), null,
                    null, null);
            response.addCookie(browserCookie(started.browserSecret(),
                    (int) BrowserSignIn.FLOW_TTL.toSeconds()));
            return redirect(started.location());
        } catch (ProviderUnavailableException e) {
            return redirect(consoleLogin("unavailable"));
        }
    }

    /** Where the provider sends the browser back: {@code code} and {@code state}, or {@code error}. */
    @GET
    @Path("callback")
    @Public
    public Response callback() {
        Provider provider = provider();
        Map<String, String> query = singleValued();
        ClientInfo browser = clients.of(request);
        Optional<BrowserSignIn.Callback> found = browserSignIn.takeFlow(query.get("state"))
                .filter(flow -> flow.provider().equals(providerName));
        if (found.isEmpty()) {
            events.record(SecurityEvent.of(SecurityEventKind.OIDC_SIGN_IN_REFUSED).ip(browser.ip())
                    .detail(provider.settings().source() + ": a callback with an unknown, used or expired state"));
            throw new ProblemException(400, "invalid-state", "This sign-in is unknown, expired or already used;"
                    + " start again.");
        }
        BrowserSignIn.Callback flow = found.get();
        if (flow.purpose() == OidcFlow.Purpose.CONSOLE) {
            response.addCookie(browserCookie("", 0));
            String secret = cookie(BROWSER_COOKIE).orElse(null);
            if (!SecretHash.matches(secret, flow.browserHash())) {
                events.record(SecurityEvent.of(SecurityEventKind.OIDC_SIGN_IN_REFUSED).ip(browser.ip())
                        .detail(provider.settings().source() + ": a console callback from another browser"));
                throw new ProblemException(400, "invalid-state", "This sign-in was started in another browser;"
                        + " start again.");
            }
        }
        String error = query.get("error");
        if (error != null) {
            return failed(flow, PROVIDER_ERRORS.contains(error) ? error : "access_denied",
                    "The identity provider did not sign you in.");
        }
        String code = query.get("code");
        if (code == null || code.isEmpty() || code.length() > 2048) {
            return failed(flow, "invalid_request", "The identity provider sent no authorization code.");
        }
        String idToken;
        try {
            idToken = provider.redeem(code, callbackUri(), flow.verifier());
        } catch (ProviderUnavailableException e) {
            return failed(flow, "temporarily_unavailable", "The identity provider cannot be reached; try again"
                    + " shortly.");
        } catch (Provider.RedemptionRefusedException e) {
            events.record(SecurityEvent.of(SecurityEventKind.OIDC_SIGN_IN_REFUSED).ip(browser.ip())
                    .detail(provider.settings().source() + ": the provider refused to redeem the code ("
                            + e.getMessage() + ")"));
            return failed(flow, "access_denied", "The identity provider refused the authorization code.");
        }
        ProviderSignIn.Result result = signIn.withIdToken(provider, idToken,
                Optional.of(nonce -> SecretHash.matches(nonce, flow.nonceHash())), browser.ip());
        if (result instanceof ProviderSignIn.Result.Unavailable) {
            return failed(flow, "temporarily_unavailable", "The identity provider cannot be reached; try again"
                    + " shortly.");
        }
        if (!(result instanceof ProviderSignIn.Result.SignedIn signedIn)) {
            String reason = result instanceof ProviderSignIn.Result.AccountRefused refused ? refused.reason()
                    : "the ID token was refused";
            return failed(flow, "access_denied", "The sign-in was refused: " + reason + ".");
        }
        if (flow.purpose() == OidcFlow.Purpose.CONSOLE) {
            return consoleSignedIn(signedIn, browser);
        }
        String oneTimeCode = browserSignIn.issueCode(providerName, signedIn.account().id(),
                signedIn.origin().providerSid(), flow.redirectUri(), flow.clientChallenge(), browser);
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("code", oneTimeCode);
        if (flow.clientState() != null) {
            answer.put("state", flow.clientState());
        }
        return redirect(BrowserSignIn.withQuery(flow.redirectUri(), answer));
    }

    private Response consoleSignedIn(ProviderSignIn.Result.SignedIn signedIn, ClientInfo browser) {
        LoginResult result = grants.consoleSignIn(signedIn.account(), signedIn.origin(), browser);
        if (result instanceof LoginResult.NotAdmin) {
            return redirect(consoleLogin("not-admin"));
        }
        if (!(result instanceof LoginResult.ConsoleSuccess success)) {
            return redirect(consoleLogin("session-limit"));
        }
        if (request.getSession(false) != null) {
            request.changeSessionId(); // no session fixation across the sign-in
        }
        ConsoleCookie.set(request, response, success.cookieSecret());
        // The browser arrives here from the provider's site, so a SameSite=Strict cookie would not go with a
        // redirect; a page of our own that moves on makes the next request same-site.
        String console = request.getContextPath() + "/admin/index.xhtml";
        String page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"refresh\" content=\"0;url=" + console + "\"><title>token-manager</title></head>"
                + "<body><p>Signed in. <a id=\"continue\" href=\"" + console + "\">Continue to the console</a>.</p>"
                + "</body></html>";
        return Response.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                .build();
    }

    /**
     * A provider's back-channel logout: form {@code logout_token}. {@code 200} when it is valid (whether or not a
     * session was live), {@code 400} with the OAuth error JSON when not.
     */
    @POST
    @Path("backchannel-logout")
    @Public
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response backChannelLogout(MultivaluedMap<String, String> form) {
        Optional<Provider> provider = providers.byName(providerName);
        if (provider.isEmpty()) {
            throw OAuthErrorException.invalidRequest("No such identity provider.");
        }
        String token = form == null ? null : form.getFirst("logout_token");
        if (token == null || token.isEmpty() || token.length() > ProviderTokens.MAX_LENGTH) {
            throw OAuthErrorException.invalidRequest("'logout_token' is required.");
        }
        BackChannelLogout.Result result = backChannelLogout.logOut(provider.get(), token, clients.of(request).ip());
        if (result instanceof BackChannelLogout.Result.Refused refused) {
            throw OAuthErrorException.invalidRequest("The logout token was refused: " + refused.reason() + ".");
        }
        if (result instanceof BackChannelLogout.Result.Unavailable) {
            throw OAuthErrorException.temporarilyUnavailable("The identity provider's keys cannot be fetched.",
                    GrantService.SOURCE_RETRY_AFTER);
        }
        return Response.ok().header("Cache-Control", "no-store").build();
    }

    private Provider provider() {
        return providers.byName(providerName).orElseThrow(ProblemException::notFound);
    }

    /** The query parameters, each at most once (RFC 6749 §3.1); 400 otherwise. */
    private Map<String, String> singleValued() {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters().entrySet()) {
            if (parameter.getValue().size() != 1) {
                throw ProblemException.badRequest("Each parameter may be sent once.");
            }
            values.put(parameter.getKey(), parameter.getValue().get(0));
        }
        return values;
    }

    /** Our callback URL at this provider (to be registered there as a redirect URI). */
    private URI callbackUri() {
        return URI.create(PublicUrl.base(settings.publicUrl(), request) + "/api/auth/oidc/" + providerName
                + "/callback");
    }

    private Response failed(BrowserSignIn.Callback flow, String error, String description) {
        if (flow.purpose() == OidcFlow.Purpose.CONSOLE) {
            return redirect(consoleLogin("failed"));
        }
        return errorRedirect(flow.redirectUri(), flow.clientState(), error, description);
    }

    private static Response errorRedirect(URI redirectUri, String state, String error, String description) {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("error", error);
        answer.put("error_description", description);
        if (state != null) {
            answer.put("state", state);
        }
        return redirect(BrowserSignIn.withQuery(redirectUri, answer));
    }

    private static Response redirect(URI location) {
        return Response.seeOther(location).header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer").build();
    }

    /**
     * The console's login page with an outcome, as an absolute URI: JAX-RS resolves a relative {@code Location}
     * against the application's base URI ({@code /api/}), where RESTEasy (WildFly) keeps a leading slash.
     */
    private URI consoleLogin(String outcome) {
        return URI.create(request.getRequestURL().toString()).resolve(request.getContextPath()
                + TokenAuthenticationMechanism.CONSOLE_LOGIN_PAGE + "?signin=" + outcome);
    }

    private Cookie browserCookie(String value, int maxAge) {
        Cookie cookie = new Cookie(BROWSER_COOKIE, value);
        cookie.setPath(request.getContextPath() + "/api/auth/oidc/");
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setMaxAge(maxAge);
        // Lax: the cookie must come along on the provider's top-level redirect back to the callback.
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
    }

    private Optional<String> cookie(String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isEmpty()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }
}
