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
import jakarta.json.JsonString;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin REST API: every user's sessions, and the users themselves. Group admin only. */
class AdminApiIT extends SingleServerIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.tokenManager("AdminApiIT", Map.of());
    }

    private String admin;
    private User user;

    @BeforeEach
    void setUp() {
        admin = api.loginAdmin().access();
        user = api.createUser("managed");
    }

    private Reply patch(String username, String body) {
        return api.request("PATCH", "/api/admin/users/" + username).bearer(admin).json(body).send();
    }

    private List<JsonObject> items(Reply reply) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    @Test
    void sessionsOfAUserAreListedWithTheirOwner() {
        Tokens laptop = api.loginOk(user.username(), user.password(), Api.CHROME_LINUX);
        api.loginOk(user.username(), user.password(), Api.SAFARI_IPHONE);
        api.postJson("/api/tokens", laptop.access(), Json.createObjectBuilder().add("name", "ci").build());

        Reply all = api.get("/api/admin/sessions?username=" + user.username(), admin);
        List<JsonObject> sessions = items(all);

        assertThat(sessions).hasSize(3).allSatisfy(s -> assertThat(s.getString("username"))
                .isEqualTo(user.username()));
        assertThat(all.json().getInt("total")).isEqualTo(3);
        assertThat(all.json().getInt("page")).isZero();
        assertThat(all.json().getInt("size")).isEqualTo(50);
        assertThat(items(api.get("/api/admin/sessions?username=" + user.username() + "&kind=token", admin)))
                .singleElement().satisfies(s -> assertThat(s.getString("name")).isEqualTo("ci"));
        assertThat(items(api.get("/api/admin/sessions?username=" + user.username() + "&kind=login", admin)))
                .hasSize(2).allSatisfy(s -> assertThat(s.getString("kind")).isEqualTo("login"));
        JsonObject first = sessions.get(0);
        assertThat(first.keySet()).contains("id", "kind", "name", "created_at", "last_seen_at", "expires_at", "ip",
                "user_agent", "device", "current");
        assertThat(items(api.get("/api/admin/sessions?username=nobody-at-all", admin))).isEmpty();
    }

    @Test
    void sessionsArePagedByTheDatabaseWithATotal() {
        for (int i = 0; i < 5; i++) {
            api.loginOk(user.username(), user.password(), null);
        }
        String base = "/api/admin/sessions?username=" + user.username() + "&size=2";

        Reply page0 = api.get(base + "&page=0", admin);
        Reply page2 = api.get(base + "&page=2", admin);

        assertThat(items(page0)).hasSize(2);
        assertThat(page0.json().getInt("total")).isEqualTo(5);
        assertThat(items(page2)).hasSize(1);
        assertThat(page2.json().getInt("page")).isEqualTo(2);
        assertThat(items(api.get(base + "&page=3", admin))).isEmpty();
        assertThat(items(api.get("/api/admin/sessions?size=500", admin))).isNotEmpty();
    }

    @Test
    void badPagingAndKindsAre400() {
        for (String query : List.of("size=501", "size=0", "size=-1", "page=-1", "page=x", "kind=admin",
                "size=abc")) {
            assertProblem(api.get("/api/admin/sessions?" + query, admin), 400);
        }
    }

    @Test
    void onlyAdminsMayUseTheAdminApi() {
        String token = api.loginOk(user.username(), user.password(), null).access();
        for (String path : List.of("/api/admin/sessions", "/api/admin/users", "/api/admin/keys",
                "/api/admin/stats", "/api/admin/security-events")) {
            assertProblem(api.get(path, token), 403);
            assertProblem(api.get(path, null), 401);
        }
        assertProblem(api.delete("/api/admin/users/" + user.username() + "/sessions", token), 403);
        assertProblem(api.request("PATCH", "/api/admin/users/admin").bearer(token).json("{\"active\":false}")
                .send(), 403);
        assertProblem(api.delete("/api/admin/sessions/" + api.loginAdmin().sessionId(), token), 403);
    }

    @Test
    void adminRevokesOneSessionOfAnyUser() {
        Tokens tokens = api.loginOk(user.username(), user.password(), null);
        Tokens other = api.loginOk(user.username(), user.password(), null);

        assertThat(api.delete("/api/admin/sessions/" + tokens.sessionId(), admin).status()).isEqualTo(204);

        assertInvalidToken(api.get("/api/me", tokens.access()));
        assertThat(api.get("/api/me", other.access()).status()).isEqualTo(200);
        assertProblem(api.delete("/api/admin/sessions/" + tokens.sessionId(), admin), 404);
        assertProblem(api.delete("/api/admin/sessions/AAAAAAAAAAAAAAAAAAAAAA", admin), 404);
    }

    @Test
    void adminRevokesEverySessionAndTokenOfAUser() {
        Tokens laptop = api.loginOk(user.username(), user.password(), null);
        String named = api.postJson("/api/tokens", laptop.access(), Json.createObjectBuilder().add("name", "bot")
                .build()).json().getString("token");

        Reply reply = api.delete("/api/admin/users/" + user.username() + "/sessions", admin);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getInt("revoked")).isEqualTo(2);
        assertInvalidToken(api.get("/api/me", laptop.access()));
        assertInvalidToken(api.get("/api/me", named));
        assertProblem(api.delete("/api/admin/users/nobody-at-all/sessions", admin), 404);
    }

    @Test
    void usersAreListedWithTheirActiveSessions() {
        Tokens tokens = api.loginOk(user.username(), user.password(), null);
        api.loginOk(user.username(), user.password(), null);
        api.postJson("/api/tokens", tokens.access(), Json.createObjectBuilder().add("name", "bot").build());

        JsonObject listed = api.get("/api/admin/users", admin).jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(u -> u.getString("username").equals(user.username())).findFirst().orElseThrow();

        assertThat(listed.getInt("active_sessions")).isEqualTo(3);
        assertThat(listed.getBoolean("active")).isTrue();
        assertThat(listed.getJsonArray("groups")).isEmpty();
        assertThat(listed.getString("created_at")).isNotBlank();
        assertThat(listed.toString()).doesNotContain("password").doesNotContain("pbkdf2");
    }

    @Test
    void deactivatingAUserRevokesEverythingAtOnceAndReactivatingLetsThemBackIn() {
        Tokens tokens = api.loginOk(user.username(), user.password(), null);
        String named = api.postJson("/api/tokens", tokens.access(), Json.createObjectBuilder().add("name", "bot")
                .build()).json().getString("token");

        Reply reply = patch(user.username(), "{\"active\":false}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getBoolean("active")).isFalse();
        assertThat(reply.json().getInt("active_sessions")).isZero();
        assertInvalidToken(api.get("/api/me", tokens.access()));
        assertInvalidToken(api.get("/api/me", named));
        assertInvalidToken(api.request("POST", "/api/auth/refresh").header("Refresh-Token", tokens.refresh()).send());
        assertProblem(api.login(user.username(), user.password(), null), 401);

        assertThat(patch(user.username(), "{\"active\":true}").status()).isEqualTo(200);
        assertThat(api.login(user.username(), user.password(), null).status()).isEqualTo(200);
    }

    @Test
    void groupChangesApplyOnTheNextRequest() {
        Tokens tokens = api.loginOk(user.username(), user.password(), null);
        assertProblem(api.get("/api/admin/users", tokens.access()), 403);

        assertThat(patch(user.username(), "{\"groups\":[\"admin\",\"staff\"]}").status()).isEqualTo(200);

        assertThat(api.get("/api/admin/users", tokens.access()).status()).isEqualTo(200);
        assertThat(api.get("/api/me", tokens.access()).json().getJsonArray("groups").getValuesAs(
                JsonString.class).stream().map(JsonString::getString))
                .containsExactly("admin", "staff");

        assertThat(patch(user.username(), "{\"groups\":[]}").status()).isEqualTo(200);
        assertProblem(api.get("/api/admin/users", tokens.access()), 403);
    }

    @Test
    void settingAPasswordRevokesSessionsAndReplacesTheOldPassword() {
        Tokens tokens = api.loginOk(user.username(), user.password(), null);

        assertThat(patch(user.username(), "{\"password\":\"set by the admin 1\"}").status()).isEqualTo(200);

        assertInvalidToken(api.get("/api/me", tokens.access()));
        assertProblem(api.login(user.username(), user.password(), null), 401);
        assertThat(api.login(user.username(), "set by the admin 1", null).status()).isEqualTo(200);
    }

    @Test
    void invalidChangesAre400AndUnknownUsers404() {
        for (String body : List.of("{}", "{\"active\":\"no\"}", "{\"groups\":\"admin\"}", "{\"password\":\"short\"}",
                "{\"username\":\"renamed\"}", "{\"groups\":[\"bad name\"]}", "[]", "{oops")) {
            assertProblem(patch(user.username(), body), 400);
        }
        assertProblem(patch("nobody-at-all", "{\"active\":false}"), 404);
        assertThat(api.login(user.username(), user.password(), null).status()).isEqualTo(200);
    }

    @Test
    void theLastActiveAdminCannotBeDeactivatedOrDemoted() {
        for (JsonObject other : api.get("/api/admin/users", admin).jsonArray().getValuesAs(JsonObject.class)) {
            boolean isAdmin = other.getJsonArray("groups").toString().contains("\"admin\"");
            if (isAdmin && other.getBoolean("active") && !other.getString("username").equals("admin")) {
                assertThat(patch(other.getString("username"), "{\"active\":false}").status()).isEqualTo(200);
            }
        }

        assertProblem(patch("admin", "{\"active\":false}"), 409);
        assertProblem(patch("admin", "{\"groups\":[\"staff\"]}"), 409);

        assertThat(api.get("/api/admin/users", admin).status()).isEqualTo(200);
        User second = api.createUser("second-admin", "admin");
        assertThat(patch(second.username(), "{\"active\":false}").status()).isEqualTo(200);
    }
}
