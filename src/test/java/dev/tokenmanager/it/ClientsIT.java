package dev.tokenmanager.it;

import static dev.tokenmanager.it.support.ProblemAssert.assertInvalidToken;
import static dev.tokenmanager.it.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Api.Tokens;
import dev.tokenmanager.it.support.Api.User;
import dev.tokenmanager.it.support.Deployments;
import dev.tokenmanager.it.support.LogoutReceiver;
import dev.tokenmanager.it.support.Reply;
import dev.tokenmanager.it.support.TestDatabase;
import dev.tokenmanager.testing.Jwts;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URL;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Registered clients, and the back-channel logouts their front ends get (OpenID Connect Back-Channel Logout 1.0):
 * real receivers on loopback verify every logout token against the JWKS, for every way a session ends; receivers
 * that are down, slow or failing; and the clients API's bad inputs.
 */
@ExtendWith(ArquillianExtension.class)
class ClientsIT {

    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive deployment() throws SQLException {
        // Deliveries that earlier servers on a shared database could not make must not reach this one's receivers.
        TestDatabase.forgetServersOfEarlierTests();
        return Deployments.tokenManager("ClientsIT", Map.of(
                "token-manager.max-login-sessions", "3",
                "token-manager.backchannel-logout.first-retry", "PT1S",
                "token-manager.backchannel-logout.max-retry-interval", "PT2S",
                "token-manager.backchannel-logout.give-up-after", "PT12S",
                "token-manager.backchannel-logout.poll-interval", "PT1S",
                "token-manager.backchannel-logout.response-timeout", "PT8S"));
    }

    @ArquillianResource
    URL url;

    private Api api;
    private String admin;
    private User user;
    private final List<LogoutReceiver> receivers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = Api.of(url);
        admin = api.loginAdmin().access();
        user = api.createUser("client-user");
    }

    @AfterEach
    void stopReceivers() {
        receivers.forEach(LogoutReceiver::close);
    }

    // ---- helpers ----

    private Reply createClient(JsonObjectBuilder body) {
        return api.postJson("/api/admin/clients", admin, body.build());
    }

    private static String newClientId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers a client with {@code logoutUri} (may be null) and answers its id. */
    private String register(String prefix, String logoutUri) {
        String clientId = newClientId(prefix);
        JsonObjectBuilder body = Json.createObjectBuilder().add("client_id", clientId);
        if (logoutUri != null) {
            body.add("backchannel_logout_uri", logoutUri);
        }
        Reply reply = createClient(body);
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        return clientId;
    }

    /** A client whose front end listens at a receiver that is up. */
    private LogoutReceiver frontEnd(String prefix) {
        String clientId = newClientId(prefix);
        LogoutReceiver receiver = LogoutReceiver.start(api, clientId);
        receivers.add(receiver);
        assertThat(createClient(Json.createObjectBuilder().add("client_id", clientId)
                .add("backchannel_logout_uri", receiver.uri())).status()).isEqualTo(201);
        return receiver;
    }

    private Reply login(User who, String clientId) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("username", who.username())
                .add("password", who.password());
        if (clientId != null) {
            body.add("client_id", clientId);
        }
        return api.request("POST", "/api/auth/login").userAgent(Api.CHROME_LINUX).json(body.build().toString())
                .send();
    }

    private Tokens loginOk(User who, String clientId) {
        Reply reply = login(who, clientId);
        assertThat(reply.status()).as("login %s", reply).isEqualTo(200);
        return Tokens.of(reply.json());
    }

    private Reply refresh(String refreshToken, String clientId) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("refresh_token", refreshToken);
        if (clientId != null) {
            body.add("client_id", clientId);
        }
        return api.request("POST", "/api/auth/refresh").json(body.build().toString()).send();
    }

    private static JsonObject claims(String accessToken) {
        return Jwts.claims(accessToken);
    }

    /**
     * Waits until {@code receiver} got a verified logout token for each session, and answers them: exactly one
     * each, for the session's user, and none refused.
     */
    private List<LogoutReceiver.Received> awaitLogouts(LogoutReceiver receiver, String... sessionIds) {
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(100)).until(() ->
                List.of(sessionIds).stream().allMatch(sid -> !receiver.of(sid).isEmpty()));
        assertThat(receiver.refusals()).isEmpty();
        List<LogoutReceiver.Received> all = new ArrayList<>();
        for (String sid : sessionIds) {
            assertThat(receiver.of(sid)).as("logout tokens for session %s", sid).hasSize(1);
            all.add(receiver.of(sid).get(0));
        }
        return all;
    }

    /** The back-channel logouts recorded for {@code clientId}, as the admin API shows them. */
    private List<JsonObject> deliveries(String clientId) {
        Reply reply = api.get("/api/admin/clients/" + clientId + "/backchannel-logouts", admin);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.jsonArray().getValuesAs(JsonObject.class);
    }

    private List<String> deliveredSessions(String clientId) {
        return deliveries(clientId).stream().map(d -> d.getString("session_id")).toList();
    }

    private List<JsonObject> securityEvents(String sessionId) {
        return api.get("/api/admin/security-events?limit=500", admin).jsonArray().getValuesAs(JsonObject.class)
                .stream().filter(e -> sessionId.equals(e.getString("session_id", null))).toList();
    }

    private Reply patch(String path, String body) {
        return api.request("PATCH", path).bearer(admin).json(body).send();
    }

    // ---- the clients API ----

    @Test
    void aRegisteredClientIsListedAndReadBackWithItsDefaults() {
        String clientId = newClientId("web");

        Reply created = createClient(Json.createObjectBuilder().add("client_id", clientId)
                .add("redirect_uris", Json.createArrayBuilder().add("https://web.example.com/callback")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/admin/clients/" + clientId);
        JsonObject client = created.json();
        assertThat(client.getString("client_id")).isEqualTo(clientId);
        assertThat(client.getString("name")).isEqualTo(clientId);
        assertThat(client.getString("audience")).isEqualTo(clientId);
        assertThat(client.getJsonArray("redirect_uris").getString(0)).isEqualTo("https://web.example.com/callback");
        assertThat(client.isNull("backchannel_logout_uri")).isTrue();
        assertThat(client.getBoolean("active")).isTrue();
        assertThat(client.getBoolean("has_secret")).isFalse();
        assertThat(client.containsKey("secret")).isFalse();
        assertThat(api.get("/api/admin/clients/" + clientId, admin).json()).isEqualTo(client);
        assertThat(api.get("/api/admin/clients", admin).jsonArray()).contains(client);
    }

    @Test
    void aClientIsChangedPartByPart() {
        String clientId = register("changed", null);

        Reply changed = patch("/api/admin/clients/" + clientId, "{\"name\":\"Web shop\",\"audience\":"
                + "\"https://api.example.com\",\"redirect_uris\":[\"https://shop.example.com/cb\"],"
                + "\"backchannel_logout_uri\":\"https://shop.example.com/logout\"}");

        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(changed.json().getString("name")).isEqualTo("Web shop");
        assertThat(changed.json().getString("audience")).isEqualTo("https://api.example.com");
        assertThat(changed.json().getString("backchannel_logout_uri")).isEqualTo("https://shop.example.com/logout");
        JsonObject removed = patch("/api/admin/clients/" + clientId, "{\"backchannel_logout_uri\":null}").json();
        assertThat(removed.isNull("backchannel_logout_uri")).isTrue();
        assertThat(removed.getString("name")).isEqualTo("Web shop");
        assertThat(removed.getJsonArray("redirect_uris")).hasSize(1);
    }

    @Test
    void unknownClientsAre404() {
        assertProblem(api.get("/api/admin/clients/no-such-client", admin), 404);
        assertProblem(patch("/api/admin/clients/no-such-client", "{\"name\":\"x\"}"), 404);
        assertProblem(api.delete("/api/admin/clients/no-such-client", admin), 404);
        assertProblem(api.request("POST", "/api/admin/clients/no-such-client/secret").bearer(admin).send(), 404);
        assertProblem(api.get("/api/admin/clients/no-such-client/backchannel-logouts", admin), 404);
        assertProblem(api.get("/api/admin/clients/not%20an%20id", admin), 404);
    }

    @Test
    void aTakenClientIdIs409() {
        String clientId = register("taken", null);
        assertProblem(createClient(Json.createObjectBuilder().add("client_id", clientId)), 409);
    }

    @Test
    void badClientDefinitionsAre400AndCreateNothing() {
        String clientId = newClientId("bad");
        List<String> bodies = List.of(
                "{}",
                "not json",
                "{\"client_id\":\"has space\"}",
                "{\"client_id\":\"wéb\"}",
                "{\"client_id\":\"" + "x".repeat(65) + "\"}",
                "{\"client_id\":42}",
                "{\"client_id\":\"" + clientId + "\",\"name\":\"" + "n".repeat(129) + "\"}",
                "{\"client_id\":\"" + clientId + "\",\"audience\":\"two words\"}",
                "{\"client_id\":\"" + clientId + "\",\"redirect_uris\":\"https://app.example.com/cb\"}",
                "{\"client_id\":\"" + clientId + "\",\"redirect_uris\":[1]}",
                "{\"client_id\":\"" + clientId + "\",\"redirect_uris\":[\"/relative\"]}",
                "{\"client_id\":\"" + clientId + "\",\"redirect_uris\":[\"https://app.example.com/cb#x\"]}",
                "{\"client_id\":\"" + clientId + "\",\"redirect_uris\":[\"http://app.example.com/cb\"]}",
                "{\"client_id\":\"" + clientId + "\",\"redirect_uris\":[\"https://*.example.com/cb\"]}",
                "{\"client_id\":\"" + clientId + "\",\"redirect_uris\":[\"javascript:alert(1)\"]}",
                "{\"client_id\":\"" + clientId + "\",\"redirect_uris\":[\"https://a.example.com/\","
                        + "\"https://a.example.com/\"]}",
                "{\"client_id\":\"" + clientId + "\",\"redirect_uris\":[" + String.join(",",
                        IntStream.range(0, 17).mapToObj(i -> "\"https://a.example.com/" + i + "\"").toList()) + "]}",
                "{\"client_id\":\"" + clientId + "\",\"backchannel_logout_uri\":\"http://app.example.com/logout\"}",
                "{\"client_id\":\"" + clientId + "\",\"backchannel_logout_uri\":\"ftp://app.example.com/logout\"}",
                "{\"client_id\":\"" + clientId + "\",\"backchannel_logout_uri\":\"/logout\"}",
                "{\"client_id\":\"" + clientId + "\",\"backchannel_logout_uri\":\"https://app.example.com/l#x\"}",
                "{\"client_id\":\"" + clientId + "\",\"backchannel_logout_uri\":\"https://app.example.com/"
                        + "l".repeat(500) + "\"}",
                "{\"client_id\":\"" + clientId + "\",\"active\":\"yes\"}",
                "{\"client_id\":\"" + clientId + "\",\"secret\":\"mine\"}",
                "{\"client_id\":\"" + clientId + "\",\"client_secret\":\"mine\"}");

        for (String body : bodies) {
            Reply reply = api.request("POST", "/api/admin/clients").bearer(admin).json(body).send();
            assertProblem(reply, 400);
            assertThat(reply.json().getString("detail")).as("detail for %s", body).isNotBlank();
        }

        assertProblem(api.get("/api/admin/clients/" + clientId, admin), 404);
    }

    @Test
    void badChangesAre400AndChangeNothing() {
        String clientId = register("unchanged", null);
        for (String body : List.of("{}", "{\"client_id\":\"other\"}", "{\"secret\":true}",
                "{\"backchannel_logout_uri\":\"http://10.0.0.8/logout\"}", "{\"redirect_uris\":[\"relative\"]}",
                "{\"active\":null,\"name\":\"\"}", "[]")) {
            assertProblem(patch("/api/admin/clients/" + clientId, body), 400);
        }
        JsonObject client = api.get("/api/admin/clients/" + clientId, admin).json();
        assertThat(client.getString("name")).isEqualTo(clientId);
        assertThat(client.isNull("backchannel_logout_uri")).isTrue();
    }

    @Test
    void clientsAreForAdministratorsOnly() {
        String token = api.loginOk(user.username(), user.password(), null).access();
        assertProblem(api.get("/api/admin/clients", token), 403);
        assertProblem(api.postJson("/api/admin/clients", token, Json.createObjectBuilder().add("client_id", "mine")
                .build()), 403);
        assertProblem(api.get("/api/admin/clients", null), 401);
    }

    // ---- sessions of clients ----

    @Test
    void aSessionOfAClientCarriesItsIdAndAudience() {
        String clientId = register("audience", null);

        Tokens tokens = loginOk(user, clientId);

        JsonObject claims = claims(tokens.access());
        assertThat(claims.getString("client_id")).isEqualTo(clientId);
        assertThat(claims.getString("aud")).isEqualTo(clientId);
        assertThat(api.get("/api/sessions", tokens.access()).jsonArray().getValuesAs(JsonObject.class))
                .singleElement().satisfies(s -> assertThat(s.getString("client_id")).isEqualTo(clientId));
        JsonObject introspected = api.request("POST", "/api/auth/introspect").bearer(admin)
                .form(Map.of("token", tokens.access())).send().json();
        assertThat(introspected.getString("client_id")).isEqualTo(clientId);
        assertThat(introspected.getString("aud")).isEqualTo(clientId);

        assertThat(patch("/api/admin/clients/" + clientId, "{\"audience\":\"https://api.example.com\"}").status())
                .isEqualTo(200);
        Reply refreshed = refresh(tokens.refresh(), null);

        assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
        JsonObject after = claims(refreshed.json().getString("access_token"));
        assertThat(after.getString("client_id")).isEqualTo(clientId);
        assertThat(after.getString("aud")).isEqualTo("https://api.example.com");
        Reply named = refresh(refreshed.json().getString("refresh_token"), clientId);
        assertThat(named.status()).as("%s", named).isEqualTo(200);
    }

    @Test
    void aLoginByFormNamesItsClientToo() {
        String clientId = register("form", null);

        Reply reply = api.request("POST", "/api/auth/login").form(Map.of("username", user.username(),
                "password", user.password(), "client_id", clientId)).send();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(claims(reply.json().getString("access_token")).getString("client_id")).isEqualTo(clientId);
    }

    @Test
    void aSessionWithoutAClientHasNone() {
        Tokens tokens = loginOk(user, null);

        assertThat(claims(tokens.access()).containsKey("client_id")).isFalse();
        assertThat(api.get("/api/sessions", tokens.access()).jsonArray().getValuesAs(JsonObject.class))
                .singleElement().satisfies(s -> assertThat(s.isNull("client_id")).isTrue());
    }

    @Test
    void anUnknownOrDisabledClientIs400() {
        String disabled = register("disabled", null);
        assertThat(patch("/api/admin/clients/" + disabled, "{\"active\":false}").status()).isEqualTo(200);

        for (String clientId : List.of("no-such-client", "not a client id", "", "x".repeat(300), disabled)) {
            JsonObject problem = assertProblem(login(user, clientId), 400);
            assertThat(problem.getString("type")).endsWith("invalid-client");
        }
        Reply withSecretOnly = api.request("POST", "/api/auth/login").json(Json.createObjectBuilder()
                .add("username", user.username()).add("password", user.password()).add("client_secret", "tmcs_x")
                .build().toString()).send();
        assertProblem(withSecretOnly, 400);
    }

    @Test
    void aRefreshKeepsItsSessionsClient() {
        String mine = register("mine", null);
        String other = register("other", null);
        Tokens ofClient = loginOk(user, mine);
        Tokens withoutClient = loginOk(user, null);

        assertProblem(refresh(ofClient.refresh(), other), 400);
        assertProblem(refresh(ofClient.refresh(), "no-such-client"), 400);
        assertProblem(refresh(withoutClient.refresh(), mine), 400);

        // Refused before anything was used up: both refresh tokens still work.
        assertThat(refresh(ofClient.refresh(), mine).status()).isEqualTo(200);
        assertThat(refresh(withoutClient.refresh(), null).status()).isEqualTo(200);
    }

    @Test
    void aClientWithASecretMustProveItselfWithIt() {
        String clientId = newClientId("confidential");
        Reply created = createClient(Json.createObjectBuilder().add("client_id", clientId).add("secret", true));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().getString("secret");
        assertThat(secret).matches("tmcs_[A-Za-z0-9_-]{43}");
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        JsonObject shown = api.get("/api/admin/clients/" + clientId, admin).json();
        assertThat(shown.getBoolean("has_secret")).isTrue();
        assertThat(shown.toString()).doesNotContain(secret);

        assertProblem(login(user, clientId), 401);
        assertProblem(loginWithSecret(clientId, "tmcs_wrong"), 401);
        Reply ok = loginWithSecret(clientId, secret);
        assertThat(ok.status()).isEqualTo(200);
        String refreshToken = ok.json().getString("refresh_token");
        assertProblem(refresh(refreshToken, clientId), 401);
        Reply refreshed = api.request("POST", "/api/auth/refresh").form(Map.of("refresh_token", refreshToken,
                "client_secret", secret)).send();
        assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);

        Reply rotated = api.request("POST", "/api/admin/clients/" + clientId + "/secret").bearer(admin).send();
        assertThat(rotated.status()).isEqualTo(200);
        String newSecret = rotated.json().getString("secret");
        assertProblem(loginWithSecret(clientId, secret), 401);
        assertThat(loginWithSecret(clientId, newSecret).status()).isEqualTo(200);

        assertThat(api.delete("/api/admin/clients/" + clientId + "/secret", admin).status()).isEqualTo(204);
        assertThat(login(user, clientId).status()).isEqualTo(200);
        assertProblem(loginWithSecret(clientId, newSecret), 400);
        assertThat(api.get("/api/admin/security-events?limit=100", admin).jsonArray().getValuesAs(JsonObject.class))
                .anySatisfy(e -> assertThat(e.getString("kind")).isEqualTo("client_authentication_failed"));
    }

    private Reply loginWithSecret(String clientId, String secret) {
        return api.request("POST", "/api/auth/login").json(Json.createObjectBuilder().add("username", user.username())
                .add("password", user.password()).add("client_id", clientId).add("client_secret", secret).build()
                .toString()).send();
    }

    // ---- back-channel logout, for every way a session ends ----

    @Test
    void loggingOutTellsTheClient() {
        LogoutReceiver front = frontEnd("logout");
        Tokens tokens = loginOk(user, front.clientId());

        assertThat(api.request("POST", "/api/auth/logout").bearer(tokens.access()).send().status()).isEqualTo(204);

        LogoutReceiver.Received logout = awaitLogouts(front, tokens.sessionId()).get(0);
        assertThat(logout.subject()).isEqualTo(claims(tokens.access()).getString("sub"));
        assertThat(logout.claims().getClaimValue("iss")).isEqualTo("token-manager");
    }

    @Test
    void revokingOneSessionTellsTheClient() {
        LogoutReceiver front = frontEnd("one");
        Tokens phone = loginOk(user, front.clientId());
        Tokens laptop = loginOk(user, null);

        assertThat(api.delete("/api/sessions/" + phone.sessionId(), laptop.access()).status()).isEqualTo(204);

        awaitLogouts(front, phone.sessionId());
    }

    @Test
    void revokingTheOtherSessionsTellsTheClientOfEach() {
        LogoutReceiver front = frontEnd("others");
        String clientId = front.clientId();
        Tokens current = loginOk(user, clientId);
        Tokens second = loginOk(user, clientId);
        Tokens third = loginOk(user, clientId);

        assertThat(api.delete("/api/sessions/others", current.access()).json().getInt("revoked")).isEqualTo(2);

        assertThat(deliveredSessions(clientId)).containsExactlyInAnyOrder(second.sessionId(), third.sessionId());
        awaitLogouts(front, second.sessionId(), third.sessionId());
        assertThat(api.get("/api/me", current.access()).status()).isEqualTo(200);
    }

    @Test
    void revokingAllSessionsTellsTheClientOfEach() {
        LogoutReceiver front = frontEnd("all");
        String clientId = front.clientId();
        Tokens one = loginOk(user, clientId);
        Tokens two = loginOk(user, clientId);

        assertThat(api.delete("/api/sessions", one.access()).json().getInt("revoked")).isEqualTo(2);

        awaitLogouts(front, one.sessionId(), two.sessionId());
    }

    @Test
    void revokingARefreshTokenTellsTheClient() {
        LogoutReceiver front = frontEnd("rfc7009");
        Tokens tokens = loginOk(user, front.clientId());

        assertThat(api.request("POST", "/api/auth/revoke").form(Map.of("token", tokens.refresh())).send().status())
                .isEqualTo(200);

        awaitLogouts(front, tokens.sessionId());
    }

    @Test
    void anAdministratorsRevocationTellsTheClient() {
        LogoutReceiver front = frontEnd("admin");
        String clientId = front.clientId();
        Tokens one = loginOk(user, clientId);
        Tokens two = loginOk(user, clientId);

        assertThat(api.delete("/api/admin/sessions/" + one.sessionId(), admin).status()).isEqualTo(204);
        awaitLogouts(front, one.sessionId());
        assertThat(api.delete("/api/admin/users/" + user.username() + "/sessions", admin).status()).isEqualTo(200);

        awaitLogouts(front, one.sessionId(), two.sessionId());
    }

    @Test
    void deactivatingTheUserTellsTheClientOfEachSession() {
        LogoutReceiver front = frontEnd("deactivated");
        String clientId = front.clientId();
        Tokens one = loginOk(user, clientId);
        Tokens two = loginOk(user, clientId);

        assertThat(patch("/api/admin/users/" + user.username(), "{\"active\":false}").status()).isEqualTo(200);

        awaitLogouts(front, one.sessionId(), two.sessionId());
    }

    @Test
    void changingThePasswordTellsTheClientOfTheOtherSessions() {
        LogoutReceiver front = frontEnd("password");
        String clientId = front.clientId();
        Tokens current = loginOk(user, clientId);
        Tokens other = loginOk(user, clientId);

        Reply changed = api.postJson("/api/me/password", current.access(), Json.createObjectBuilder()
                .add("current_password", user.password()).add("new_password", "a-new-and-long-password-1").build());

        assertThat(changed.status()).as("%s", changed).isEqualTo(204);
        assertThat(deliveredSessions(clientId)).containsExactly(other.sessionId());
        awaitLogouts(front, other.sessionId());
        assertThat(api.get("/api/me", current.access()).status()).isEqualTo(200);
    }

    @Test
    void settingThePasswordAsAdministratorTellsTheClientOfEachSession() {
        LogoutReceiver front = frontEnd("reset");
        String clientId = front.clientId();
        Tokens one = loginOk(user, clientId);
        Tokens two = loginOk(user, clientId);

        assertThat(patch("/api/admin/users/" + user.username(), "{\"password\":\"set-by-the-admin-0\"}").status())
                .isEqualTo(200);

        awaitLogouts(front, one.sessionId(), two.sessionId());
    }

    @Test
    void reusingARefreshTokenTellsTheClient() {
        LogoutReceiver front = frontEnd("reuse");
        String clientId = front.clientId();
        Tokens tokens = loginOk(user, clientId);
        Reply first = refresh(tokens.refresh(), null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(refresh(Tokens.of(first.json()).refresh(), null).status()).isEqualTo(200);

        // The first generation once more, after its successor was used: no lost answer, a replay.
        assertProblem(refresh(tokens.refresh(), null), 401);

        awaitLogouts(front, tokens.sessionId());
        assertThat(securityEvents(tokens.sessionId())).anySatisfy(e ->
                assertThat(e.getString("kind")).isEqualTo("refresh_token_reuse"));
    }

    @Test
    void evictionByTheSessionLimitTellsTheClient() {
        LogoutReceiver front = frontEnd("evicted");
        String clientId = front.clientId();
        Tokens oldest = loginOk(user, clientId);
        loginOk(user, clientId);
        loginOk(user, clientId);

        loginOk(user, clientId);

        awaitLogouts(front, oldest.sessionId());
        assertInvalidToken(api.get("/api/me", oldest.access()));
        assertThat(deliveredSessions(clientId)).containsExactly(oldest.sessionId());
    }

    @Test
    void deactivatingAClientRevokesItsSessionsAndTellsIt() {
        LogoutReceiver front = frontEnd("client-off");
        String clientId = front.clientId();
        Tokens ofClient = loginOk(user, clientId);
        Tokens other = loginOk(user, null);

        assertThat(patch("/api/admin/clients/" + clientId, "{\"active\":false}").json().getBoolean("active"))
                .isFalse();

        assertInvalidToken(api.get("/api/me", ofClient.access()));
        assertThat(api.get("/api/me", other.access()).status()).isEqualTo(200);
        awaitLogouts(front, ofClient.sessionId());
        assertProblem(login(user, clientId), 400);
        assertThat(patch("/api/admin/clients/" + clientId, "{\"active\":true}").status()).isEqualTo(200);
        assertThat(login(user, clientId).status()).isEqualTo(200);
    }

    @Test
    void deletingAClientRevokesItsSessionsAndTellsIt() {
        LogoutReceiver front = frontEnd("deleted");
        String clientId = front.clientId();
        Tokens tokens = loginOk(user, clientId);

        Reply deleted = api.delete("/api/admin/clients/" + clientId, admin);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().getInt("revoked")).isEqualTo(1);
        assertInvalidToken(api.get("/api/me", tokens.access()));
        assertProblem(api.get("/api/admin/clients/" + clientId, admin), 404);
        assertProblem(login(user, clientId), 400);
        awaitLogouts(front, tokens.sessionId());
    }

    @Test
    void onlyClientsWithALogoutUriAreTold() {
        LogoutReceiver front = frontEnd("told");
        String told = front.clientId();
        String silent = register("silent", null);
        Tokens ofTold = loginOk(user, told);
        Tokens ofSilent = loginOk(user, silent);
        Tokens ofNone = loginOk(user, null);

        assertThat(api.delete("/api/sessions", ofTold.access()).json().getInt("revoked")).isEqualTo(3);

        assertThat(deliveredSessions(told)).containsExactly(ofTold.sessionId());
        assertThat(deliveries(silent)).isEmpty();
        awaitLogouts(front, ofTold.sessionId());
        assertThat(front.of(ofSilent.sessionId())).isEmpty();
        assertThat(front.of(ofNone.sessionId())).isEmpty();
    }

    @Test
    void aLogoutTokenIsNoAccessToken() {
        LogoutReceiver front = frontEnd("not-bearer");
        Tokens tokens = loginOk(user, front.clientId());
        api.request("POST", "/api/auth/logout").bearer(tokens.access()).send();

        String logoutToken = awaitLogouts(front, tokens.sessionId()).get(0).token();

        assertInvalidToken(api.get("/api/me", logoutToken));
    }

    // ---- receivers that are down, slow or failing ----

    @Test
    void aReceiverThatIsDownHearsOfTheLogoutOnceItIsBack() {
        String clientId = newClientId("down");
        LogoutReceiver front = LogoutReceiver.down(api, clientId);
        receivers.add(front);
        assertThat(createClient(Json.createObjectBuilder().add("client_id", clientId)
                .add("backchannel_logout_uri", front.uri())).status()).isEqualTo(201);
        Tokens tokens = loginOk(user, clientId);

        assertThat(api.request("POST", "/api/auth/logout").bearer(tokens.access()).send().status()).isEqualTo(204);

        await().atMost(DELIVERY).untilAsserted(() -> assertThat(deliveries(clientId)).singleElement()
                .satisfies(d -> {
                    assertThat(d.getString("state")).isEqualTo("pending");
                    assertThat(d.getInt("attempts")).isGreaterThanOrEqualTo(2);
                    assertThat(d.getString("last_result")).isEqualTo("connection refused");
                }));
        assertThat(securityEvents(tokens.sessionId())).anySatisfy(e ->
                assertThat(e.getString("kind")).isEqualTo("backchannel_logout_failed"));

        front.start();

        awaitLogouts(front, tokens.sessionId());
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(deliveries(clientId)).singleElement()
                .satisfies(d -> {
                    assertThat(d.getString("state")).isEqualTo("delivered");
                    assertThat(d.getString("last_result")).isEqualTo("HTTP 200");
                }));
        assertThat(securityEvents(tokens.sessionId())).anySatisfy(e ->
                assertThat(e.getString("kind")).isEqualTo("backchannel_logout_delivered"));
        // Two more polls find nothing to send: one delivery for the session, no more.
        sleep(Duration.ofMillis(2_500));
        assertThat(front.of(tokens.sessionId())).hasSize(1);
    }

    @Test
    void aSlowReceiverDelaysNeitherTheRevocationNorOtherReceivers() {
        LogoutReceiver slow = frontEnd("slow");
        slow.delay(Duration.ofSeconds(5));
        LogoutReceiver fast = frontEnd("fast");
        Tokens ofSlow = loginOk(user, slow.clientId());
        Tokens ofFast = loginOk(user, fast.clientId());

        long started = System.nanoTime();
        Reply revoked = api.delete("/api/sessions", ofSlow.access());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(revoked.json().getInt("revoked")).isEqualTo(2);
        assertThat(took).isLessThan(Duration.ofMillis(2_500));
        awaitLogouts(fast, ofFast.sessionId());
        assertThat(slow.of(ofSlow.sessionId())).as("the slow receiver is still answering").isEmpty();
        awaitLogouts(slow, ofSlow.sessionId());
    }

    @Test
    void aReceiverThatKeepsFailingIsGivenUpOnAfterTheGiveUpAge() {
        LogoutReceiver front = frontEnd("failing");
        front.answer(503);
        String clientId = front.clientId();
        Tokens tokens = loginOk(user, clientId);

        api.request("POST", "/api/auth/logout").bearer(tokens.access()).send();

        await().atMost(DELIVERY).untilAsserted(() -> assertThat(deliveries(clientId)).singleElement()
                .satisfies(d -> assertThat(d.getString("state")).isEqualTo("abandoned")));
        JsonObject delivery = deliveries(clientId).get(0);
        assertThat(delivery.getInt("attempts")).isGreaterThanOrEqualTo(4);
        assertThat(delivery.getString("last_result")).isEqualTo("HTTP 503");
        assertThat(front.refusals()).isEmpty();
        assertThat(front.of(tokens.sessionId())).hasSize(delivery.getInt("attempts"));
        assertThat(securityEvents(tokens.sessionId()).stream().map(e -> e.getString("kind")))
                .contains("backchannel_logout_failed", "backchannel_logout_abandoned");
        int attempts = front.of(tokens.sessionId()).size();
        sleep(Duration.ofMillis(2_500));
        assertThat(front.of(tokens.sessionId())).hasSize(attempts);
    }

    @Test
    void noSecretOrTokenReachesTheLog() {
        String clientId = newClientId("quiet");
        LogoutReceiver front = LogoutReceiver.start(api, clientId);
        receivers.add(front);
        String secret = createClient(Json.createObjectBuilder().add("client_id", clientId).add("secret", true)
                .add("backchannel_logout_uri", front.uri())).json().getString("secret");
        Reply login = loginWithSecret(clientId, secret);
        assertProblem(loginWithSecret(clientId, secret + "x"), 401);
        Tokens tokens = Tokens.of(login.json());
        Reply refreshed = api.request("POST", "/api/auth/refresh").form(Map.of("refresh_token", tokens.refresh(),
                "client_secret", secret)).send();
        Tokens second = Tokens.of(refreshed.json());

        api.request("POST", "/api/auth/logout").bearer(second.access()).send();
        String logoutToken = awaitLogouts(front, tokens.sessionId()).get(0).token();

        String log = Deployments.serverLogText();
        assertThat(log).contains(tokens.sessionId());
        for (String secretValue : List.of(secret, secret + "x", tokens.refresh(), second.refresh(), tokens.access(),
                second.access(), logoutToken, logoutToken.split("\\.")[2])) {
            assertThat(log).doesNotContain(secretValue);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
