package dev.tokenmanager.it;

import static dev.tokenmanager.it.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Api.Tokens;
import dev.tokenmanager.it.support.Api.User;
import dev.tokenmanager.it.support.Deployments;
import dev.tokenmanager.it.support.FeedStream;
import dev.tokenmanager.it.support.Reply;
import dev.tokenmanager.it.support.ResourceServers;
import dev.tokenmanager.it.support.TcpProxy;
import dev.tokenmanager.it.support.Waits;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The revocation feed and its client library, through the real thing: token-manager, and beside it another service
 * that verifies our tokens statelessly with its server's MicroProfile JWT and has the library in its WAR, following
 * the feed through a TCP proxy the tests can cut. {@link RevocationFeedIT} runs it on two Payara Micro processes,
 * {@link RevocationFeedWildFlyIT} with both WARs on one WildFly.
 */
abstract class RevocationFeedTests {

    /** The port token-manager listens on: Payara's fixed port, or WildFly's HTTP port with its offset. */
    static final String PORT = System.getProperty("it.wildfly.home") != null
            ? Integer.toString(8080 + Integer.getInteger("it.wildfly.offset"))
            : System.getProperty("it.fixed.port");
    /** Between the library and the feed: cut to take the feed away from the library. */
    static final TcpProxy FEED = TcpProxy.to("127.0.0.1", Integer.parseInt(PORT));
    /** Where the library reads its credential: a named token, or the secret of the client it follows the feed as. */
    static final Path CREDENTIAL_FILE = Deployments.dataDir("RevocationFeedIT-resource-server")
            .resolve("feed-credential");
    /** The registered client the library follows the feed as, with {@link LibraryCredential#CLIENT_SECRET}. */
    static final String LIBRARY_CLIENT = "stateless-service";

    /** How the library proves itself to the feed: each subclass runs the tests with one of the two. */
    enum LibraryCredential {
        /** {@code revocation-feed.token-file}: a named token of a user in group introspect. */
        NAMED_TOKEN,
        /** {@code revocation-feed.client-id} and {@code revocation-feed.client-secret-file}: a registered client. */
        CLIENT_SECRET
    }
    static final Duration MAX_OUTAGE = Duration.ofSeconds(4);
    static final Duration ACCESS_TTL = Duration.ofMinutes(5);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(10);

    /** The poll is slow here: what the tests see within a second is the feed woken by the revocation itself. */
    static final Map<String, String> TOKEN_MANAGER_SETTINGS = Map.of(
            "token-manager.access-ttl", ACCESS_TTL.toString(),
            "token-manager.clock-skew", CLOCK_SKEW.toString(),
            "token-manager.revocation-feed.heartbeat", "PT1S",
            "token-manager.revocation-feed.poll-interval", "PT30S");

    /** The service with the library: fail closed after 4 s cut off, quick reconnects, its credential from a file. */
    static WebArchive resourceServerArchive(LibraryCredential credential) {
        try {
            Files.createDirectories(CREDENTIAL_FILE.getParent());
            Files.deleteIfExists(CREDENTIAL_FILE); // the credential of an earlier run belongs to an earlier database
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>(Map.of(
                "revocation-feed.url", "http://127.0.0.1:" + FEED.port() + "/api/auth/revocations",
                "revocation-feed.mode", "fail-closed",
                "revocation-feed.max-outage", MAX_OUTAGE.toString(),
                "revocation-feed.idle-timeout", "PT3S",
                "revocation-feed.reconnect-delay", "PT0.2S",
                "revocation-feed.max-reconnect-delay", "PT1S"));
        if (credential == LibraryCredential.NAMED_TOKEN) {
            config.put("revocation-feed.token-file", CREDENTIAL_FILE.toString());
        } else {
            config.put("revocation-feed.client-id", LIBRARY_CLIENT);
            config.put("revocation-feed.client-secret-file", CREDENTIAL_FILE.toString());
        }
        return ResourceServers.withFeedClient(PORT, config);
    }

    /** The credential this class's resource server was deployed with. */
    abstract LibraryCredential libraryCredential();

    final Api tokenManager = new Api(java.net.URI.create("http://127.0.0.1:" + PORT + "/"));

    @ArquillianResource
    @OperateOnDeployment("resource-server")
    URL resourceServerUrl;

    /** The service with the library, as its deployment answers. */
    Api resourceServer() {
        return Api.of(resourceServerUrl);
    }

    private User user;
    private Tokens bystander;

    /**
     * The library's credential, put where the library reads it: a named token of a user in group introspect, or
     * the secret of the registered client {@link #LIBRARY_CLIENT}, created for it.
     */
    private String libraryCredentialValue() throws IOException {
        if (Files.exists(CREDENTIAL_FILE)) {
            return Files.readString(CREDENTIAL_FILE).strip();
        }
        String value;
        if (libraryCredential() == LibraryCredential.NAMED_TOKEN) {
            User subscriber = tokenManager.createUser("feed-subscriber", "introspect");
            Tokens login = tokenManager.loginOk(subscriber.username(), subscriber.password(), null);
            value = tokenManager.postJson("/api/tokens", login.access(), Json.createObjectBuilder()
                    .add("name", "revocation feed").build()).json().getString("token");
        } else {
            Reply created = tokenManager.postJson("/api/admin/clients", tokenManager.loginAdmin().access(),
                    Json.createObjectBuilder().add("client_id", LIBRARY_CLIENT).add("secret", true).build());
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            value = created.json().getString("secret");
        }
        Files.writeString(CREDENTIAL_FILE, value);
        return value;
    }

    /** The {@code Authorization} header of the library's credential, for the tests' own feed requests. */
    private String feedAuthorization() throws IOException {
        String value = libraryCredentialValue();
        return libraryCredential() == LibraryCredential.NAMED_TOKEN ? "Bearer " + value : basic(LIBRARY_CLIENT, value);
    }

    @BeforeEach
    void setUp() throws IOException {
        libraryCredentialValue();
        FEED.restore();
        user = tokenManager.createUser("stateless", "user");
        bystander = login();
        awaitFollowing();
    }

    private Tokens login() {
        return tokenManager.loginOk(user.username(), user.password(), Api.CHROME_LINUX);
    }

    private Reply whoAmI(String token) {
        return resourceServer().get("/api/whoami", token);
    }

    /** Until the library follows the feed: a live token is accepted (fail closed refuses it before). */
    private void awaitFollowing() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(whoAmI(bystander.access()).status()).isEqualTo(200));
    }

    private void revoke(Tokens tokens) {
        assertThat(tokenManager.delete("/api/sessions/" + tokens.sessionId(), bystander.access()).status())
                .isEqualTo(204);
    }

    /** The resource server's 401 for a token of an ended session. */
    private static void assertSessionEnded(Reply reply) {
        assertProblem(reply, 401);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"");
    }

    @Test
    void feedNeedsABearerOfGroupIntrospectOrAdmin() {
        Reply anonymous = tokenManager.get("/api/auth/revocations", null);
        assertProblem(anonymous, 401);
        assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"token-manager\"");
        assertProblem(tokenManager.get("/api/auth/revocations", bystander.access()), 403);
        assertProblem(tokenManager.request("GET", "/api/auth/revocations").bearer("not.a.token").send(), 401);
        Tokens ended = login();
        revoke(ended);
        Reply endedReply = tokenManager.get("/api/auth/revocations", ended.access());
        assertProblem(endedReply, 401);
        assertThat(endedReply.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(endedReply.json().getString("detail")).isEqualTo("The session of this token has ended.");
    }

    @Test
    void registeredClientWithASecretFollowsTheFeedInHttpBasicUntilTheSecretIsReplaced() throws Exception {
        String admin = tokenManager.loginAdmin().access();
        String clientId = "feed-client-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = tokenManager.postJson("/api/admin/clients", admin, Json.createObjectBuilder()
                .add("client_id", clientId).add("secret", true).build());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String secret = created.json().getString("secret");
        Tokens victim = login();

        try (FeedStream stream = FeedStream.openWith(tokenManager, basic(clientId, secret), null)) {
            stream.untilComment(Duration.ofSeconds(30)); // caught up
            revoke(victim);
            FeedStream.Item event = stream.nextEvent(Duration.ofSeconds(5));
            assertThat(event).as("the event of the revocation").isNotNull();
            assertThat(event.json().getString("sid")).isEqualTo(victim.sessionId());

            // A new secret replaces the old one: the open stream ends at the next heartbeat (every second here).
            Reply rotated = tokenManager.request("POST", "/api/admin/clients/" + clientId + "/secret").bearer(admin)
                    .send();
            assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
            assertThat(stream.endsWithin(Duration.ofSeconds(10))).as("the stream ended").isTrue();
        }
        Reply oldSecret = tokenManager.request("GET", "/api/auth/revocations")
                .header("Authorization", basic(clientId, secret)).send();
        assertProblem(oldSecret, 401);
        assertThat(oldSecret.body()).doesNotContain(secret);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                tokenManager.get("/api/admin/security-events?limit=20", admin).body())
                .contains("client " + clientId + ": wrong secret for the revocation feed"));

        String withoutSecret = "feed-public-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(tokenManager.postJson("/api/admin/clients", admin, Json.createObjectBuilder()
                .add("client_id", withoutSecret).build()).status()).isEqualTo(201);
        assertProblem(tokenManager.request("GET", "/api/auth/revocations")
                .header("Authorization", basic(withoutSecret, "")).send(), 401);
        assertProblem(tokenManager.request("GET", "/api/auth/revocations")
                .header("Authorization", "Basic not-base64!").send(), 401);
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void garbageOrFutureLastEventIdIs400() throws IOException {
        String authorization = feedAuthorization();
        for (String id : List.of("abc", "-1", "1.5", "99999999999999999999", "9".repeat(18))) {
            Reply reply = tokenManager.request("GET", "/api/auth/revocations").header("Authorization", authorization)
                    .header("Last-Event-ID", id).send();
            assertProblem(reply, 400);
            assertThat(reply.json().getString("detail")).contains("Last-Event-ID");
        }
    }

    @Test
    void feedStreamsEachEndedSessionWithItsIdAndUntilAndResumesAfterALastEventId() throws Exception {
        String authorization = feedAuthorization();
        Tokens victim = login();
        FeedStream.Item event;
        try (FeedStream stream = FeedStream.openWith(tokenManager, authorization, null)) {
            stream.untilComment(Duration.ofSeconds(30)); // caught up
            Instant revokedAt = Instant.now();
            revoke(victim);
            event = stream.nextEvent(Duration.ofSeconds(5));
        }
        assertThat(event).as("the event of the revocation").isNotNull();
        assertThat(event.name()).isEqualTo("session-revoked");
        assertThat(event.id()).matches("[0-9]+");
        JsonObject data = event.json();
        assertThat(data.getString("sid")).isEqualTo(victim.sessionId());
        long expectedUntil = Instant.now().plus(ACCESS_TTL).plus(CLOCK_SKEW).getEpochSecond();
        assertThat(data.getJsonNumber("until").longValue()).isBetween(expectedUntil - 10, expectedUntil + 1);

        long id = Long.parseLong(event.id());
        try (FeedStream resumed = FeedStream.openWith(tokenManager, authorization, Long.toString(id - 1))) {
            List<FeedStream.Item> replayed = resumed.untilComment(Duration.ofSeconds(30));
            assertThat(replayed).extracting(FeedStream.Item::id).contains(event.id());
        }
        try (FeedStream resumed = FeedStream.openWith(tokenManager, authorization, Long.toString(id))) {
            assertThat(resumed.untilComment(Duration.ofSeconds(30))).extracting(item -> Long.parseLong(item.id()))
                    .allSatisfy(later -> assertThat(later).isGreaterThan(id));
        }
    }

    @Test
    void revokedSessionsTokenIsRefusedByTheStatelessServiceWithinASecond() {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Tokens victim = login();
            assertThat(whoAmI(victim.access()).status()).isEqualTo(200);

            revoke(victim);
            long revoked = System.nanoTime();
            Reply refused = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                    .until(() -> whoAmI(victim.access()), reply -> reply.status() != 200);
            millis.add(Duration.ofNanos(System.nanoTime() - revoked).toMillis());

            assertSessionEnded(refused);
            assertThat(whoAmI(bystander.access()).status()).isEqualTo(200);
        }
        assertThat(millis).as("milliseconds from the revocation's answer to the first 401").allSatisfy(ms ->
                assertThat(ms).isLessThan(1_000));
    }

    @Test
    void libraryResumesAfterTheFeedConnectionDropsWithoutMissingAnEvent() throws Exception {
        Tokens before = login();
        revoke(before);
        await().atMost(Duration.ofSeconds(5)).until(() -> whoAmI(before.access()).status() == 401);
        long resumedBefore = feedStats().getJsonNumber("resumed_subscriptions").longValue();
        Tokens during = login();
        assertThat(whoAmI(during.access()).status()).isEqualTo(200);

        FEED.cut();
        revoke(during); // the library cannot hear of this one now
        Waits.untilPassed(Duration.ofSeconds(1));
        FEED.restore();

        Reply refused = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> whoAmI(during.access()), reply -> reply.status() == 401);
        assertSessionEnded(refused);
        assertSessionEnded(whoAmI(before.access()));
        assertThat(whoAmI(bystander.access()).status()).isEqualTo(200);
        assertThat(feedStats().getJsonNumber("resumed_subscriptions").longValue())
                .as("the library resumed with Last-Event-ID").isGreaterThan(resumedBefore);
    }

    @Test
    void failClosedRefusesEveryTokenWhileCutOffLongerThanTheBoundAndRecovers() {
        FEED.cut();
        Reply unavailable = await().atMost(MAX_OUTAGE.plusSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> whoAmI(bystander.access()), reply -> reply.status() != 200);
        assertProblem(unavailable, 503);
        assertThat(unavailable.header("Retry-After")).isNotNull();
        // A request without a token is the service's own business: its MP-JWT refuses it (Jersey 401, RESTEasy 403).
        assertThat(whoAmI(null).status()).isIn(401, 403);

        FEED.restore();

        awaitFollowing();
        // The service's log reaches its file a moment after the service acts on it.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(Deployments.serverLogText())
                .contains("revocation feed: following http://127.0.0.1:" + FEED.port())
                .contains("fail closed")
                .contains("cut off for longer than " + MAX_OUTAGE)
                .contains("following again"));
        assertThat(Deployments.serverLogText()).doesNotContain(readCredential());
    }

    private static String readCredential() {
        try {
            return Files.readString(CREDENTIAL_FILE).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonObject feedStats() {
        return tokenManager.get("/api/admin/stats", tokenManager.loginAdmin().access()).json()
                .getJsonObject("revocation_feed");
    }
}
