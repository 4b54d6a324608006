package dev.tokenmanager.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.metrics.AuthStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Last-seen times are written at most once per accuracy window, off the request path, and never lost. */
class LastSeenRecorderTest {

    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private final List<Map<String, Long>> batches = new ArrayList<>();
    private boolean failing;
    private final AuthStats stats = new AuthStats();
    private final LastSeenRecorder recorder = new LastSeenRecorder((uses, policy) -> {
        if (failing) {
            throw new IllegalStateException("the database does not answer");
        }
        batches.add(Map.copyOf(uses));
        return uses.size();
    }, stats, new LastSeenPolicy(WINDOW));

    private static SessionState session(String id, long lastSeenAt) {
        return new SessionState(id, SessionKind.LOGIN, "a1", "alice", List.of(), true, null, null, lastSeenAt);
    }

    @Test
    void usesInsideTheWindowCostNoWrite() {
        SessionState seenJustNow = session("s1", START.toEpochMilli());

        recorder.recordUse(seenJustNow, START.plusSeconds(1));
        recorder.recordUse(seenJustNow, START.plusSeconds(30));

        assertThat(recorder.flush()).isZero();
        assertThat(batches).isEmpty();
    }

    @Test
    void aUsePastTheWindowIsWrittenOnceAtTheNextFlush() {
        SessionState seenLongAgo = session("s1", START.toEpochMilli());

        recorder.recordUse(seenLongAgo, START.plus(WINDOW));
        recorder.recordUse(seenLongAgo, START.plus(WINDOW).plusSeconds(5));
        recorder.recordUse(seenLongAgo, START.plus(WINDOW).plusSeconds(10));

        assertThat(recorder.flush()).isEqualTo(1);
        assertThat(batches).containsExactly(Map.of("s1", START.plus(WINDOW).toEpochMilli()));
        assertThat(stats.lastSeenWrites()).isEqualTo(1);
        assertThat(recorder.flush()).isZero();
    }

    @Test
    void aFailedWriteIsRetriedWithTheNextUse() {
        SessionState seenLongAgo = session("s1", START.toEpochMilli());
        recorder.recordUse(seenLongAgo, START.plus(WINDOW));
        failing = true;
        assertThat(recorder.flush()).isZero();

        failing = false;
        recorder.recordUse(seenLongAgo, START.plus(WINDOW).plusSeconds(1));

        assertThat(recorder.flush()).isEqualTo(1);
        assertThat(batches.get(0)).containsEntry("s1", START.plus(WINDOW).plusSeconds(1).toEpochMilli());
    }
}
