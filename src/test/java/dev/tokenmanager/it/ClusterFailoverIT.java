package dev.tokenmanager.it;

import static dev.tokenmanager.it.support.ProblemAssert.assertInvalidToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Api.Tokens;
import dev.tokenmanager.it.support.Api.User;
import dev.tokenmanager.it.support.ClusterDeployments;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One node of two dies under traffic (SIGKILL): the other keeps serving, no session is lost, and once the grid has
 * noticed the loss a revocation through the survivor no longer waits for the dead node's acknowledgement.
 */
@ExtendWith(ArquillianExtension.class)
class ClusterFailoverIT {

    @Deployment(name = "node-1", order = 1, testable = false)
    @TargetsContainer("node-1")
    static WebArchive node1() {
        return ClusterDeployments.node("ClusterFailoverIT", 1, Map.of());
    }

    @Deployment(name = "node-2", order = 2, testable = false)
    @TargetsContainer("node-2")
    static WebArchive node2() {
        return ClusterDeployments.node("ClusterFailoverIT", 2, Map.of());
    }

    private final Api node1 = ClusterDeployments.node1();
    private final Api node2 = ClusterDeployments.node2();

    @Test
    void theSurvivingNodeKeepsServingEverySessionAndRevokesWithoutWaitingForTheDeadOne() throws Exception {
        User user = node1.createUser("failover");
        List<Tokens> sessions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sessions.add((i % 2 == 0 ? node1 : node2).loginOk(user.username(), user.password(), null));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster(node1).getInt("members") == 2);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService traffic = Executors.newFixedThreadPool(2);
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            clients.add(traffic.submit(() -> {
                while (running.get()) {
                    for (Tokens tokens : sessions) {
                        (node1.get("/api/me", tokens.access()).status() == 200 ? ok : failed).incrementAndGet();
                    }
                }
            }));
        }
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> ok.get() >= 40);
            ClusterDeployments.kill(2);
            int atKill = ok.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> ok.get() >= atKill + 200);
        } finally {
            running.set(false);
            traffic.shutdown();
        }
        for (Future<?> client : clients) {
            client.get();
        }

        assertThat(failed.get()).as("requests to the surviving node that failed").isZero();
        for (Tokens tokens : sessions) {
            assertThat(node1.get("/api/me", tokens.access()).status()).isEqualTo(200);
            assertThat(node1.request("POST", "/api/auth/refresh").header("Refresh-Token", tokens.refresh()).send()
                    .status()).isEqualTo(200);
        }
        assertThat(node1.loginOk(user.username(), user.password(), null).access()).isNotBlank();

        // Once the grid has noticed the loss, a revocation through the survivor does not wait for the dead node.
        await().atMost(Duration.ofSeconds(90)).until(() -> cluster(node1).getInt("members") == 1);
        long unacknowledged = cluster(node1).getJsonNumber("unacknowledged_events").longValue();
        for (int i = 0; i < 3; i++) {
            Tokens victim = node1.loginOk(user.username(), user.password(), null);
            assertThat(node1.request("POST", "/api/auth/logout").bearer(victim.access()).send().status())
                    .isEqualTo(204);
            assertInvalidToken(node1.get("/api/me", victim.access()));
        }
        assertThat(cluster(node1).getJsonNumber("unacknowledged_events").longValue())
                .as("revocations that waited in vain for the dead node").isEqualTo(unacknowledged);
    }

    private static JsonObject cluster(Api node) {
        return node.get("/api/admin/stats", node.loginAdmin().access()).json().getJsonObject("cluster");
    }
}
