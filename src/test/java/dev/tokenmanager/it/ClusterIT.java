package dev.tokenmanager.it;

import dev.tokenmanager.testing.Jwts;
import static dev.tokenmanager.it.support.ProblemAssert.assertInvalidToken;
import static dev.tokenmanager.it.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Api.Tokens;
import dev.tokenmanager.it.support.Api.User;
import dev.tokenmanager.it.support.ClusterDeployments;
import dev.tokenmanager.it.support.Concurrently;
import dev.tokenmanager.it.support.FeedStream;
import dev.tokenmanager.it.support.LogoutReceiver;
import dev.tokenmanager.it.support.Reply;
import dev.tokenmanager.it.support.Waits;
import dev.tokenmanager.it.support.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes of one cluster (Payara Micro's data grid, or WildFly's JGroups channel) sharing one database: whatever one node changes (a revocation, an
 * account, the signing key, login failures) holds on the other at once, although each caches sessions.
 */
@ExtendWith(ArquillianExtension.class)
class ClusterIT {

    /** The feed's poll is slow here: what node 2's feed shows at once, the data grid woke it for. */
    private static final Map<String, String> SETTINGS = Map.of(
            "token-manager.login-max-failures", "3",
            "token-manager.login-failure-window", "PT4S",
            "token-manager.session-cache-ttl", "PT60S",
            // Both nodes look for due back-channel logouts twice a second: they race for the deliveries.
            "token-manager.backchannel-logout.poll-interval", "PT0.5S",
            "token-manager.revocation-feed.poll-interval", "PT30S");

    @Deployment(name = "node-1", order = 1, testable = false)
    @TargetsContainer("node-1")
    static WebArchive node1() throws SQLException {
        TestDatabase.forgetServersOfEarlierTests();
        return ClusterDeployments.node("ClusterIT", 1, SETTINGS);
    }

    @Deployment(name = "node-2", order = 2, testable = false)
    @TargetsContainer("node-2")
    static WebArchive node2() {
        return ClusterDeployments.node("ClusterIT", 2, SETTINGS);
    }

    private final Api node1 = ClusterDeployments.node1();
    private final Api node2 = ClusterDeployments.node2();

    @Test
    void nodesFormOneCluster() {
        for (int n = 1; n <= 2; n++) {
            Api node = n == 1 ? node1 : node2;
            assertThat(ClusterDeployments.health(n).get("/health/ready", null).status()).isEqualTo(200);
            // The grid forms within seconds; a loaded machine may take longer to start the second node's listeners.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(cluster(node).getInt("members")).as("members of the grid").isEqualTo(2));
        }
    }

    /** What {@code node} knows of the grid. */
    private static JsonObject cluster(Api node) {
        Reply stats = node.get("/api/admin/stats", node.loginAdmin().access());
        assertThat(stats.status()).isEqualTo(200);
        return stats.json().getJsonObject("cluster");
    }

    @Test
    void revocationThroughOneNodeStopsTheTokenOnBothBeforeItAnswers() {
        User user = node1.createUser("cluster");
        for (int round = 0; round < 10; round++) {
            Tokens victim = node1.loginOk(user.username(), user.password(), Api.CHROME_LINUX);
            Tokens other = node1.loginOk(user.username(), user.password(), Api.SAFARI_IPHONE);
            // Both nodes have the victim's session in their caches now.
            assertThat(node1.get("/api/me", victim.access()).status()).isEqualTo(200);
            assertThat(node2.get("/api/me", victim.access()).status()).isEqualTo(200);

            assertThat(node2.delete("/api/sessions/" + victim.sessionId(), other.access()).status()).isEqualTo(204);

            // The very first request after the revocation answered, on either node, is refused.
            assertInvalidToken(node1.get("/api/me", victim.access()));
            assertInvalidToken(node2.get("/api/me", victim.access()));
            assertThat(node1.get("/api/me", other.access()).status()).isEqualTo(200);
            node1.delete("/api/sessions", other.access());
        }
        // Every revocation was acknowledged by the other node before it answered, none by running out of time.
        assertThat(cluster(node1).getJsonNumber("unacknowledged_events").longValue()).isZero();
        assertThat(cluster(node2).getJsonNumber("unacknowledged_events").longValue()).isZero();
    }

    @Test
    void deactivationOnOneNodeLocksTheUserOutOfBoth() {
        User user = node1.createUser("deactivated");
        Tokens tokens = node1.loginOk(user.username(), user.password(), null);
        assertThat(node2.get("/api/me", tokens.access()).status()).isEqualTo(200);

        Reply patched = node1.request("PATCH", "/api/admin/users/" + user.username())
                .bearer(node1.loginAdmin().access()).json("{\"active\":false}").send();

        assertThat(patched.status()).isEqualTo(200);
        assertInvalidToken(node2.get("/api/me", tokens.access()));
        assertInvalidToken(node1.get("/api/me", tokens.access()));
    }

    @Test
    void groupChangeOnOneNodeAppliesOnTheOther() {
        User user = node1.createUser("promoted");
        String token = node2.loginOk(user.username(), user.password(), null).access();
        assertProblem(node2.get("/api/admin/stats", token), 403);

        node1.request("PATCH", "/api/admin/users/" + user.username()).bearer(node1.loginAdmin().access())
                .json("{\"groups\":[\"admin\"]}").send();

        assertThat(node2.get("/api/admin/stats", token).status()).isEqualTo(200);
        node1.request("PATCH", "/api/admin/users/" + user.username()).bearer(node1.loginAdmin().access())
                .json("{\"groups\":[]}").send();
        assertProblem(node2.get("/api/admin/stats", token), 403);
    }

    @Test
    void aKeyRotatedOnOneNodeVerifiesOnTheOther() {
        User user = node1.createUser("rotation");
        Tokens before = node1.loginOk(user.username(), user.password(), null);

        String kid = node2.request("POST", "/api/admin/keys/rotate").bearer(node2.loginAdmin().access()).send()
                .json().getString("kid");
        Tokens after = node2.loginOk(user.username(), user.password(), null);

        assertThat(Jwts.header(after.access()).getString("kid")).isEqualTo(kid);
        assertThat(node1.get("/api/me", after.access()).status()).isEqualTo(200);
        assertThat(node1.get("/api/me", before.access()).status()).isEqualTo(200);
        Tokens fromNode1 = node1.loginOk(user.username(), user.password(), null);
        assertThat(Jwts.header(fromNode1.access()).getString("kid")).isEqualTo(kid);
    }

    @Test
    void loginFailuresCountAcrossNodes() {
        User user = node1.createUser("throttled");
        assertProblem(node1.login(user.username(), "wrong password 1", null), 401);
        assertProblem(node2.login(user.username(), "wrong password 2", null), 401);
        assertProblem(node1.login(user.username(), "wrong password 3", null), 401);

        Reply blocked = node2.login(user.username(), user.password(), null);

        assertProblem(blocked, 429);
        assertThat(blocked.header("Retry-After")).isNotNull();
    }

    @Test
    void aLoginBlockLastsAsLongOnTheOtherNodeAsOnOne() {
        User user = node1.createUser("blocked");
        for (int i = 1; i <= 3; i++) {
            assertProblem(node1.login(user.username(), "wrong password " + i, null), 401);
        }

        // The other node knows the block, and an attempt there lengthens it as on one node: to two windows.
        Reply blocked = node2.login(user.username(), user.password(), null);
        assertProblem(blocked, 429);
        long retryAfter = Long.parseLong(blocked.header("Retry-After"));
        assertThat(retryAfter).as("seconds of a block doubled once (window 4 s)").isBetween(7L, 8L);

        // It ends when it said, on the first node too.
        Waits.untilPassed(Instant.now().plusSeconds(retryAfter));
        assertThat(node1.login(user.username(), user.password(), null).status()).isEqualTo(200);
    }

    @Test
    void eachEndedSessionIsToldToItsClientOnceAlthoughBothNodesDeliver() {
        User user = node1.createUser("backchannel");
        String clientId = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
        try (LogoutReceiver front = LogoutReceiver.start(node1, clientId)) {
            assertThat(node1.postJson("/api/admin/clients", node1.loginAdmin().access(), Json.createObjectBuilder()
                    .add("client_id", clientId).add("backchannel_logout_uri", front.uri()).build()).status())
                    .isEqualTo(201);
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Api node = i % 2 == 0 ? node1 : node2;
                sessions.add(node.request("POST", "/api/auth/login").json(Json.createObjectBuilder()
                        .add("username", user.username()).add("password", user.password()).add("client_id", clientId)
                        .build().toString()).send().json().getString("session_id"));
            }
            Tokens last = node2.loginOk(user.username(), user.password(), null);

            // Half through each node: every node starts delivering what it revoked, and both poll all the time.
            for (int i = 0; i < 20; i++) {
                Api node = i % 2 == 0 ? node2 : node1;
                assertThat(node.delete("/api/admin/sessions/" + sessions.get(i), node.loginAdmin().access()).status())
                        .isEqualTo(204);
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> sessions.stream()
                    .allMatch(sid -> !front.of(sid).isEmpty()));
            // Two more seconds of both nodes polling bring no second delivery.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> front.refusals().isEmpty()
                    && sessions.stream().allMatch(sid -> front.of(sid).size() == 1));
            assertThat(node2.get("/api/admin/clients/" + clientId + "/backchannel-logouts?limit=100",
                    node2.loginAdmin().access()).jsonArray().getValuesAs(JsonObject.class))
                    .hasSize(20).allSatisfy(d -> {
                        assertThat(d.getString("state")).isEqualTo("delivered");
                        assertThat(d.getInt("attempts")).isEqualTo(1);
                    });
            assertThat(node1.get("/api/me", last.access()).status()).isEqualTo(200);
        }
    }

    @Test
    void theFeedOfEachNodeCarriesRevocationsMadeOnTheOther() throws Exception {
        User user = node1.createUser("feed");
        Tokens victim = node1.loginOk(user.username(), user.password(), Api.CHROME_LINUX);
        Tokens other = node1.loginOk(user.username(), user.password(), Api.SAFARI_IPHONE);
        try (FeedStream stream = FeedStream.open(node2, node2.loginAdmin().access(), null)) {
            stream.untilComment(Duration.ofSeconds(30));

            assertThat(node1.delete("/api/sessions/" + victim.sessionId(), other.access()).status()).isEqualTo(204);

            FeedStream.Item event = stream.nextEvent(Duration.ofSeconds(5));
            assertThat(event).as("node 2's feed carries node 1's revocation").isNotNull();
            assertThat(event.json().getString("sid")).isEqualTo(victim.sessionId());
        }
    }

    @Test
    void fiftyConcurrentRefreshesOfOneTokenAcrossBothNodesLeaveOneLiveRefreshToken() throws Exception {
        User user = node1.createUser("refresh");
        Tokens tokens = node1.loginOk(user.username(), user.password(), null);
        AtomicInteger next = new AtomicInteger();
        List<Reply> answers = Concurrently.run(50, () -> (next.getAndIncrement() % 2 == 0 ? node1 : node2)
                .request("POST", "/api/auth/refresh").form(Map.of("refresh_token", tokens.refresh())).send());

        assertThat(answers).filteredOn(reply -> reply.status() != 200)
                .allSatisfy(reply -> assertProblem(reply, 401));
        List<Tokens> answered = answers.stream().filter(reply -> reply.status() == 200)
                .map(reply -> Tokens.of(reply.json())).toList();
        assertThat(answered).isNotEmpty();
        for (Tokens pair : answered) {
            assertThat(node2.get("/api/me", pair.access()).status()).isEqualTo(200);
        }
        long stillRefreshing = answered.stream().filter(pair -> node1.request("POST", "/api/auth/refresh")
                .form(Map.of("refresh_token", pair.refresh())).send().status() == 200).count();
        assertThat(stillRefreshing).as("live refresh tokens among the %s answered", answered.size())
                .isLessThanOrEqualTo(1);
    }

    @Test
    void sessionsCreatedOnEitherNodeAreListedOnBoth() {
        User user = node1.createUser("listed");
        Tokens one = node1.loginOk(user.username(), user.password(), Api.CHROME_LINUX);
        Tokens two = node2.loginOk(user.username(), user.password(), Api.SAFARI_IPHONE);

        assertThat(node2.get("/api/sessions", one.access()).jsonArray()).hasSize(2);
        assertThat(node1.get("/api/sessions", two.access()).jsonArray()).hasSize(2);
    }
}
