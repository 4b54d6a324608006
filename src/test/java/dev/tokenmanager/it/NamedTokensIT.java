package dev.tokenmanager.it;

import static dev.tokenmanager.it.support.ProblemAssert.assertInvalidToken;
import static dev.tokenmanager.it.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Api.Tokens;
import dev.tokenmanager.it.support.Api.User;
import dev.tokenmanager.it.support.Deployments;
import dev.tokenmanager.it.support.Reply;
import dev.tokenmanager.it.support.SingleServerIT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URL;
import java.time.Duration;
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

/** Named, long-lived API tokens: created once, used as bearer tokens, listed without secrets, revoked. */
class NamedTokensIT extends SingleServerIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.tokenManager("NamedTokensIT", Map.of());
    }

    private User user;
    private Tokens login;

    @BeforeEach
    void setUp() {
        user = api.createUser("tokens");
        login = api.loginOk(user.username(), user.password(), Api.CHROME_LINUX);
    }

    private Reply create(String name, Integer days) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("name", name);
        if (days != null) {
            body.add("expires_in_days", days);
        }
        return api.request("POST", "/api/tokens").bearer(login.access()).userAgent(Api.CHROME_LINUX)
                .json(body.build().toString()).send();
    }

    private JsonObject createOk(String name, Integer days) {
        Reply reply = create(name, days);
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        return reply.json();
    }

    @Test
    void tokenIsShownOnceAndWorksAsABearerToken() {
        Reply reply = create("build server", 30);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        JsonObject created = reply.json();
        String token = created.getString("token");
        assertThat(token).matches("tmpat_[A-Za-z0-9_-]{43}");
        assertThat(created.getString("name")).isEqualTo("build server");
        assertThat(Instant.parse(created.getString("expires_at")))
                .isBetween(Instant.now().plus(Duration.ofDays(30)).minusSeconds(60),
                        Instant.now().plus(Duration.ofDays(30)).plusSeconds(60));

        JsonObject me = api.get("/api/me", token).json();
        assertThat(me.getString("username")).isEqualTo(user.username());
        assertThat(me.getString("session_id")).isEqualTo(created.getString("id"));

        Reply listed = api.get("/api/tokens", login.access());
        assertThat(listed.body()).doesNotContain(token).doesNotContain(token.substring(6));
        JsonObject entry = listed.jsonArray().getJsonObject(0);
        assertThat(entry.getString("id")).isEqualTo(created.getString("id"));
        assertThat(entry.getString("kind")).isEqualTo("token");
        assertThat(entry.getString("name")).isEqualTo("build server");
        assertThat(entry.getJsonObject("device").getString("browser")).isEqualTo("Chrome 131");
    }

    @Test
    void tokenWithoutExpiryNeverExpires() {
        JsonObject created = createOk("forever", null);
        assertThat(created.isNull("expires_at")).isTrue();
        assertThat(api.get("/api/tokens", login.access()).jsonArray().getJsonObject(0).isNull("expires_at")).isTrue();
        assertThat(api.get("/api/me", created.getString("token")).status()).isEqualTo(200);
    }

    @Test
    void namesAreOneToSixtyFourCharactersAndUniqueAmongActiveTokens() {
        assertProblem(create("", null), 400);
        assertProblem(create("   ", null), 400);
        assertProblem(create("x".repeat(65), null), 400);
        assertProblem(api.postJson("/api/tokens", login.access(), Json.createObjectBuilder().build()), 400);
        JsonObject longest = createOk("x".repeat(64), null);

        assertProblem(create("x".repeat(64), null), 409);

        assertThat(api.delete("/api/tokens/" + longest.getString("id"), login.access()).status()).isEqualTo(204);
        createOk("x".repeat(64), null);
        // Another user may use the same name.
        User other = api.createUser("other");
        Tokens otherLogin = api.loginOk(other.username(), other.password(), null);
        assertThat(api.postJson("/api/tokens", otherLogin.access(),
                Json.createObjectBuilder().add("name", "x".repeat(64)).build()).status()).isEqualTo(201);
    }

    @Test
    void expiryMustBeAWholeNumberOfDays() {
        for (String days : List.of("0", "-1", "1.5", "\"7\"", "4000", "true")) {
            Reply reply = api.request("POST", "/api/tokens").bearer(login.access())
                    .json("{\"name\":\"t\",\"expires_in_days\":" + days + "}").send();
            assertProblem(reply, 400);
        }
        assertThat(create("a year", 365).status()).isEqualTo(201);
    }

    @Test
    void revokedTokenStopsWorkingAtOnce() {
        JsonObject created = createOk("ci", null);

        assertThat(api.delete("/api/tokens/" + created.getString("id"), login.access()).status()).isEqualTo(204);

        assertInvalidToken(api.get("/api/me", created.getString("token")));
        assertThat(api.get("/api/tokens", login.access()).jsonArray()).isEmpty();
        assertProblem(api.delete("/api/tokens/" + created.getString("id"), login.access()), 404);
    }

    @Test
    void foreignUnknownAndLoginSessionIdsAre404() {
        JsonObject created = createOk("mine", null);
        User other = api.createUser("intruder");
        Tokens intruder = api.loginOk(other.username(), other.password(), null);

        assertProblem(api.delete("/api/tokens/" + created.getString("id"), intruder.access()), 404);
        assertProblem(api.delete("/api/tokens/AAAAAAAAAAAAAAAAAAAAAA", login.access()), 404);
        assertProblem(api.delete("/api/tokens/" + login.sessionId(), login.access()), 404);
        assertProblem(api.delete("/api/sessions/" + created.getString("id"), login.access()), 404);
        assertThat(api.get("/api/me", created.getString("token")).status()).isEqualTo(200);
    }

    @Test
    void namedTokenCannotCreateOrListSessionsAndTokensNorChangeThePassword() {
        String token = createOk("device", null).getString("token");

        assertProblem(api.get("/api/tokens", token), 403);
        assertProblem(api.postJson("/api/tokens", token, Json.createObjectBuilder().add("name", "n").build()), 403);
        assertProblem(api.get("/api/sessions", token), 403);
        assertProblem(api.postJson("/api/me/password", token, Json.createObjectBuilder()
                .add("current_password", user.password()).add("new_password", "a brand new password").build()), 403);
        assertThat(api.get("/api/me", token).status()).isEqualTo(200);
    }

    @Test
    void signingOutSessionsLeavesNamedTokensAlone() {
        String token = createOk("printer", null).getString("token");
        Tokens other = api.loginOk(user.username(), user.password(), Api.SAFARI_IPHONE);

        assertThat(api.delete("/api/sessions/others", login.access()).json().getInt("revoked")).isEqualTo(1);
        assertThat(api.delete("/api/sessions", login.access()).json().getInt("revoked")).isEqualTo(1);

        assertInvalidToken(api.get("/api/me", other.access()));
        assertThat(api.get("/api/me", token).status()).isEqualTo(200);
    }

    @Test
    void malformedNamedTokensAreRefusedWithoutALookup() {
        String admin = api.loginAdmin().access();
        long before = api.get("/api/admin/stats", admin).json().getJsonNumber("session_lookups").longValue();

        for (String token : List.of("tmpat_", "tmpat_short", "tmpat_" + "A".repeat(44), "tmpat_" + "+".repeat(43),
                "tmpat_" + "A".repeat(42) + "=")) {
            assertInvalidToken(api.get("/api/me", token));
        }

        long after = api.get("/api/admin/stats", admin).json().getJsonNumber("session_lookups").longValue();
        assertThat(after - before).isEqualTo(1);
        assertInvalidToken(api.get("/api/me", "tmpat_" + "A".repeat(43)));
    }

    @Test
    void namedTokenMayRevokeLikeAnyBearer() {
        JsonObject device = createOk("device", null);
        String token = device.getString("token");
        Tokens other = api.loginOk(user.username(), user.password(), Api.SAFARI_IPHONE);

        assertThat(api.delete("/api/sessions/others", token).json().getInt("revoked")).isEqualTo(2);
        assertInvalidToken(api.get("/api/me", other.access()));
        assertInvalidToken(api.get("/api/me", login.access()));
        assertThat(api.delete("/api/tokens/" + device.getString("id"), token).status()).isEqualTo(204);
        assertInvalidToken(api.get("/api/me", token));
    }

    @Test
    void logoutWithANamedTokenRevokesIt() {
        String token = createOk("self-revoking", null).getString("token");
        assertThat(api.request("POST", "/api/auth/logout").bearer(token).send().status()).isEqualTo(204);
        assertInvalidToken(api.get("/api/me", token));
    }
}
