package dev.tokenmanager.session;

import dev.tokenmanager.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Records that a session was used, writing its last-seen time at most once per accuracy window: a use inside the
 * window costs a map lookup. The update itself is conditional, so several nodes write at most once per window too.
 */
@ApplicationScoped
public class LastSeenRecorder {

    private static final int MAX_TRACKED = 100_000;

    private final ConcurrentMap<String, Long> lastWritten = new ConcurrentHashMap<>();
    private SessionRepository repository;
    private LastSeenPolicy policy;

    @Inject
    void configure(SessionRepository repository, Settings settings) {
        this.repository = repository;
        this.policy = new LastSeenPolicy(settings.lastSeenAccuracy());
    }

    /** Records a use of {@code session} at {@code now}. */
    public void recordUse(SessionState session, Instant now) {
        if (lastWritten.size() >= MAX_TRACKED) {
            lastWritten.clear();
        }
        boolean[] due = {false};
        lastWritten.compute(session.sessionId(), (id, written) -> {
            long known = Math.max(session.lastSeenAt(), written == null ? Long.MIN_VALUE : written);
            if (policy.shouldWrite(known, now)) {
                due[0] = true;
                return now.toEpochMilli();
            }
            return known;
        });
        if (due[0]) {
            repository.touch(session.sessionId(), now, policy.dueBefore(now));
        }
    }
}
