package dev.tokenmanager.it;

import dev.tokenmanager.testing.Jwts;
import static dev.tokenmanager.it.support.ProblemAssert.assertInvalidToken;
import static dev.tokenmanager.it.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Api.Tokens;
import dev.tokenmanager.it.support.Api.User;
import dev.tokenmanager.it.support.Concurrently;
import dev.tokenmanager.it.support.Deployments;
import dev.tokenmanager.it.support.Reply;
import dev.tokenmanager.it.support.SingleServerIT;
import dev.tokenmanager.it.support.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The standard endpoints other services and front ends rely on: introspection (RFC 7662), revocation
 * (RFC 7009), key rotation with the JWKS, CORS; and a session limit that refuses logins.
 */
class StandardEndpointsIT extends SingleServerIT {

    private static final String ORIGIN = "https://app.example.com";

    @Deployment(testable = false)
    static WebArchive deployment() throws SQLException {
        // The limit below refuses logins: admin sessions of earlier servers must not use it up.
        TestDatabase.forgetServersOfEarlierTests();
        return Deployments.tokenManager("StandardEndpointsIT", Map.of(
                "token-manager.cors-origins", ORIGIN + ", https://admin.example.com",
                "token-manager.max-login-sessions", "3",
                "token-manager.session-limit-policy", "refuse"));
    }

    private User user;
    private Tokens login;

    @BeforeEach
    void setUp() {
        user = api.createUser("standard");
        login = api.loginOk(user.username(), user.password(), Api.CHROME_LINUX);
    }

    private Reply introspect(String callerToken, String token) {
        return api.request("POST", "/api/auth/introspect").bearer(callerToken).form(Map.of("token", token)).send();
    }

    private Reply revoke(String token) {
        return api.request("POST", "/api/auth/revoke").form(Map.of("token", token)).send();
    }

    @Test
    void introspectionDescribesALiveAccessToken() {
        JsonObject answer = introspect(api.loginAdmin().access(), login.access()).json();

        assertThat(answer.getBoolean("active")).isTrue();
        assertThat(answer.getString("username")).isEqualTo(user.username());
        assertThat(answer.getString("sid")).isEqualTo(login.sessionId());
        assertThat(answer.getString("sub")).isNotBlank();
        assertThat(answer.getJsonArray("groups")).isEmpty();
        assertThat(answer.getJsonNumber("exp").longValue()).isGreaterThan(Instant.now().getEpochSecond());
        assertThat(answer.getJsonNumber("iat").longValue()).isLessThanOrEqualTo(Instant.now().getEpochSecond() + 1);
    }

    @Test
    void introspectionAnswersInactiveForRevokedGarbageAndRefreshTokens() {
        String admin = api.loginAdmin().access();
        Tokens revoked = api.loginOk(user.username(), user.password(), null);
        api.delete("/api/sessions/" + revoked.sessionId(), login.access());

        for (String token : List.of(revoked.access(), "garbage", "a.b.c", login.refresh(), "tmpat_x")) {
            Reply reply = introspect(admin, token);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json()).isEqualTo(Json.createObjectBuilder().add("active", false).build());
        }
        assertThat(api.get("/api/me", login.access()).status()).isEqualTo(200);
    }

    @Test
    void introspectionOfANamedToken() {
        JsonObject created = api.postJson("/api/tokens", login.access(), Json.createObjectBuilder()
                .add("name", "robot").build()).json();
        JsonObject answer = introspect(api.loginAdmin().access(), created.getString("token")).json();
        assertThat(answer.getBoolean("active")).isTrue();
        assertThat(answer.getString("sid")).isEqualTo(created.getString("id"));
        assertThat(answer.getString("username")).isEqualTo(user.username());
    }

    @Test
    void onlyAdminsAndIntrospectorsMayIntrospect() {
        assertProblem(introspect(login.access(), login.access()), 403);
        assertProblem(introspect(null, login.access()), 401);
        User service = api.createUser("resource-server", "introspect");
        String serviceToken = api.loginOk(service.username(), service.password(), null).access();
        assertThat(introspect(serviceToken, login.access()).json().getBoolean("active")).isTrue();
        assertProblem(api.request("POST", "/api/auth/introspect").bearer(serviceToken).form(Map.of()).send(), 400);
        assertProblem(api.request("POST", "/api/auth/introspect").bearer(serviceToken)
                .json("{\"token\":\"x\"}").send(), 415);
    }

    @Test
    void revokingAnAccessTokenEndsItsSession() {
        Reply reply = revoke(login.access());

        assertThat(reply.status()).isEqualTo(200);
        assertInvalidToken(api.get("/api/me", login.access()));
        assertInvalidToken(api.request("POST", "/api/auth/refresh").header("Refresh-Token", login.refresh()).send());
    }

    @Test
    void revokingARefreshTokenEndsItsSession() {
        assertThat(revoke(login.refresh()).status()).isEqualTo(200);

        assertInvalidToken(api.get("/api/me", login.access()));
        assertInvalidToken(api.request("POST", "/api/auth/refresh").header("Refresh-Token", login.refresh()).send());
    }

    @Test
    void revokingANamedTokenEndsIt() {
        String token = api.postJson("/api/tokens", login.access(), Json.createObjectBuilder().add("name", "old")
                .build()).json().getString("token");
        assertThat(revoke(token).status()).isEqualTo(200);
        assertInvalidToken(api.get("/api/me", token));
        assertThat(api.get("/api/me", login.access()).status()).isEqualTo(200);
    }

    @Test
    void revokingUnknownOrForgedTokensIs200AndHarmless() {
        String[] parts = login.access().split("\\.");
        for (String token : List.of("unknown", "tmrt_" + "A".repeat(43), "tmpat_" + "B".repeat(43),
                parts[0] + "." + parts[1] + ".AAAA")) {
            assertThat(revoke(token).status()).isEqualTo(200);
        }
        assertThat(api.get("/api/me", login.access()).status()).isEqualTo(200);
        assertProblem(api.request("POST", "/api/auth/revoke").form(Map.of()).send(), 400);
    }

    @Test
    void rotationSignsNewTokensWithANewKeyAndKeepsOldTokensValid() {
        String admin = api.loginAdmin().access();
        String oldKid = Jwts.header(login.access()).getString("kid");

        Reply rotated = api.request("POST", "/api/admin/keys/rotate").bearer(admin).send();

        assertThat(rotated.status()).isEqualTo(200);
        String newKid = rotated.json().getString("kid");
        assertThat(newKid).isNotEqualTo(oldKid);
        Tokens fresh = api.loginOk(user.username(), user.password(), null);
        assertThat(Jwts.header(fresh.access()).getString("kid")).isEqualTo(newKid);
        assertThat(api.get("/api/me", login.access()).status()).isEqualTo(200);
        List<String> kids = api.get("/api/auth/jwks", null).json().getJsonArray("keys").getValuesAs(JsonObject.class)
                .stream().map(key -> key.getString("kid")).toList();
        assertThat(kids).contains(oldKid, newKid);
        List<JsonObject> stored = api.get("/api/admin/keys", admin).jsonArray().getValuesAs(JsonObject.class);
        assertThat(stored.get(0).getString("kid")).isEqualTo(newKid);
        assertThat(stored.get(0).getString("state")).isEqualTo("active");
        assertThat(stored).anySatisfy(key -> {
            assertThat(key.getString("kid")).isEqualTo(oldKid);
            assertThat(key.getString("state")).isEqualTo("retired");
            assertThat(key.getString("verify_until")).isNotBlank();
        });
        assertProblem(api.request("POST", "/api/admin/keys/rotate").bearer(login.access()).send(), 403);
        assertProblem(api.request("POST", "/api/admin/keys/rotate").send(), 401);
    }

    @Test
    void preflightFromAnAllowedOriginIsAnswered() {
        Reply preflight = api.request("OPTIONS", "/api/auth/refresh").header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "refresh-token, content-type").send();

        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Authorization", "Refresh-Token");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST", "DELETE");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void otherOriginsGetNoCorsHeaders() {
        Reply preflight = api.request("OPTIONS", "/api/me").header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "GET").send();
        assertProblem(preflight, 403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();

        Reply actual = api.request("GET", "/api/me").bearer(login.access()).header("Origin", "https://evil.example.com")
                .send();
        assertThat(actual.status()).isEqualTo(200);
        assertThat(actual.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void answersToAnAllowedOriginCarryCorsHeadersEvenWhenRefused() {
        Reply ok = api.request("GET", "/api/me").bearer(login.access()).header("Origin", ORIGIN).send();
        assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);

        Reply refused = api.request("GET", "/api/me").bearer("a.b.c").header("Origin", ORIGIN).send();
        assertInvalidToken(refused);
        assertThat(refused.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(refused.header("Access-Control-Expose-Headers")).contains("WWW-Authenticate");
        assertThat(refused.header("Access-Control-Allow-Origin")).isNotEqualTo("*");
    }

    @Test
    void loginBeyondTheSessionLimitIsRefused() {
        api.loginOk(user.username(), user.password(), null);
        Tokens third = api.loginOk(user.username(), user.password(), null);

        assertProblem(api.login(user.username(), user.password(), null), 409);
        assertThat(api.get("/api/me", login.access()).status()).isEqualTo(200);

        api.request("POST", "/api/auth/logout").bearer(third.access()).send();
        assertThat(api.login(user.username(), user.password(), null).status()).isEqualTo(200);
    }

    @Test
    void concurrentLoginsNeverPassTheLimit() throws Exception {
        User fresh = api.createUser("racer");
        List<Reply> replies = Concurrently.run(6, () -> api.login(fresh.username(), fresh.password(), null));

        assertThat(replies).filteredOn(reply -> reply.status() == 200).hasSize(3);
        assertThat(replies).filteredOn(reply -> reply.status() == 409).hasSize(3);
    }
}
