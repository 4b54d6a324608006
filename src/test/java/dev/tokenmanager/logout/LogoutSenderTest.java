package dev.tokenmanager.logout;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Posting logout tokens to a real HTTP server on loopback: what counts as delivered, and every bound. */
class LogoutSenderTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private LogoutSender sender;
    private volatile int status = 200;
    private volatile long delayMillis;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.setExecutor(executor);
        server.createContext("/logout", exchange -> {
            try (exchange) {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                sleep(delayMillis);
                if (status == 302) {
                    exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/elsewhere");
                }
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.createContext("/elsewhere", exchange -> {
            try (exchange) {
                bodies.add("redirected");
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
        sender = new LogoutSender(executor, Duration.ofSeconds(1), Duration.ofMillis(700));
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private LogoutSender.Outcome send(String uri) throws Exception {
        return sender.send(uri, "header.payload+/=.signature").get(10, TimeUnit.SECONDS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aTwoHundredIsADeliveryOfTheTokenAsAForm() throws Exception {
        LogoutSender.Outcome outcome = send("http://127.0.0.1:" + port() + "/logout");

        assertThat(outcome).isEqualTo(new LogoutSender.Outcome(true, "HTTP 200"));
        assertThat(bodies).containsExactly("logout_token=header.payload%2B%2F%3D.signature");
        assertThat(contentTypes).containsExactly("application/x-www-form-urlencoded");
    }

    @Test
    void anyTwoHundredCountsButAnErrorDoesNot() throws Exception {
        status = 204;
        assertThat(send("http://127.0.0.1:" + port() + "/logout").delivered()).isTrue();
        status = 400;
        assertThat(send("http://127.0.0.1:" + port() + "/logout")).isEqualTo(new LogoutSender.Outcome(false, "HTTP 400"));
        status = 503;
        assertThat(send("http://127.0.0.1:" + port() + "/logout")).isEqualTo(new LogoutSender.Outcome(false, "HTTP 503"));
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        status = 302;
        assertThat(send("http://127.0.0.1:" + port() + "/logout")).isEqualTo(new LogoutSender.Outcome(false, "HTTP 302"));
        assertThat(bodies).doesNotContain("redirected");
    }

    @Test
    void aReceiverThatIsDownIsAFailure() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertThat(send("http://127.0.0.1:" + closed + "/logout"))
                .isEqualTo(new LogoutSender.Outcome(false, "connection refused"));
    }

    @Test
    void aSlowReceiverIsGivenUpOnAfterTheResponseTimeout() throws Exception {
        delayMillis = 3_000;
        long started = System.nanoTime();

        LogoutSender.Outcome outcome = send("http://127.0.0.1:" + port() + "/logout");

        assertThat(outcome).isEqualTo(new LogoutSender.Outcome(false, "timed out"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void aFailureIsDescribedWithoutItsMessage() {
        assertThat(LogoutSender.describe(new IOException("secret token in a message"))).isEqualTo("I/O failed: IOException");
        assertThat(BackchannelLogoutWorker.withoutQuery("https://app.example.com:8443/logout?key=s3cret"))
                .isEqualTo("https://app.example.com:8443/logout");
    }
}
