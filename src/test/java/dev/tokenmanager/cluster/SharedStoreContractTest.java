package dev.tokenmanager.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one contract of {@link SharedStore}, run against every implementation: this node's memory, the data grid (a
 * real Hazelcast member with its JCache, as in Payara) and the cells WildFly's replicated cache holds. A login-throttle block must last as long on a cluster as
 * on one node, so the two may not differ in how long an entry lives.
 */
class SharedStoreContractTest {

    private static final Duration TTL = Duration.ofMillis(1_500);

    private static EmbeddedGrid member;

    @BeforeAll
    static void startGrid() {
        member = EmbeddedGrid.member("store-contract-" + UUID.randomUUID());
    }

    @AfterAll
    static void stopGrid() {
        member.close();
    }

    private static SharedStore store(String kind) {
        Function<Duration, SharedStore> factory = switch (kind) {
            case "local" -> LocalStore::new;
            case "grid" -> ttl -> member.grid().store("contract-" + UUID.randomUUID(), ttl);
            // WildFly's replicated Infinispan cache is reached as a ConcurrentMap; its entries carry their own end.
            case "wildfly" -> ttl -> new CompareAndSetStore(new WildFlyCluster.ExpiringCells(
                    new ConcurrentHashMap<>(), "contract:", ttl, Clock.systemUTC()));
            default -> throw new IllegalArgumentException(kind);
        };
        return factory.apply(TTL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "grid", "wildfly"})
    void updatesReadsAndRemoves(String kind) {
        SharedStore store = store(kind);
        assertThat(store.get("a")).isNull();

        store.update("a", old -> old == null ? "1" : old + "1");
        store.update("a", old -> old == null ? "1" : old + "1");
        assertThat(store.get("a")).isEqualTo("11");

        store.update("a", old -> null);
        assertThat(store.get("a")).isNull();
        store.update("b", old -> "x");
        store.remove("b");
        assertThat(store.get("b")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "grid", "wildfly"})
    void anEntryLivesItsTimeToLiveFromItsLastWrite(String kind) throws InterruptedException {
        SharedStore store = store(kind);
        store.update("counter", old -> "1");
        // Rewritten before it would have expired counted from its creation...
        Thread.sleep(TTL.toMillis() * 2 / 3);
        store.update("counter", old -> "2");
        Thread.sleep(TTL.toMillis() * 2 / 3);

        // ...it is still there past its creation's time to live,
        assertThat(store.get("counter")).as("an entry rewritten within its time to live").isEqualTo("2");
        // and goes once a whole time to live has passed without a write.
        await().atMost(TTL.multipliedBy(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> store.get("counter") == null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "grid", "wildfly"})
    void concurrentUpdatesAreNeverLost(String kind) throws Exception {
        SharedStore store = store(kind);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                done.add(pool.submit(() -> {
                    for (int n = 0; n < 25; n++) {
                        store.update("count", old -> Integer.toString(old == null ? 1 : Integer.parseInt(old) + 1));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.get("count")).isEqualTo("200");
    }
}
