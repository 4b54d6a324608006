package dev.tokenmanager.it;

import static dev.tokenmanager.it.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Api.Tokens;
import dev.tokenmanager.it.support.Api.User;
import dev.tokenmanager.it.support.Browser;
import dev.tokenmanager.it.support.Deployments;
import dev.tokenmanager.it.support.Reply;
import dev.tokenmanager.it.support.ScreenshotOnFailure;
import dev.tokenmanager.it.support.TcpProxy;
import dev.tokenmanager.it.support.TestProvider;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * People from OpenID Connect providers sign in: token exchange of an ID token, the browser sign-in with PKCE and a
 * one-time code, the provider's back-channel logout, the console's "Sign in with", and the discovery metadata. The
 * provider is real ({@code mock-oauth2-server} on loopback); bad tokens are forged with keys of the test's own.
 */
@ExtendWith(ArquillianExtension.class)
class OidcSignInIT {

    static final String CLIENT_ID = "token-manager-client";
    static final String CLIENT_SECRET = "client-secret-for-tests-1";
    static final String APP = "https://app.example.test/signed-in";
    static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
    static final String LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private static TestProvider provider;
    private static String downIssuer;
    private static WebDriver driver;

    @RegisterExtension
    static final ScreenshotOnFailure SCREENSHOTS = new ScreenshotOnFailure(() -> driver);

    @Deployment(testable = false)
    static WebArchive deployment() {
        provider = TestProvider.start();
        downIssuer = "http://127.0.0.1:" + TcpProxy.freeLoopbackPort() + "/down";
        Map<String, String> settings = new HashMap<>();
        settings.put("token-manager.oidc.providers", "corp,other,down");
        for (String name : List.of("corp", "other")) {
            String p = "token-manager.oidc." + name + ".";
            settings.put(p + "issuer", provider.issuer(name));
            settings.put(p + "client-id", CLIENT_ID);
            settings.put(p + "client-secret", CLIENT_SECRET);
            settings.put(p + "redirect-uris", APP + ",https://app.example.test/other");
            settings.put(p + "group-map", "corp-admins=admin,corp-staff=staff");
        }
        settings.put("token-manager.oidc.corp.display-name", "Corp SSO");
        settings.put("token-manager.oidc.down.issuer", downIssuer);
        settings.put("token-manager.oidc.down.client-id", CLIENT_ID);
        settings.put("token-manager.oidc.down.client-secret", CLIENT_SECRET);
        settings.put("token-manager.oidc.down.redirect-uris", APP);
        settings.put("token-manager.oidc.down.timeout", "PT2S");
        return Deployments.tokenManager("OidcSignInIT", settings);
    }

    @AfterAll
    static void stopProvider() {
        if (driver != null) {
            driver.quit();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @ArquillianResource
    URL url;

    private Api api;

    @BeforeEach
    void setUp() {
        api = Api.of(url);
    }

    // ---- helpers ----

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> person(String username, List<String> groups, String sid) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("preferred_username", username);
        claims.put("groups", groups);
        if (sid != null) {
            claims.put("sid", sid);
        }
        return claims;
    }

    private String idToken(String sub, String username, List<String> groups, String sid) {
        return provider.idToken("corp", sub, CLIENT_ID, person(username, groups, sid), 3600);
    }

    private Reply exchange(String subjectToken) {
        return exchange(subjectToken, Api.FIREFOX_WINDOWS);
    }

    private Reply exchange(String subjectToken, String userAgent) {
        return api.request("POST", "/api/auth/token").userAgent(userAgent).form(Map.of("grant_type", EXCHANGE,
                "subject_token", subjectToken, "subject_token_type", ID_TOKEN)).send();
    }

    private static void assertOAuthError(Reply reply, int status, String error) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().getString("error")).as("%s", reply).isEqualTo(error);
        assertThat(reply.json().getString("error_description")).isNotBlank();
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.body()).doesNotContainIgnoringCase("exception").doesNotContain("java.");
    }

    private JsonObject me(String token) {
        Reply reply = api.get("/api/me", token);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json();
    }

    private static List<String> groups(JsonObject me) {
        return me.getJsonArray("groups").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private Optional<JsonObject> user(String username) {
        return api.get("/api/admin/users", api.loginAdmin().access()).jsonArray().getValuesAs(JsonObject.class)
                .stream().filter(user -> user.getString("username").equals(username)).findFirst();
    }

    private JsonObject currentSession(String token) {
        return api.get("/api/sessions", token).jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getBoolean("current")).findFirst().orElseThrow();
    }

    private static JsonObject payload(String jwt) {
        return Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                StandardCharsets.UTF_8))).readObject();
    }

    private static String json(Map<String, Object> claims) {
        return org.jose4j.json.JsonUtil.toJson(claims);
    }

    /** A token signed with a key of the test's own (the provider never made it). */
    private static String forged(String alg, java.security.Key key, String kid, Map<String, Object> claims) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(json(claims));
            jws.setAlgorithmHeaderValue(alg);
            if (kid != null) {
                jws.setKeyIdHeaderValue(kid);
            }
            jws.setKey(key);
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            jws.setDoKeyValidation(false);
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> claimsOf(String issuer, String sub, String username) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", CLIENT_ID);
        claims.put("sub", sub);
        claims.put("iat", now);
        claims.put("exp", now + 600);
        claims.put("preferred_username", username);
        return claims;
    }

    private static PublicJsonWebKey providerKey() throws Exception {
        HttpResponse<String> jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(provider.jwksUrl("corp"))).build(), HttpResponse.BodyHandlers.ofString());
        return (PublicJsonWebKey) new JsonWebKeySet(jwks.body()).getJsonWebKeys().get(0);
    }

    // ---- the browser, as seen by the server: redirects followed by hand, cookies kept ----

    /** One browser: its own cookies, redirects not followed (the test looks at each). */
    static final class Navigator {
        private final HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> get(URI uri) {
            try {
                return client.send(HttpRequest.newBuilder(uri).header("User-Agent", Api.CHROME_LINUX)
                        .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** GET {@code uri}, expecting a redirect; answers where to. */
        URI redirect(URI uri) {
            HttpResponse<String> response = get(uri);
            assertThat(response.statusCode()).as("%s -> %s %s", uri, response.statusCode(), response.body())
                    .isIn(302, 303);
            return uri.resolve(response.headers().firstValue("Location").orElseThrow());
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return values;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String s256(String verifier) throws NoSuchAlgorithmException {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private URI authorize(String query) {
        return api.uri("/api/auth/oidc/corp/authorize?" + query);
    }

    /** Our callback URL with the provider's answer: the browser has been at the provider and comes back. */
    private URI atProvider(Navigator browser, URI authorize) {
        URI providerAuthorize = browser.redirect(authorize);
        assertThat(providerAuthorize.toString()).startsWith(provider.issuer("corp"));
        URI callback = browser.redirect(providerAuthorize);
        assertThat(callback.getPath()).isEqualTo("/api/auth/oidc/corp/callback");
        return callback;
    }

    private Reply redeem(String code, String redirectUri, String verifier) {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirectUri));
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        return api.request("POST", "/api/auth/token").form(form).send();
    }

    // ---- token exchange ----

    @Test
    void tokenExchangeSignsThePersonInJustInTimeWithTheLoginBodyForTheCallingDevice() {
        String name = unique("olivia");
        Reply reply = exchange(idToken(unique("sub"), name, List.of("corp-staff", "unmapped"), "provider-session-1"));

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        JsonObject body = reply.json();
        assertThat(body.keySet()).contains("access_token", "token_type", "expires_in", "refresh_token",
                "refresh_expires_in", "session_id", "issued_token_type");
        assertThat(body.getString("issued_token_type")).isEqualTo("urn:ietf:params:oauth:token-type:access_token");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        String access = body.getString("access_token");
        JsonObject me = me(access);
        assertThat(me.getString("username")).isEqualTo(name);
        assertThat(groups(me)).containsExactly("staff");
        JsonObject session = currentSession(access);
        assertThat(session.getString("source")).isEqualTo("oidc:corp");
        assertThat(session.getJsonObject("device").getString("os")).startsWith("Windows");
        assertThat(user(name).orElseThrow().getString("source")).isEqualTo("oidc:corp");
        assertThat(payload(access).getString("aud")).isEqualTo("token-manager");
        Reply refreshed = api.request("POST", "/api/auth/refresh").header("Refresh-Token",
                body.getString("refresh_token")).send();
        assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
    }

    /** A registered client (with a secret when {@code withSecret}) whose audience and redirect URIs are given. */
    private JsonObject registerClient(String prefix, boolean withSecret, String audience, String... redirectUris) {
        jakarta.json.JsonArrayBuilder uris = Json.createArrayBuilder();
        for (String uri : redirectUris) {
            uris.add(uri);
        }
        Reply created = api.postJson("/api/admin/clients", api.loginAdmin().access(), Json.createObjectBuilder()
                .add("client_id", unique(prefix)).add("secret", withSecret).add("audience", audience)
                .add("redirect_uris", uris).build());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json();
    }

    private Reply exchangeFor(String subjectToken, Map<String, String> client, String basic) {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", EXCHANGE, "subject_token", subjectToken,
                "subject_token_type", ID_TOKEN));
        form.putAll(client);
        Api.Request request = api.request("POST", "/api/auth/token").userAgent(Api.FIREFOX_WINDOWS);
        if (basic != null) {
            request.header("Authorization", basic);
        }
        return request.form(form).send();
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tokenExchangeNamingARegisteredClientGivesItsSessionThatClientAndItsTokensItsAudience() {
        JsonObject portal = registerClient("portal", true, "portal-api");
        String clientId = portal.getString("client_id");
        String secret = portal.getString("secret");

        for (Reply reply : List.of(
                exchangeFor(idToken(unique("sub"), unique("cleo"), List.of("corp-staff"), null),
                        Map.of("client_id", clientId, "client_secret", secret), null),
                exchangeFor(idToken(unique("sub"), unique("cleo"), List.of("corp-staff"), null), Map.of(),
                        basic(clientId, secret)))) {
            assertThat(reply.status()).as("%s", reply).isEqualTo(200);
            String access = reply.json().getString("access_token");
            assertThat(payload(access).getString("client_id")).isEqualTo(clientId);
            assertThat(payload(access).getString("aud")).isEqualTo("portal-api");
            assertThat(currentSession(access).getString("client_id")).isEqualTo(clientId);
        }

        String name = unique("wrong-secret");
        assertOAuthError(exchangeFor(idToken(unique("sub"), name, List.of("corp-staff"), null),
                Map.of("client_id", clientId, "client_secret", "tmcs_wrong"), null), 401, "invalid_client");
        assertOAuthError(exchangeFor(idToken(unique("sub"), name, List.of("corp-staff"), null),
                Map.of("client_id", clientId), null), 401, "invalid_client");
        assertOAuthError(exchangeFor(idToken(unique("sub"), name, List.of("corp-staff"), null),
                Map.of("client_id", unique("no-such-client")), null), 400, "invalid_client");
        assertOAuthError(exchangeFor(idToken(unique("sub"), name, List.of("corp-staff"), null),
                Map.of("client_id", clientId), basic(clientId, secret)), 400, "invalid_request");
        assertThat(user(name)).as("no account for a refused client's exchange").isEmpty();
    }

    @Test
    void theProvidersGroupsReplaceTheAccountsAtEachSignInAndItsPasswordIsTheProviders() {
        String sub = unique("sub");
        String name = unique("oscar");
        Tokens first = Tokens.of(exchange(idToken(sub, name, List.of("corp-staff"), null)).json());
        assertThat(groups(me(first.access()))).containsExactly("staff");

        Tokens second = Tokens.of(exchange(idToken(sub, name, List.of("corp-admins"), null)).json());

        assertThat(groups(me(second.access()))).containsExactly("admin");
        assertThat(groups(me(first.access()))).containsExactly("admin");
        Reply change = api.postJson("/api/me/password", second.access(), Json.createObjectBuilder()
                .add("current_password", "anything-at-all").add("new_password", "a-new-local-password").build());
        assertProblem(change, 409);
        assertThat(api.login(name, "anything-at-all", null).status()).isEqualTo(401);
    }

    @Test
    void badIdTokensAreRefusedWithInvalidGrantAndNoAccountOrSession() throws Exception {
        RsaJsonWebKey ours = RsaJwkGenerator.generateJwk(2048);
        PublicJsonWebKey theirs = providerKey();
        String corp = provider.issuer("corp");
        Map<String, String> bad = new LinkedHashMap<>();
        String name;
        name = unique("forged-unknown-kid");
        bad.put(name, forged("RS256", ours.getPrivateKey(), "not-a-provider-key", claimsOf(corp, "s1", name)));
        name = unique("forged-provider-kid");
        bad.put(name, forged("RS256", ours.getPrivateKey(), theirs.getKeyId(), claimsOf(corp, "s2", name)));
        name = unique("expired");
        bad.put(name, provider.idToken("corp", "s3", CLIENT_ID, person(name, List.of(), null), -120));
        name = unique("other-audience");
        bad.put(name, provider.idToken("corp", "s4", "some-other-client", person(name, List.of(), null), 3600));
        name = unique("unconfigured-issuer");
        bad.put(name, provider.idToken("unconfigured", "s5", CLIENT_ID, person(name, List.of(), null), 3600));
        name = unique("alg-none");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"alg\":\"none\",\"kid\":\"" + theirs.getKeyId() + "\"}").getBytes(StandardCharsets.UTF_8));
        String nonePayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                json(claimsOf(corp, "s6", name)).getBytes(StandardCharsets.UTF_8));
        bad.put(name, none + "." + nonePayload + ".AAAA");
        name = unique("hmac-of-public-key");
        bad.put(name, forged("HS256", new HmacKey(theirs.getPublicKey().getEncoded()), theirs.getKeyId(),
                claimsOf(corp, "s7", name)));
        name = unique("tampered");
        String genuine = provider.idToken("corp", "s8", CLIENT_ID, person("someone-else", List.of(), null), 3600);
        String[] parts = genuine.split("\\.");
        bad.put(name, parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("someone-else", name).getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
        name = unique("embedded-jwk");
        JsonWebSignature withJwk = new JsonWebSignature();
        withJwk.setPayload(json(claimsOf(corp, "s9", name)));
        withJwk.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        withJwk.setJwkHeader(ours);
        withJwk.setKey(ours.getPrivateKey());
        bad.put(name, withJwk.getCompactSerialization());
        name = unique("logout-token");
        Map<String, Object> logoutAsId = person(name, List.of(), "s10");
        logoutAsId.put("events", Map.of(LOGOUT_EVENT, Map.of()));
        bad.put(name, provider.idToken("corp", "s10", CLIENT_ID, logoutAsId, 3600));
        name = unique("not-a-jwt");
        bad.put(name, "not.a.jwt at all");

        for (Map.Entry<String, String> token : bad.entrySet()) {
            Reply reply = exchange(token.getValue());
            assertThat(reply.status()).as("%s: %s", token.getKey(), reply).isEqualTo(400);
            assertThat(reply.json().getString("error")).as(token.getKey()).isEqualTo("invalid_grant");
            assertThat(user(token.getKey())).as(token.getKey()).isEmpty();
        }
        assertThat(user("someone-else")).isEmpty();
    }

    @Test
    void malformedTokenRequestsGetTheOAuthErrors() {
        String token = idToken(unique("sub"), unique("x"), List.of(), null);
        assertOAuthError(api.request("POST", "/api/auth/token").form(Map.of("subject_token", token,
                "subject_token_type", ID_TOKEN)).send(), 400, "invalid_request");
        assertOAuthError(api.request("POST", "/api/auth/token").form(Map.of("grant_type", "password",
                "username", "admin", "password", "x")).send(), 400, "unsupported_grant_type");
        assertOAuthError(api.request("POST", "/api/auth/token").form(Map.of("grant_type", EXCHANGE,
                "subject_token_type", ID_TOKEN)).send(), 400, "invalid_request");
        assertOAuthError(api.request("POST", "/api/auth/token").form(Map.of("grant_type", EXCHANGE,
                "subject_token", token, "subject_token_type", "urn:ietf:params:oauth:token-type:access_token"))
                .send(), 400, "invalid_request");
        assertOAuthError(api.request("POST", "/api/auth/token").json("{\"grant_type\":\"" + EXCHANGE + "\"}")
                .send(), 400, "invalid_request");
        assertOAuthError(api.request("POST", "/api/auth/token").body("application/x-www-form-urlencoded",
                "grant_type=" + enc(EXCHANGE) + "&grant_type=" + enc(EXCHANGE)).send(), 400, "invalid_request");
    }

    @Test
    void aUsernameAnotherAccountHasIsRefusedAndTwoProvidersAreTwoAccounts() {
        Reply taken = exchange(idToken(unique("sub"), "admin", List.of("corp-admins"), null));
        assertOAuthError(taken, 400, "invalid_grant");
        assertThat(taken.json().getString("error_description")).contains("username");
        assertThat(user("admin").orElseThrow().getString("source")).isEqualTo("local");

        String sub = unique("sub");
        String name = unique("pat");
        assertThat(exchange(idToken(sub, name, List.of(), null)).status()).isEqualTo(200);
        // The same subject and name at another provider is another person: never linked, so refused here.
        Reply elsewhere = exchange(provider.idToken("other", sub, CLIENT_ID, person(name, List.of("corp-admins"),
                null), 3600));
        assertOAuthError(elsewhere, 400, "invalid_grant");
        assertThat(user(name).orElseThrow().getString("source")).isEqualTo("oidc:corp");
        JsonArray events = api.get("/api/admin/security-events?limit=100", api.loginAdmin().access()).jsonArray();
        assertThat(events.getValuesAs(JsonObject.class)).anyMatch(event ->
                event.getString("kind").equals("external_sign_in_refused")
                        && event.getString("detail").contains("oidc:other"));
    }

    @Test
    void aProviderThatCannotBeReachedGives503WhileLocalLoginsAndSessionsKeepWorking() throws Exception {
        Tokens session = Tokens.of(exchange(idToken(unique("sub"), unique("una"), List.of(), null)).json());
        User local = api.createUser("local-while-down");
        RsaJsonWebKey ours = RsaJwkGenerator.generateJwk(2048);

        Reply down = exchange(forged("RS256", ours.getPrivateKey(), "k", claimsOf(downIssuer, "s", unique("d"))));

        assertOAuthError(down, 503, "temporarily_unavailable");
        assertThat(down.header("Retry-After")).isEqualTo("30");
        assertThat(api.loginOk(local.username(), local.password(), null).access()).isNotBlank();
        assertThat(me(session.access()).getString("username")).startsWith("una");
        Navigator browser = new Navigator();
        URI back = browser.redirect(api.uri("/api/auth/oidc/down/authorize?redirect_uri=" + enc(APP)
                + "&state=s-down"));
        assertThat(back.toString()).startsWith(APP);
        assertThat(query(back)).containsEntry("error", "temporarily_unavailable").containsEntry("state", "s-down");
    }

    @Test
    void newProviderKeysArePickedUpWhenATokenNamesAnUnknownKey() {
        String before = idToken(unique("sub"), unique("rita"), List.of(), null);
        assertThat(exchange(before).status()).isEqualTo(200);
        provider.stop();
        provider.restart();
        String name = unique("rosa");
        String after = idToken(unique("sub"), name, List.of(), null);
        assertThat(payload(after).getString("iss")).isEqualTo(provider.issuer("corp"));

        // The keys are fetched again at most every 10 s: a token of the new key is accepted within that.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2))
                .until(() -> exchange(after).status() == 200);
        assertThat(user(name)).isPresent();
    }

    // ---- the browser sign-in ----

    @Test
    void aRegisteredClientRedeemsTheCodeOnlyForItsOwnRedirectUriAndItsSessionIsTheClients() throws Exception {
        String clientId = registerClient("front", false, "front-api", APP).getString("client_id");
        String stranger = registerClient("stranger", false, "stranger-api", "https://stranger.example/cb")
                .getString("client_id");
        String name = unique("fay");
        provider.nextSignIn("corp", unique("sub"), person(name, List.of("corp-staff"), null));
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        Navigator browser = new Navigator();
        URI back = browser.redirect(atProvider(browser, authorize("redirect_uri=" + enc(APP)
                + "&code_challenge=" + s256(verifier) + "&code_challenge_method=S256")));
        String code = query(back).get("code");

        Map<String, String> form = new HashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", APP, "code_verifier", verifier));
        form.put("client_id", stranger);
        assertOAuthError(api.request("POST", "/api/auth/token").form(form).send(), 400, "invalid_grant");
        form.put("client_id", clientId);
        Reply tokens = api.request("POST", "/api/auth/token").form(form).send();

        assertThat(tokens.status()).as("the code was not used up by the refused client: %s", tokens).isEqualTo(200);
        String access = tokens.json().getString("access_token");
        assertThat(payload(access).getString("client_id")).isEqualTo(clientId);
        assertThat(payload(access).getString("aud")).isEqualTo("front-api");
        assertThat(currentSession(access).getString("client_id")).isEqualTo(clientId);
    }

    @Test
    void browserSignInHandsTheFrontEndAOneTimeCodeThatGivesTheLoginBodyOnce() throws Exception {
        String name = unique("bea");
        provider.nextSignIn("corp", unique("sub"), person(name, List.of("corp-staff"), "browser-session-1"));
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        Navigator browser = new Navigator();

        URI callback = atProvider(browser, authorize("redirect_uri=" + enc(APP) + "&state=front-state-1"
                + "&code_challenge=" + s256(verifier) + "&code_challenge_method=S256"));
        URI back = browser.redirect(callback);

        assertThat(back.toString()).startsWith(APP + "?");
        Map<String, String> answer = query(back);
        assertThat(answer).containsOnlyKeys("code", "state").containsEntry("state", "front-state-1");
        assertThat(user(name)).isPresent();
        Reply tokens = redeem(answer.get("code"), APP, verifier);
        assertThat(tokens.status()).as("%s", tokens).isEqualTo(200);
        String access = tokens.json().getString("access_token");
        assertThat(me(access).getString("username")).isEqualTo(name);
        JsonObject session = currentSession(access);
        assertThat(session.getString("source")).isEqualTo("oidc:corp");
        assertThat(session.getJsonObject("device").getString("browser")).isEqualTo("Chrome 131");

        assertOAuthError(redeem(answer.get("code"), APP, verifier), 400, "invalid_grant");
        HttpResponse<String> replayed = browser.get(callback);
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(replayed.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void aOneTimeCodeNeedsItsRedirectUriAndPkceVerifier() throws Exception {
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        for (String[] attempt : new String[][] {{APP, null}, {APP, verifier + "x"}, {"https://app.example.test/other",
                verifier}}) {
            String name = unique("pkce");
            provider.nextSignIn("corp", unique("sub"), person(name, List.of(), null));
            Navigator browser = new Navigator();
            URI back = browser.redirect(atProvider(browser, authorize("redirect_uri=" + enc(APP) + "&state=p"
                    + "&code_challenge=" + s256(verifier) + "&code_challenge_method=S256")));
            String code = query(back).get("code");

            assertOAuthError(redeem(code, attempt[0], attempt[1]), 400, "invalid_grant");
            // The code is spent: not even the right verifier redeems it now.
            assertOAuthError(redeem(code, APP, verifier), 400, "invalid_grant");
            assertThat(api.get("/api/admin/sessions?username=" + name, api.loginAdmin().access()).json()
                    .getInt("total")).isZero();
        }
        // Without a challenge, a verifier is not accepted either (no downgrade).
        provider.nextSignIn("corp", unique("sub"), person(unique("nochallenge"), List.of(), null));
        Navigator browser = new Navigator();
        URI back = browser.redirect(atProvider(browser, authorize("redirect_uri=" + enc(APP))));
        assertOAuthError(redeem(query(back).get("code"), APP, verifier), 400, "invalid_grant");
    }

    @Test
    void badAuthorizationRequestsAreProblemsUntilTheRedirectUriIsKnown() {
        Navigator browser = new Navigator();
        for (String bad : new String[] {"", "redirect_uri=" + enc("https://evil.example/signed-in"),
                "redirect_uri=" + enc(APP + "/") + "&state=x", "redirect_uri=" + enc(APP) + "&redirect_uri="
                + enc(APP)}) {
            HttpResponse<String> response = browser.get(authorize(bad));
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .startsWith("application/problem+json");
        }
        assertThat(browser.get(api.uri("/api/auth/oidc/nobody/authorize?redirect_uri=" + enc(APP))).statusCode())
                .isEqualTo(404);
        URI plain = browser.redirect(authorize("redirect_uri=" + enc(APP) + "&state=s1&code_challenge="
                + "a".repeat(43) + "&code_challenge_method=plain"));
        assertThat(query(plain)).containsEntry("error", "invalid_request").containsEntry("state", "s1");
        assertThat(plain.toString()).startsWith(APP);
    }

    @Test
    void aWrongNonceAProviderErrorAndAnInjectedCodeEndInAnErrorRedirectWithoutASession() {
        String name = unique("nonce");
        Map<String, Object> claims = person(name, List.of(), null);
        claims.put("nonce", "not-the-nonce-we-sent");
        provider.nextSignIn("corp", unique("sub"), claims);
        Navigator browser = new Navigator();
        URI back = browser.redirect(atProvider(browser, authorize("redirect_uri=" + enc(APP) + "&state=n1")));
        assertThat(query(back)).containsEntry("error", "access_denied").containsEntry("state", "n1")
                .doesNotContainKey("code");
        assertThat(user(name)).isEmpty();

        URI callback = atProvider(browser, authorize("redirect_uri=" + enc(APP) + "&state=e1"));
        URI refused = browser.redirect(URI.create(callback.toString().replaceAll("code=[^&]*",
                "error=access_denied")));
        assertThat(query(refused)).containsEntry("error", "access_denied").containsEntry("state", "e1");

        // A code the provider issued for one flow, brought back with another flow's state: the PKCE verifier of
        // that other flow does not match, so the provider refuses to redeem it.
        String victim = unique("injected");
        provider.nextSignIn("corp", unique("sub"), person(victim, List.of(), null));
        URI first = atProvider(new Navigator(), authorize("redirect_uri=" + enc(APP) + "&state=a"));
        URI second = atProvider(new Navigator(), authorize("redirect_uri=" + enc(APP) + "&state=b"));
        URI injected = URI.create(second.toString().replaceAll("code=[^&]*", "code=" + enc(query(first).get("code"))));
        URI answer = new Navigator().redirect(injected);
        assertThat(query(answer)).containsEntry("error", "access_denied").containsEntry("state", "b");
        assertThat(user(victim)).isEmpty();
    }

    // ---- back-channel logout ----

    private Reply logout(String logoutToken) {
        return api.request("POST", "/api/auth/oidc/corp/backchannel-logout").form(Map.of("logout_token",
                logoutToken)).send();
    }

    private String logoutToken(String sub, Map<String, Object> claims) {
        return provider.token("corp", sub, "logout+jwt", List.of(CLIENT_ID), claims, 120);
    }

    private static Map<String, Object> logoutClaims(String sid) {
        Map<String, Object> claims = new LinkedHashMap<>();
        if (sid != null) {
            claims.put("sid", sid);
        }
        claims.put("events", Map.of(LOGOUT_EVENT, Map.of()));
        return claims;
    }

    @Test
    void backChannelLogoutEndsTheSessionsOfThatProviderSessionOnce() {
        String sub = unique("sub");
        String name = unique("lou");
        String sid = unique("provider-session");
        Tokens ended = Tokens.of(exchange(idToken(sub, name, List.of(), sid)).json());
        Tokens alsoEnded = Tokens.of(exchange(idToken(sub, name, List.of(), sid)).json());
        Tokens kept = Tokens.of(exchange(idToken(sub, name, List.of(), unique("another-session"))).json());
        String token = logoutToken(sub, logoutClaims(sid));

        Reply reply = logout(token);

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(api.get("/api/me", ended.access()).status()).isEqualTo(401);
        assertThat(api.get("/api/me", alsoEnded.access()).status()).isEqualTo(401);
        assertThat(me(kept.access()).getString("username")).isEqualTo(name);
        assertOAuthError(logout(token), 400, "invalid_request");
    }

    @Test
    void backChannelLogoutWithoutSidEndsAllTheSubjectsSessionsFromThatProvider() {
        String sub = unique("sub");
        String name = unique("max");
        Tokens one = Tokens.of(exchange(idToken(sub, name, List.of(), unique("s"))).json());
        Tokens two = Tokens.of(exchange(idToken(sub, name, List.of(), null)).json());

        assertThat(logout(logoutToken(sub, logoutClaims(null))).status()).isEqualTo(200);

        assertThat(api.get("/api/me", one.access()).status()).isEqualTo(401);
        assertThat(api.get("/api/me", two.access()).status()).isEqualTo(401);
    }

    @Test
    void badLogoutTokensAreRefusedAndEndNothing() throws Exception {
        String sub = unique("sub");
        String sid = unique("sid");
        Tokens session = Tokens.of(exchange(idToken(sub, unique("kim"), List.of(), sid)).json());
        RsaJsonWebKey ours = RsaJwkGenerator.generateJwk(2048);
        Map<String, Object> withNonce = logoutClaims(sid);
        withNonce.put("nonce", "n");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("nonce", logoutToken(sub, withNonce));
        bad.put("no events", logoutToken(sub, Map.of("sid", sid)));
        bad.put("other event", logoutToken(sub, Map.of("sid", sid, "events", Map.of("urn:other", Map.of()))));
        bad.put("neither sid nor sub", logoutToken("", Map.of("events", Map.of(LOGOUT_EVENT, Map.of()))));
        bad.put("other audience", provider.token("corp", sub, "logout+jwt", List.of("another-client"),
                logoutClaims(sid), 120));
        bad.put("expired", provider.token("corp", sub, "logout+jwt", List.of(CLIENT_ID), logoutClaims(sid), -120));
        bad.put("an ID token", idToken(sub, "kim", List.of(), sid));
        Map<String, Object> forgedClaims = claimsOf(provider.issuer("corp"), sub, "kim");
        forgedClaims.putAll(logoutClaims(sid));
        forgedClaims.put("jti", "forged-1");
        bad.put("forged", forged("RS256", ours.getPrivateKey(), providerKey().getKeyId(), forgedClaims));
        bad.put("not a JWT", "garbage");

        for (Map.Entry<String, String> token : bad.entrySet()) {
            Reply reply = logout(token.getValue());
            assertThat(reply.status()).as("%s: %s", token.getKey(), reply).isEqualTo(400);
            assertThat(reply.json().getString("error")).as(token.getKey()).isEqualTo("invalid_request");
        }
        assertOAuthError(api.request("POST", "/api/auth/oidc/nobody/backchannel-logout")
                .form(Map.of("logout_token", "x")).send(), 400, "invalid_request");
        assertThat(me(session.access()).getString("username")).startsWith("kim");
    }

    // ---- the console ----

    @Test
    void anAdministratorSignsInToTheConsoleWithTheProviderAndOthersAreTurnedAway() {
        if (driver == null) {
            driver = Browser.start();
        }
        driver.manage().deleteAllCookies();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        provider.nextSignIn("corp", unique("sub"), person(unique("ada"), List.of("corp-admins"), unique("s")));
        driver.get(api.uri("/admin/login.xhtml").toString());

        driver.findElement(By.id("sign-in-with-corp")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sessions:table")));
        assertThat(driver.manage().getCookieNamed("tm_console")).isNotNull();
        assertThat(driver.manage().getCookieNamed("tm_console").isHttpOnly()).isTrue();

        driver.manage().deleteAllCookies();
        provider.nextSignIn("corp", unique("sub"), person(unique("ned"), List.of("corp-staff"), null));
        driver.get(api.uri("/admin/login.xhtml").toString());
        driver.findElement(By.id("sign-in-with-corp")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("provider-outcome")));
        assertThat(driver.findElement(By.id("provider-outcome")).getText())
                .contains("Only administrators may use the console.");
        assertThat(driver.manage().getCookieNamed("tm_console")).isNull();
    }

    @Test
    void aConsoleCallbackFromAnotherBrowserIsRefused() {
        // No sign-in is queued at the provider: the code is never redeemed.
        Navigator starter = new Navigator();
        URI providerAuthorize = starter.redirect(api.uri("/api/auth/oidc/corp/console"));
        URI callback = starter.redirect(providerAuthorize);

        HttpResponse<String> elsewhere = new Navigator().get(callback);

        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(elsewhere.headers().firstValue("Set-Cookie").orElse("")).doesNotContain("tm_console=");
    }

    // ---- discovery ----

    @Test
    void discoveryMetadataDescribesTokenManager() {
        for (String path : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
            Reply reply = api.get(path, null);
            assertThat(reply.status()).as(path).isEqualTo(200);
            assertThat(reply.contentType()).startsWith("application/json");
            JsonObject metadata = reply.json();
            String base = api.base().toString().replaceAll("/$", "");
            assertThat(metadata.getString("issuer")).isEqualTo("token-manager");
            assertThat(metadata.getString("jwks_uri")).isEqualTo(base + "/api/auth/jwks");
            assertThat(metadata.getString("token_endpoint")).isEqualTo(base + "/api/auth/token");
            assertThat(metadata.getString("introspection_endpoint")).isEqualTo(base + "/api/auth/introspect");
            assertThat(metadata.getString("revocation_endpoint")).isEqualTo(base + "/api/auth/revoke");
            assertThat(metadata.getJsonArray("grant_types_supported").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString)).contains(EXCHANGE, "authorization_code");
            assertThat(metadata.getJsonArray("id_token_signing_alg_values_supported").getString(0))
                    .isEqualTo("RS256");
            assertThat(metadata.getBoolean("backchannel_logout_supported")).isTrue();
            assertThat(metadata.getBoolean("backchannel_logout_session_supported")).isTrue();
        }
        String access = api.loginAdmin().access();
        assertThat(payload(access).getString("iss")).isEqualTo(api.get("/.well-known/openid-configuration", null)
                .json().getString("issuer"));
        assertThat(api.get("/api/auth/jwks", null).status()).isEqualTo(200);
    }

    // ---- secrets ----

    @Test
    void noIdTokenCodeOrClientSecretReachesTheServerLog() throws Exception {
        String idToken = idToken(unique("sub"), unique("log"), List.of(), null);
        exchange(idToken);
        exchange(idToken + "x");
        provider.nextSignIn("corp", unique("sub"), person(unique("logb"), List.of(), null));
        Navigator browser = new Navigator();
        URI callback = atProvider(browser, authorize("redirect_uri=" + enc(APP) + "&state=l"));
        URI back = browser.redirect(callback);
        redeem(query(back).get("code"), APP, null);
        redeem(query(back).get("code"), APP, null);

        String log = Deployments.serverLogText();
        assertThat(log).contains("database schema at version");
        assertThat(log).doesNotContain(CLIENT_SECRET).doesNotContain(idToken.split("\\.")[2])
                .doesNotContain(query(callback).get("code")).doesNotContain(query(back).get("code"))
                .doesNotContain(query(callback).get("state"));
    }
}
