package dev.tokenmanager.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tokenmanager.config.Settings;
import dev.tokenmanager.metrics.AuthStats;
import dev.tokenmanager.persistence.StartupComplete;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records that a session was used, writing its last-seen time at most once per accuracy window: a use inside the
 * window costs a map lookup, a use past it queues a write, and the queue goes to the database once a second in one
 * transaction, off the request path. The update is conditional, so several nodes write at most once per window too.
 * What this node wrote is remembered for one window (after it, the next use is due anyway), bounded by Caffeine.
 */
@ApplicationScoped
public class LastSeenRecorder {

    private static final Logger LOG = Logger.getLogger(LastSeenRecorder.class.getName());
    private static final int MAX_TRACKED = 100_000;
    private static final long FLUSH_MILLIS = 1_000;

    private final LastSeenStore store;
    private final AuthStats stats;
    private final LastSeenPolicy policy;
    private final Cache<String, Long> lastWritten;
    private final ConcurrentMap<String, Long> pending = new ConcurrentHashMap<>();

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> flushing;

    @Inject
    public LastSeenRecorder(LastSeenStore store, AuthStats stats, Settings settings) {
        this(store, stats, new LastSeenPolicy(settings.lastSeenAccuracy()));
    }

    LastSeenRecorder(LastSeenStore store, AuthStats stats, LastSeenPolicy policy) {
        this.store = store;
        this.stats = stats;
        this.policy = policy;
        // Read on every request: upkeep on the reading thread (see VerifiedTokenCache).
        this.lastWritten = Caffeine.newBuilder().executor(Runnable::run).maximumSize(MAX_TRACKED)
                .expireAfterWrite(policy.accuracy()).build();
    }

    /** CDI's no-argument constructor for the client proxy. */
    protected LastSeenRecorder() {
        store = null;
        stats = null;
        policy = null;
        lastWritten = null;
    }

    void start(@Observes StartupComplete event) {
        flushing = scheduler.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (flushing != null) {
            flushing.cancel(false);
        }
        flush();
    }

    /** Records a use of {@code session} at {@code now}. */
    public void recordUse(SessionState session, Instant now) {
        Long recorded = lastWritten.getIfPresent(session.sessionId());
        if (recorded != null && !policy.shouldWrite(lastKnown(session, recorded), now)) {
            return; // the common case: a plain read, no lock that every request of this session would queue for
        }
        boolean[] due = {false};
        lastWritten.asMap().compute(session.sessionId(), (id, written) -> {
            long known = lastKnown(session, written);
            if (policy.shouldWrite(known, now)) {
                due[0] = true;
                return now.toEpochMilli();
            }
            return known;
        });
        if (due[0]) {
            pending.merge(session.sessionId(), now.toEpochMilli(), Math::max);
        }
    }

    /** The latest use of {@code session} known here: its row's, or the one this node last wrote (may be null). */
    private static long lastKnown(SessionState session, Long written) {
        return written == null ? session.lastSeenAt() : Math.max(session.lastSeenAt(), written);
    }

    /** Writes the queued uses; answers how many rows changed. */
    public int flush() {
        if (pending.isEmpty()) {
            return 0;
        }
        Map<String, Long> batch = new HashMap<>();
        for (String id : pending.keySet()) {
            Long at = pending.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        }
        try {
            int written = store.touchAll(batch, policy);
            stats.recordLastSeenWrites(written);
            return written;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "writing last-seen times failed; they are written with the next use", e);
            lastWritten.invalidateAll(batch.keySet());
            return 0;
        }
    }
}
