package dev.tokenmanager.it;

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
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Logging in, and everything a client can get wrong about it; creating users as an admin. */
class LoginIT extends SingleServerIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.tokenManager("LoginIT", Map.of());
    }

    private Reply loginJson(String json) {
        return api.request("POST", "/api/auth/login").json(json).send();
    }

    @Test
    void jsonLoginAnswersTheTokenShape() {
        User user = api.createUser("login");

        Reply reply = api.login(user.username(), user.password(), Api.CHROME_LINUX);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        JsonObject body = reply.json();
        assertThat(body.getString("access_token")).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(body.getString("token_type")).isEqualTo("Bearer");
        assertThat(body.getInt("expires_in")).isPositive();
        assertThat(body.getString("session_id")).matches("[A-Za-z0-9_-]{22,}");
        assertThat(api.get("/api/me", body.getString("access_token")).status()).isEqualTo(200);
    }

    @Test
    void formLoginWorksToo() {
        User user = api.createUser("form");

        Reply reply = api.request("POST", "/api/auth/login")
                .form(Map.of("username", user.username(), "password", user.password())).send();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(api.get("/api/me", reply.json().getString("access_token")).json().getString("username"))
                .isEqualTo(user.username());
    }

    @Test
    void malformedJsonIs400() {
        for (String body : List.of("{bad", "", "[]", "\"text\"", "{\"username\": ", "null")) {
            assertProblem(loginJson(body), 400);
        }
    }

    @Test
    void missingOrWronglyTypedFieldsAre400() {
        for (String body : List.of("{}", "{\"username\":\"admin\"}", "{\"password\":\"x\"}",
                "{\"username\":\"\",\"password\":\"x\"}", "{\"username\":42,\"password\":\"x\"}",
                "{\"username\":\"admin\",\"password\":[\"x\"]}")) {
            assertProblem(loginJson(body), 400);
        }
        assertProblem(api.request("POST", "/api/auth/login").form(Map.of("username", "admin")).send(), 400);
    }

    @Test
    void otherMediaTypesAre415AndAnEmptyBody400() {
        assertProblem(api.request("POST", "/api/auth/login").body("text/plain", "username=admin").send(), 415);
        assertProblem(api.request("POST", "/api/auth/login").body("application/xml", "<login/>").send(), 415);
        assertProblem(api.request("POST", "/api/auth/login").send(), 400);
    }

    @Test
    void sqlLikeInputIsJustAWrongPassword() {
        for (String username : List.of("admin' --", "' OR '1'='1", "admin\"; DROP TABLE tm_account; --")) {
            Reply reply = api.login(username, "' OR '1'='1", null);
            assertProblem(reply, 401);
        }
        assertThat(api.loginAdmin().access()).isNotBlank();
    }

    @Test
    void megabyteInputsGetAClearAnswerNotA5xx() {
        String huge = "x".repeat(1024 * 1024);
        assertProblem(api.login(huge, "password", null), 400);
        assertProblem(api.login("admin", huge, null), 400);
        assertProblem(loginJson("{\"username\":\"admin\",\"password\":\"secret\",\"padding\":\"" + huge + "\"}"), 401);
        Reply hugeAgent = api.request("POST", "/api/auth/login").userAgent("Mozilla/5.0 " + "y".repeat(6000))
                .json(Json.createObjectBuilder().add("username", "admin").add("password", "wrong-password")
                        .build().toString()).send();
        assertThat(hugeAgent.status()).isLessThan(500);
    }

    @Test
    void unknownUserWrongPasswordAndDisabledUserGetOneAnswerForTheSameWork() {
        User user = api.createUser("same-answer");
        User disabled = api.createUser("same-answer-disabled");
        api.request("PATCH", "/api/admin/users/" + disabled.username()).bearer(api.loginAdmin().access())
                .json("{\"active\":false}").send();

        Reply unknown = loginCountingHashes("nobody-" + UUID.randomUUID(), "some-password-1");
        Reply wrong = loginCountingHashes(user.username(), "not-the-password");
        Reply refused = loginCountingHashes(disabled.username(), disabled.password());

        for (Reply reply : List.of(unknown, wrong, refused)) {
            assertProblem(reply, 401);
            assertThat(reply.body()).isEqualTo(unknown.body());
            assertThat(reply.header("WWW-Authenticate")).isEqualTo(unknown.header("WWW-Authenticate"));
        }
        // The time it takes is the password hash's (bench/load.sh measures it): one each, of the same work factor.
        assertThat(hashesOfLastLogin).containsExactly(1L, 1L, 1L);
    }

    private final List<Long> hashesOfLastLogin = new ArrayList<>();

    /** Logs in, and notes how many password hashes the server computed for it. */
    private Reply loginCountingHashes(String username, String password) {
        String admin = api.loginAdmin().access();
        long before = api.get("/api/admin/stats", admin).json().getJsonNumber("password_hashes").longValue();
        Reply reply = api.login(username, password, null);
        hashesOfLastLogin.add(api.get("/api/admin/stats", admin).json().getJsonNumber("password_hashes")
                .longValue() - before);
        return reply;
    }

    @Test
    void noPasswordOrTokenReachesTheServerLog() {
        User user = api.createUser("secret");
        Tokens tokens = api.loginOk(user.username(), user.password(), Api.CHROME_LINUX);
        api.login(user.username(), "a-wrong-password-for-the-log", null);
        api.get("/api/me", tokens.access());
        api.get("/api/me", tokens.access() + "x");

        String log = Deployments.serverLogText();
        assertThat(log).contains("database schema at version");
        assertThat(log).doesNotContain(user.password()).doesNotContain("a-wrong-password-for-the-log")
                .doesNotContain(tokens.access()).doesNotContain(tokens.access().split("\\.")[2])
                .doesNotContain(Deployments.adminPassword());
    }

    @Test
    void adminCreatesUsers() {
        String admin = api.loginAdmin().access();
        String username = "created-" + UUID.randomUUID().toString().substring(0, 8);

        Reply created = api.postJson("/api/admin/users", admin, Json.createObjectBuilder()
                .add("username", username).add("password", "long enough password")
                .add("groups", Json.createArrayBuilder().add("staff")).build());

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().getString("username")).isEqualTo(username);
        assertThat(created.json().getBoolean("active")).isTrue();
        assertThat(created.body()).doesNotContain("long enough password").doesNotContain("pbkdf2");
        JsonObject me = api.get("/api/me", api.loginOk(username, "long enough password", null).access()).json();
        assertThat(me.getJsonArray("groups").getString(0)).isEqualTo("staff");
    }

    @Test
    void creatingAnExistingUserIs409() {
        String admin = api.loginAdmin().access();
        User user = api.createUser("dup");
        assertProblem(api.postJson("/api/admin/users", admin, Json.createObjectBuilder()
                .add("username", user.username()).add("password", "another long password").build()), 409);
    }

    @Test
    void invalidUsersAre400() {
        String admin = api.loginAdmin().access();
        List<JsonObject> invalid = List.of(
                Json.createObjectBuilder().add("password", "long enough password").build(),
                Json.createObjectBuilder().add("username", "has space").add("password", "long enough password").build(),
                Json.createObjectBuilder().add("username", "shortpw").add("password", "short").build(),
                Json.createObjectBuilder().add("username", "samepassword12").add("password", "samepassword12").build(),
                Json.createObjectBuilder().add("username", "badgroups").add("password", "long enough password")
                        .add("groups", "admin").build(),
                Json.createObjectBuilder().add("username", "badgroups2").add("password", "long enough password")
                        .add("groups", Json.createArrayBuilder().add("no spaces allowed")).build());
        for (JsonObject body : invalid) {
            assertProblem(api.postJson("/api/admin/users", admin, body), 400);
        }
        assertProblem(api.request("POST", "/api/admin/users").bearer(admin).json("{oops").send(), 400);
    }

    @Test
    void onlyAdminsCreateUsers() {
        User user = api.createUser("plain");
        String token = api.loginOk(user.username(), user.password(), null).access();
        JsonObject body = Json.createObjectBuilder().add("username", "x" + UUID.randomUUID().toString()
                .substring(0, 8)).add("password", "long enough password").build();

        assertProblem(api.postJson("/api/admin/users", token, body), 403);
        Reply anonymous = api.postJson("/api/admin/users", null, body);
        assertProblem(anonymous, 401);
        assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"token-manager\"");
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        assertProblem(api.get("/api/no-such-thing", null), 404);
        assertProblem(api.get("/no-such-page", null), 404);
        assertProblem(api.request("PUT", "/api/auth/login").json("{}").send(), 405);
        assertProblem(api.get("/api/auth/login", null), 405);
    }

    @Test
    void refreshTokenHeaderOutsideRefreshIs400() {
        Tokens admin = api.loginAdmin();
        Reply reply = api.request("GET", "/api/me").bearer(admin.access()).header("Refresh-Token", "abc").send();
        assertProblem(reply, 400);
        assertProblem(api.request("POST", "/api/auth/login").header("Refresh-Token", "abc").json("{}").send(), 400);
    }
}
