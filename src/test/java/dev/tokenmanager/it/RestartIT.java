package dev.tokenmanager.it;

import static dev.tokenmanager.it.support.ProblemAssert.assertInvalidToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Api.Tokens;
import dev.tokenmanager.it.support.Api.User;
import dev.tokenmanager.it.support.Deployments;
import dev.tokenmanager.it.support.ServerProcesses;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A restart, or a crash, of the server loses no user, session or key: every token keeps its answer. */
@ExtendWith(ArquillianExtension.class)
class RestartIT {

    private static final String SERVER = "server";
    private static final String PORT = System.getProperty("it.fixed.port");

    @Deployment(name = SERVER, managed = false, testable = false)
    @TargetsContainer("payara-fixed-port")
    static WebArchive deployment() {
        return Deployments.tokenManager("RestartIT", Map.of());
    }

    @ArquillianResource
    Deployer deployer;

    private final Api api = new Api(URI.create("http://127.0.0.1:" + PORT + "/"));

    /** What a user has before the server goes away. */
    private record Before(User user, Tokens kept, Tokens revoked, JsonObject jwks) {
    }

    private Before prepare() {
        User user = api.createUser("restart");
        Tokens kept = api.loginOk(user.username(), user.password(), Api.CHROME_LINUX);
        Tokens revoked = api.loginOk(user.username(), user.password(), Api.SAFARI_IPHONE);
        assertThat(api.delete("/api/sessions/" + revoked.sessionId(), kept.access()).status()).isEqualTo(204);
        return new Before(user, kept, revoked, api.get("/api/auth/jwks", null).json());
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
