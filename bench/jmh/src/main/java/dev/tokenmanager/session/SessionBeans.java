package dev.tokenmanager.session;

import dev.tokenmanager.cluster.Cluster;
import dev.tokenmanager.config.Settings;
import dev.tokenmanager.metrics.AuthStats;
import jakarta.persistence.EntityManager;
import java.time.Clock;

/** The request path's session beans, wired by hand as CDI would: for benchmarks that run outside a server. */
public final class SessionBeans {

    private SessionBeans() {
    }

    public static DatabaseSessionLookup databaseLookup(EntityManager em, AuthStats stats) {
        DatabaseSessionLookup lookup = new DatabaseSessionLookup();
        lookup.em = em;
        lookup.stats = stats;
        return lookup;
    }

    /** A {@link CachedSessionLookup} after its {@code @PostConstruct}, in front of {@code database}. */
    public static CachedSessionLookup cachedLookup(DatabaseSessionLookup database, Cluster cluster, Settings settings,
                                                   Clock clock) {
        CachedSessionLookup lookup = new CachedSessionLookup();
        lookup.database = database;
        lookup.cluster = cluster;
        lookup.settings = settings;
        lookup.clock = clock;
        lookup.init();
        return lookup;
    }

    /**
     * A {@link LastSeenRecorder} that records uses but never flushes: its flush is started by the container's
     * start-up event and scheduler, neither of which exists here, and the write is off the request path anyway.
     */
    public static LastSeenRecorder unflushedLastSeen(Settings settings, AuthStats stats) {
        LastSeenRecorder recorder = new LastSeenRecorder();
        recorder.stats = stats;
        recorder.configure(settings);
        return recorder;
    }
}
