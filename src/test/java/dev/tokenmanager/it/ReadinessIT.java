package dev.tokenmanager.it;

import static dev.tokenmanager.it.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Deployments;
import dev.tokenmanager.it.support.Health;
import dev.tokenmanager.it.support.Reply;
import dev.tokenmanager.it.support.SingleServerIT;
import dev.tokenmanager.it.support.TcpProxy;
import dev.tokenmanager.it.support.TestDatabase;
import java.net.URL;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.tools.Server;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database goes away and comes back: readiness fails while it is away, requests get 503 rather than a crash,
 * and everything works again once it is back, without a restart. The server reaches its database (PostgreSQL when
 * the run uses it, else an H2 server this test starts) through a TCP proxy that the test cuts and restores.
 */
class ReadinessIT extends SingleServerIT {

    private static final Pattern POSTGRESQL_URL = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?(/.*)");

    private static Server h2;
    private static TcpProxy proxy;

    @Deployment(testable = false)
    static WebArchive deployment() throws SQLException {
        String url;
        if (TestDatabase.isShared()) {
            String postgresql = TestDatabase.of("ReadinessIT").url();
            Matcher parts = POSTGRESQL_URL.matcher(postgresql);
            assertThat(parts.matches()).as("a PostgreSQL URL: %s", postgresql).isTrue();
            proxy = TcpProxy.to(parts.group(1), parts.group(2) == null ? 5432 : Integer.parseInt(parts.group(2)));
            url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + parts.group(3);
        } else {
            System.setProperty("h2.bindAddress", "127.0.0.1");
            h2 = Server.createTcpServer("-tcpPort", Integer.toString(TcpProxy.freeLoopbackPort()), "-ifNotExists")
                    .start();
            proxy = TcpProxy.to("127.0.0.1", h2.getPort());
            url = "jdbc:h2:tcp://127.0.0.1:" + proxy.port() + "/"
                    + Deployments.dataDir("ReadinessIT").resolve("token-manager");
        }
        return Deployments.tokenManager("ReadinessIT", Map.of(
                // Above the environment (300), where a PostgreSQL run names the shared database directly.
                "config_ordinal", "350",
                "token-manager.db.url", url,
                "token-manager.session-cache-ttl", "PT0S"));
    }

    @AfterAll
    static void stopDatabase() {
        if (proxy != null) {
            proxy.close();
        }
        if (h2 != null) {
            h2.stop();
        }
    }

    @Test
    void readinessFollowsTheDatabase() {
        Api health = Deployments.health(api);
        String token = api.loginAdmin().access();
        Api.Tokens other = api.loginOk("admin", Deployments.adminPassword(), Api.SAFARI_IPHONE);
        assertThat(Health.of(health.get("/health/ready", null)).isUpWith("database")).isTrue();

        proxy.cut();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Health.of(health.get("/health/ready", null))
                    .isDownFor("database"));
            assertThat(Health.of(health.get("/health/live", null)).isUpWith("signing-key")).isTrue();
            assertDatabaseUnavailable(api.get("/api/me", token));
            assertDatabaseUnavailable(api.login("admin", Deployments.adminPassword(), null));
            // A revocation that cannot reach the database is refused whole: nothing of it takes effect.
            assertDatabaseUnavailable(api.delete("/api/sessions/" + other.sessionId(), token));
        } finally {
            proxy.restore();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> Health.of(health.get("/health/ready", null))
                .isUpWith("database"));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/me", token).status() == 200);
        assertThat(api.get("/api/me", other.access()).status()).as("the session whose revocation was refused")
                .isEqualTo(200);
    }

    private static void assertDatabaseUnavailable(Reply reply) {
        assertProblem(reply, 503);
        assertThat(reply.header("Retry-After")).isNotBlank();
    }
}
