package dev.tokenmanager.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.account.AccountChanged;
import dev.tokenmanager.cluster.ClusterBus;
import dev.tokenmanager.cluster.ClusterEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The session cache in front of the database: what it answers from memory, and what makes it forget. */
class CachedSessionLookupTest {

    private final Map<String, SessionState> rows = new HashMap<>();
    private final Map<String, Integer> reads = new HashMap<>();
    private final List<ClusterEvent> published = new ArrayList<>();
    private final List<Consumer<ClusterEvent>> otherNodes = new ArrayList<>();
    private final Clock clock = Clock.systemUTC();
    private CachedSessionLookup cache;

    private final SessionLookup database = new SessionLookup() {
        @Override
        public Optional<SessionState> bySessionId(String sessionId) {
            reads.merge(sessionId, 1, Integer::sum);
            return Optional.ofNullable(rows.get(sessionId));
        }

        @Override
        public Optional<SessionState> bySecretHash(String secretHash) {
            reads.merge(secretHash, 1, Integer::sum);
            return rows.values().stream().filter(s -> ("hash-" + s.sessionId()).equals(secretHash)).findFirst();
        }
    };

    private final ClusterBus bus = new ClusterBus() {
        @Override
        public void publish(ClusterEvent event) {
            published.add(event);
        }

        @Override
        public void subscribe(Consumer<ClusterEvent> listener) {
            otherNodes.add(listener);
        }
    };

    @BeforeEach
    void wire() {
        cache = new CachedSessionLookup(database, bus, Duration.ofSeconds(30), 100, clock);
    }

    private static SessionState live(String id, String account) {
        return new SessionState(id, SessionKind.LOGIN, account, "user-" + account, List.of(), true, null, null, 0);
    }

    private int readsOf(String id) {
        return reads.getOrDefault(id, 0);
    }

    @Test
    void aLiveSessionIsReadOnceThenAnsweredFromMemory() {
        rows.put("s1", live("s1", "a1"));

        for (int i = 0; i < 10; i++) {
            assertThat(cache.bySessionId("s1")).contains(rows.get("s1"));
        }

        assertThat(readsOf("s1")).isEqualTo(1);
        assertThat(cache.figures().hits()).isEqualTo(9);
    }

    @Test
    void endedAndUnknownSessionsAreNotCached() {
        rows.put("revoked", new SessionState("revoked", SessionKind.LOGIN, "a1", "u", List.of(), true, null, 1L, 0));

        cache.bySessionId("revoked");
        cache.bySessionId("revoked");
        cache.bySessionId("unknown");
        cache.bySessionId("unknown");

        assertThat(readsOf("revoked")).isEqualTo(2);
        assertThat(readsOf("unknown")).isEqualTo(2);
    }

    @Test
    void aCommittedRevocationIsForgottenHereAndPublishedToTheOtherNodes() {
        rows.put("s1", live("s1", "a1"));
        cache.bySessionId("s1");
        rows.put("s1", new SessionState("s1", SessionKind.LOGIN, "a1", "u", List.of(), true, null, 1L, 0));

        cache.onRevoked(new SessionsRevoked(List.of("s1")));

        assertThat(cache.bySessionId("s1").get().revokedAt()).isEqualTo(1L);
        assertThat(published).containsExactly(ClusterEvent.sessionsRevoked(List.of("s1")));
    }

    @Test
    void aRevocationOnAnotherNodeIsForgottenHere() {
        rows.put("s1", live("s1", "a1"));
        cache.bySessionId("s1");

        otherNodes.forEach(node -> node.accept(ClusterEvent.sessionsRevoked(List.of("s1"))));
        cache.bySessionId("s1");

        assertThat(readsOf("s1")).isEqualTo(2);
        assertThat(published).isEmpty();
    }

    @Test
    void anAccountChangeForgetsEverySessionOfThatAccountOnly() {
        rows.put("s1", live("s1", "a1"));
        rows.put("s2", live("s2", "a1"));
        rows.put("s3", live("s3", "a2"));
        List.of("s1", "s2", "s3").forEach(cache::bySessionId);

        cache.onAccountChanged(new AccountChanged("a1"));
        List.of("s1", "s2", "s3").forEach(cache::bySessionId);

        assertThat(readsOf("s1")).isEqualTo(2);
        assertThat(readsOf("s2")).isEqualTo(2);
        assertThat(readsOf("s3")).isEqualTo(1);
        assertThat(published).containsExactly(ClusterEvent.accountChanged("a1"));
    }

    @Test
    void namedTokensAreCachedByTheirHashToo() {
        rows.put("s1", new SessionState("s1", SessionKind.TOKEN, "a1", "u", List.of(), true, null, null, 0));

        cache.bySecretHash("hash-s1");
        cache.bySecretHash("hash-s1");

        assertThat(readsOf("hash-s1")).isEqualTo(1);
    }

    @Test
    void aTimeToLiveOfZeroTurnsTheCacheOff() {
        cache = new CachedSessionLookup(database, bus, Duration.ZERO, 100, clock);
        rows.put("s1", live("s1", "a1"));

        cache.bySessionId("s1");
        cache.bySessionId("s1");

        assertThat(readsOf("s1")).isEqualTo(2);
    }

    @Test
    void aFullCacheKeepsItsHotSessions() {
        rows.put("hot", live("hot", "a1"));
        for (int i = 0; i < 2_000; i++) {
            rows.put("cold-" + i, live("cold-" + i, "a2"));
        }
        for (int i = 0; i < 2_000; i++) {
            // Mostly one hot session, and a stream of sessions seen once: twenty times the cache's size.
            cache.bySessionId("hot");
            cache.bySessionId("hot");
            cache.bySessionId("cold-" + i);
        }

        assertThat(readsOf("hot")).as("database reads of the hot session in 4,000 uses").isLessThanOrEqualTo(5);
        // Eviction runs in the background: the cache is back within its bound shortly.
        await().atMost(Duration.ofSeconds(5)).until(() -> cache.figures().size() <= 100);
    }
}
