package dev.tokenmanager.it;

import dev.tokenmanager.testing.Jwts;
import static dev.tokenmanager.it.support.ProblemAssert.assertInvalidToken;
import static dev.tokenmanager.it.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Api.Tokens;
import dev.tokenmanager.it.support.Api.User;
import dev.tokenmanager.it.support.Deployments;
import dev.tokenmanager.it.support.Waits;
import dev.tokenmanager.it.support.Reply;
import dev.tokenmanager.it.support.SingleServerIT;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A user's sessions through HTTP: one per device, listed, revoked one by one, all but one, or all. */
class SessionsIT extends SingleServerIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.tokenManager("SessionsIT", Map.of("token-manager.last-seen-accuracy", "PT2S"));
    }

    private User user;

    @BeforeEach
    void setUp() {
        user = api.createUser("sessions");
    }

    private Tokens login(String userAgent) {
        return api.loginOk(user.username(), user.password(), userAgent);
    }

    @Test
    void loginsOnThreeDevicesAreListedWithTheirDevicesAndOneCurrent() {
        Tokens chrome = login(Api.CHROME_LINUX);
        Tokens firefox = login(Api.FIREFOX_WINDOWS);
        Tokens iphone = login(Api.SAFARI_IPHONE);

        Reply reply = api.get("/api/sessions", iphone.access());

        assertThat(reply.status()).isEqualTo(200);
        JsonArray sessions = reply.jsonArray();
        assertThat(sessions).hasSize(3);
        assertThat(sessions.getValuesAs(JsonObject.class)).filteredOn(s -> s.getBoolean("current"))
                .singleElement().extracting(s -> s.getString("id")).isEqualTo(iphone.sessionId());
        JsonObject chromeSession = byId(sessions, chrome.sessionId());
        assertThat(chromeSession.getJsonObject("device")).isEqualTo(Json.createObjectBuilder()
                .add("type", "Desktop").add("os", "Linux").add("browser", "Chrome 131").build());
        assertThat(chromeSession.getString("kind")).isEqualTo("login");
        assertThat(chromeSession.getString("name")).isEqualTo("Chrome 131 on Linux");
        assertThat(chromeSession.getString("ip")).isEqualTo("127.0.0.1");
        assertThat(chromeSession.getString("user_agent")).isEqualTo(Api.CHROME_LINUX);
        assertThat(Instant.parse(chromeSession.getString("created_at"))).isBefore(Instant.now().plusSeconds(5));
        assertThat(Instant.parse(chromeSession.getString("expires_at")))
                .isAfter(Instant.now().plus(Duration.ofDays(6)));
        assertThat(byId(sessions, iphone.sessionId()).getJsonObject("device").getString("type")).isEqualTo("Phone");
        assertThat(byId(sessions, firefox.sessionId()).getJsonObject("device").getString("browser"))
                .isEqualTo("Firefox 133");
        // Most recently seen first: the last login comes first.
        assertThat(sessions.getJsonObject(0).getString("id")).isEqualTo(iphone.sessionId());
    }

    @Test
    void sessionIsNamedByDeviceNameThenDeviceModelHeader() {
        Reply named = api.request("POST", "/api/auth/login").userAgent(Api.CHROME_LINUX)
                .json(Json.createObjectBuilder().add("username", user.username()).add("password", user.password())
                        .add("device_name", "Kitchen tablet").build().toString()).send();
        Reply modelled = api.request("POST", "/api/auth/login").userAgent(Api.CHROME_LINUX)
                .header("X-Device-Model", "Pixel 9")
                .json(Json.createObjectBuilder().add("username", user.username()).add("password", user.password())
                        .build().toString()).send();

        JsonArray sessions = api.get("/api/sessions", named.json().getString("access_token")).jsonArray();
        assertThat(byId(sessions, named.json().getString("session_id")).getString("name"))
                .isEqualTo("Kitchen tablet");
        assertThat(byId(sessions, modelled.json().getString("session_id")).getString("name"))
                .isEqualTo("Pixel 9");
    }

    @Test
    void revokingOneSessionStopsOnlyItsToken() {
        Tokens laptop = login(Api.CHROME_LINUX);
        Tokens phone = login(Api.SAFARI_IPHONE);

        Reply revoked = api.delete("/api/sessions/" + phone.sessionId(), laptop.access());

        assertThat(revoked.status()).isEqualTo(204);
        assertInvalidToken(api.get("/api/me", phone.access()));
        assertThat(api.get("/api/me", laptop.access()).status()).isEqualTo(200);
        assertThat(ids(api.get("/api/sessions", laptop.access()).jsonArray())).containsExactly(laptop.sessionId());
    }

    @Test
    void revokingOthersKeepsOnlyTheCurrentSession() {
        Tokens first = login(Api.CHROME_LINUX);
        Tokens second = login(Api.FIREFOX_WINDOWS);
        Tokens current = login(Api.SAFARI_IPHONE);

        Reply reply = api.delete("/api/sessions/others", current.access());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getInt("revoked")).isEqualTo(2);
        assertInvalidToken(api.get("/api/me", first.access()));
        assertInvalidToken(api.get("/api/me", second.access()));
        assertThat(api.get("/api/me", current.access()).status()).isEqualTo(200);
    }

    @Test
    void revokingAllEndsTheCurrentSessionToo() {
        Tokens first = login(Api.CHROME_LINUX);
        Tokens current = login(Api.SAFARI_IPHONE);

        Reply reply = api.delete("/api/sessions", current.access());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getInt("revoked")).isEqualTo(2);
        assertInvalidToken(api.get("/api/me", first.access()));
        assertInvalidToken(api.get("/api/me", current.access()));
    }

    @Test
    void logoutEndsTheSession() {
        Tokens tokens = login(Api.CHROME_LINUX);
        Tokens other = login(Api.SAFARI_IPHONE);

        assertThat(api.request("POST", "/api/auth/logout").bearer(tokens.access()).send().status()).isEqualTo(204);

        assertInvalidToken(api.get("/api/me", tokens.access()));
        assertInvalidToken(api.request("POST", "/api/auth/logout").bearer(tokens.access()).send());
        assertThat(ids(api.get("/api/sessions", other.access()).jsonArray())).containsExactly(other.sessionId());
    }

    @Test
    void usersCannotSeeOrRevokeEachOthersSessions() {
        Tokens alice = login(Api.CHROME_LINUX);
        User bobUser = api.createUser("bob");
        Tokens bob = api.loginOk(bobUser.username(), bobUser.password(), Api.FIREFOX_WINDOWS);

        assertProblem(api.delete("/api/sessions/" + alice.sessionId(), bob.access()), 404);

        assertThat(api.get("/api/me", alice.access()).status()).isEqualTo(200);
        assertThat(ids(api.get("/api/sessions", bob.access()).jsonArray())).containsExactly(bob.sessionId());
        assertThat(ids(api.get("/api/sessions", alice.access()).jsonArray())).doesNotContain(bob.sessionId());
    }

    @Test
    void unknownSessionIdIs404() {
        Tokens tokens = login(Api.CHROME_LINUX);
        assertProblem(api.delete("/api/sessions/AAAAAAAAAAAAAAAAAAAAAA", tokens.access()), 404);
        assertProblem(api.delete("/api/sessions/'%20OR%201=1", tokens.access()), 404);
    }

    @Test
    void revokedSessionCannotBeRevokedAgain() {
        Tokens keep = login(Api.CHROME_LINUX);
        Tokens gone = login(Api.SAFARI_IPHONE);
        assertThat(api.delete("/api/sessions/" + gone.sessionId(), keep.access()).status()).isEqualTo(204);
        assertProblem(api.delete("/api/sessions/" + gone.sessionId(), keep.access()), 404);
    }

    @Test
    void meAnswersTheCaller() {
        Tokens tokens = login(Api.CHROME_LINUX);

        JsonObject me = api.get("/api/me", tokens.access()).json();

        assertThat(me.getString("username")).isEqualTo(user.username());
        assertThat(me.getJsonArray("groups")).isEmpty();
        assertThat(me.getString("session_id")).isEqualTo(tokens.sessionId());
    }

    @Test
    void requestsWithoutTokenGet401WithBearerChallenge() {
        for (String path : List.of("/api/me", "/api/sessions")) {
            Reply reply = api.get(path, null);
            assertProblem(reply, 401);
            assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"token-manager\"");
        }
    }

    @Test
    void accessTokenCarriesTheContractsHeaderAndClaims() {
        Tokens tokens = login(Api.CHROME_LINUX);
        JsonObject header = Jwts.header(tokens.access());
        JsonObject claims = Jwts.claims(tokens.access());

        assertThat(header.getString("alg")).isEqualTo("RS256");
        assertThat(header.getString("typ")).isEqualTo("JWT");
        assertThat(header.getString("kid")).isNotBlank();
        assertThat(claims.getString("iss")).isEqualTo("token-manager");
        assertThat(claims.getString("upn")).isEqualTo(user.username());
        assertThat(claims.getString("sub")).isNotBlank();
        assertThat(claims.getJsonArray("groups")).isEmpty();
        assertThat(claims.getString("jti")).isNotBlank();
        assertThat(claims.getString("sid")).isEqualTo(tokens.sessionId()).matches("[A-Za-z0-9_-]{22,}");
        assertThat(claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue())
                .isEqualTo(900);
        assertThat(tokens.body().getString("token_type")).isEqualTo("Bearer");
        assertThat(tokens.body().getInt("expires_in")).isBetween(890, 900);
    }

    @Test
    void jwksPublishesOnlyPublicKeys() {
        Tokens tokens = login(Api.CHROME_LINUX);
        String kid = Jwts.header(tokens.access()).getString("kid");

        Reply reply = api.get("/api/auth/jwks", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).contains("max-age");
        JsonArray keys = reply.json().getJsonArray("keys");
        assertThat(keys.getValuesAs(JsonObject.class)).anySatisfy(key -> {
            assertThat(key.getString("kid")).isEqualTo(kid);
            assertThat(key.getString("alg")).isEqualTo("RS256");
            assertThat(key.getString("use")).isEqualTo("sig");
            assertThat(key.getString("kty")).isEqualTo("RSA");
        });
        assertThat(keys.getValuesAs(JsonObject.class)).allSatisfy(key ->
                assertThat(key.keySet()).doesNotContain("d", "p", "q", "dp", "dq", "qi", "k"));
    }

    @Test
    void lastSeenIsWrittenAtMostOncePerAccuracyWindow() {
        Tokens tokens = login(Api.CHROME_LINUX);
        Instant created = Instant.parse(session(tokens).getString("created_at"));

        for (int i = 0; i < 5; i++) {
            api.get("/api/me", tokens.access());
        }
        assertThat(Instant.parse(session(tokens).getString("last_seen_at"))).isEqualTo(created);

        Waits.untilPassed(created.plusMillis(2_100));
        Instant before = Instant.now();
        api.get("/api/me", tokens.access());
        // Written off the request path, within a second or so.
        await().atMost(Duration.ofSeconds(5)).until(() ->
                Instant.parse(session(tokens).getString("last_seen_at")).isAfter(created));
        Instant seen = Instant.parse(session(tokens).getString("last_seen_at"));
        assertThat(seen).isAfter(created.plusSeconds(2)).isAfterOrEqualTo(before.minusMillis(50));
        for (int i = 0; i < 5; i++) {
            api.get("/api/me", tokens.access());
        }
        // Nothing more is written: not within the next flushes (once a second) either.
        await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5))
                .until(() -> Instant.parse(session(tokens).getString("last_seen_at")).equals(seen));
    }

    private JsonObject session(Tokens tokens) {
        return byId(api.get("/api/sessions", tokens.access()).jsonArray(), tokens.sessionId());
    }

    private static JsonObject byId(JsonArray sessions, String id) {
        return sessions.getValuesAs(JsonObject.class).stream().filter(s -> s.getString("id").equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("no session " + id + " in " + sessions));
    }

    private static List<String> ids(JsonArray sessions) {
        return sessions.getValuesAs(JsonObject.class).stream().map(s -> s.getString("id")).toList();
    }

}
