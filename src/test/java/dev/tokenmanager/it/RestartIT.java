package dev.tokenmanager.it;

import static dev.tokenmanager.it.support.ProblemAssert.assertInvalidToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Api.Tokens;
import dev.tokenmanager.it.support.Api.User;
import dev.tokenmanager.it.support.Deployments;
import dev.tokenmanager.it.support.LogoutReceiver;
import dev.tokenmanager.it.support.ServerProcesses;
import dev.tokenmanager.it.support.TestDatabase;
import dev.tokenmanager.testing.Jwts;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A restart, or a crash, of the server loses no user, session or key: every token keeps its answer; and no
 * back-channel logout: one its front end could not take before is delivered after.
 */
@ExtendWith(ArquillianExtension.class)
class RestartIT {

    private static final String SERVER = "server";
    private static final String PORT = System.getProperty("it.fixed.port");

    @Deployment(name = SERVER, managed = false, testable = false)
    @TargetsContainer("payara-fixed-port")
    static WebArchive deployment() throws SQLException {
        TestDatabase.forgetServersOfEarlierTests();
        return Deployments.tokenManager("RestartIT", Map.of(
                "token-manager.backchannel-logout.first-retry", "PT1S",
                "token-manager.backchannel-logout.max-retry-interval", "PT2S",
                "token-manager.backchannel-logout.poll-interval", "PT1S",
                "token-manager.backchannel-logout.connect-timeout", "PT1S",
                "token-manager.backchannel-logout.response-timeout", "PT2S"));
    }

    @ArquillianResource
    Deployer deployer;

    private final Api api = new Api(URI.create("http://127.0.0.1:" + PORT + "/"));

    /**
     * What a user has before the server goes away, and a back-channel logout not yet delivered: its front end is
     * down until the server is gone.
     */
    private record Before(User user, Tokens kept, Tokens revoked, JsonObject jwks, LogoutReceiver frontEnd,
                          String loggedOut) {
    }

    private Before prepare() {
        User user = api.createUser("restart");
        Tokens kept = api.loginOk(user.username(), user.password(), Api.CHROME_LINUX);
        Tokens revoked = api.loginOk(user.username(), user.password(), Api.SAFARI_IPHONE);
        assertThat(api.delete("/api/sessions/" + revoked.sessionId(), kept.access()).status()).isEqualTo(204);

        String clientId = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        LogoutReceiver frontEnd = LogoutReceiver.down(api, clientId);
        String admin = api.loginAdmin().access();
        assertThat(api.postJson("/api/admin/clients", admin, Json.createObjectBuilder().add("client_id", clientId)
                .add("backchannel_logout_uri", frontEnd.uri()).build()).status()).isEqualTo(201);
        String loggedOut = Api.Tokens.of(api.request("POST", "/api/auth/login").json(Json.createObjectBuilder()
                .add("username", user.username()).add("password", user.password()).add("client_id", clientId)
                .build().toString()).send().json()).access();
        assertThat(api.request("POST", "/api/auth/logout").bearer(loggedOut).send().status()).isEqualTo(204);
        String sessionId = Jwts.claims(loggedOut).getString("sid");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get("/api/admin/clients/"
                        + clientId + "/backchannel-logouts", admin).jsonArray().getValuesAs(JsonObject.class))
                .singleElement().satisfies(d -> {
                    assertThat(d.getString("state")).isEqualTo("pending");
                    assertThat(d.getInt("attempts")).isPositive();
                }));
        return new Before(user, kept, revoked, api.get("/api/auth/jwks", null).json(), frontEnd, sessionId);
    }

    private void assertNothingLost(Before before) {
        assertThat(api.get("/api/me", before.kept().access()).json().getString("username"))
                .isEqualTo(before.user().username());
        assertInvalidToken(api.get("/api/me", before.revoked().access()));
        List<String> live = api.get("/api/sessions", before.kept().access()).jsonArray()
                .getValuesAs(JsonObject.class).stream().map(s -> s.getString("id")).toList();
        assertThat(live).containsExactly(before.kept().sessionId());
        assertThat(api.get("/api/auth/jwks", null).json()).isEqualTo(before.jwks());
        assertThat(api.loginOk(before.user().username(), before.user().password(), null).access()).isNotBlank();

        // The front end is back: the logout that was not delivered before the server went away is delivered now.
        try (LogoutReceiver frontEnd = before.frontEnd()) {
            frontEnd.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> !frontEnd.of(before.loggedOut()).isEmpty());
            assertThat(frontEnd.refusals()).isEmpty();
            assertThat(frontEnd.of(before.loggedOut())).hasSize(1);
        }
    }

    @Test
    void restartKeepsUsersSessionsAndKeys() {
        deployer.deploy(SERVER);
        try {
            Before before = prepare();

            stop();
            deployer.deploy(SERVER);

            assertNothingLost(before);
        } finally {
            stop();
        }
    }

    /** Stops the server and waits until it has, so that the next one starts on a free port and database. */
    private void stop() {
        deployer.undeploy(SERVER);
        ServerProcesses.awaitStopped(PORT);
    }

    @Test
    void crashLosesNothingCommitted() {
        deployer.deploy(SERVER);
        try {
            Before before = prepare();

            ServerProcesses.kill(PORT);
            deployer.undeploy(SERVER);
            deployer.deploy(SERVER);

            assertNothingLost(before);
        } finally {
            stop();
        }
    }
}
