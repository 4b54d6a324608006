package dev.tokenmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Api.Tokens;
import dev.tokenmanager.it.support.Api.User;
import dev.tokenmanager.it.support.ClusterDeployments;
import dev.tokenmanager.it.support.ServerProcesses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One node of two dies under traffic: the other keeps serving, and no session is lost. */
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
    void theSurvivingNodeKeepsServingEverySession() throws Exception {
        User user = node1.createUser("failover");
        List<Tokens> sessions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sessions.add((i % 2 == 0 ? node1 : node2).loginOk(user.username(), user.password(), null));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService traffic = Executors.newFixedThreadPool(2);
        List<Future<int[]>> results = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            results.add(traffic.submit(() -> {
                int ok = 0;
                int failed = 0;
                while (running.get()) {
                    for (Tokens tokens : sessions) {
                        if (node1.get("/api/me", tokens.access()).status() == 200) {
                            ok++;
                        } else {
                            failed++;
                        }
                    }
                }
                return new int[] {ok, failed};
            }));
        }
        try {
            Thread.sleep(1_000);
            ServerProcesses.kill(System.getProperty("it.node2.port"));
            Thread.sleep(3_000);
        } finally {
            running.set(false);
            traffic.shutdown();
        }
        int ok = 0;
        int failed = 0;
        for (Future<int[]> result : results) {
            ok += result.get()[0];
            failed += result.get()[1];
        }

        assertThat(failed).as("requests to the surviving node that failed").isZero();
        assertThat(ok).isPositive();
        for (Tokens tokens : sessions) {
            assertThat(node1.get("/api/me", tokens.access()).status()).isEqualTo(200);
            assertThat(node1.request("POST", "/api/auth/refresh").header("Refresh-Token", tokens.refresh()).send()
                    .status()).isEqualTo(200);
        }
        assertThat(node1.loginOk(user.username(), user.password(), null).access()).isNotBlank();
    }
}
