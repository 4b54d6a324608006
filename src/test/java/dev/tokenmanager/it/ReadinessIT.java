package dev.tokenmanager.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Deployments;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
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
 * and everything works again once it is back. The database is an H2 server this test starts and stops.
 */
@ExtendWith(ArquillianExtension.class)
class ReadinessIT {

    private static int port;
    private static Server database;

    @Deployment(testable = false)
    static WebArchive deployment() throws SQLException, IOException {
        port = freePort();
        startDatabase();
        String file = Deployments.dataDir("ReadinessIT").resolve("token-manager").toString();
        return Deployments.tokenManager("ReadinessIT", Map.of(
                "token-manager.db.url", "jdbc:h2:tcp://127.0.0.1:" + port + "/" + file,
                "token-manager.session-cache-ttl", "PT0S"));
    }

    private static void startDatabase() throws SQLException {
        System.setProperty("h2.bindAddress", "127.0.0.1");
        database = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists").start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @AfterAll
    static void stopDatabase() {
        if (database != null) {
            database.stop();
        }
    }

    @ArquillianResource
    URL url;

    @Test
    void readinessFollowsTheDatabase() throws SQLException {
        Api api = Api.of(url);
        Api health = Deployments.health(api);
        String token = api.loginAdmin().access();
        assertThat(health.get("/health/ready", null).status()).isEqualTo(200);

        database.stop();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> health.get("/health/ready", null).status() == 503);
            assertThat(health.get("/health/ready", null).body()).contains("DOWN");
            assertThat(health.get("/health/live", null).status()).isEqualTo(200);
            var refused = api.get("/api/me", token);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(api.login("admin", Deployments.adminPassword(), null).status()).isEqualTo(503);
        } finally {
            startDatabase();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> health.get("/health/ready", null).status() == 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/me", token).status() == 200);
    }
}
