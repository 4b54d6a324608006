package dev.tokenmanager.bench;

import dev.tokenmanager.cluster.LocalBus;
import dev.tokenmanager.config.Settings;
import dev.tokenmanager.metrics.AuthStats;
import dev.tokenmanager.persistence.DatabaseBreaker;
import dev.tokenmanager.session.CachedSessionLookup;
import dev.tokenmanager.session.DatabaseSessionLookup;
import dev.tokenmanager.session.SessionState;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** A session read through the cache that holds it, and the database read a cache miss costs. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SessionLookupBenchmark {

    /** The session beans over the seeded database, with the application's default settings. */
    @State(Scope.Benchmark)
    public static class Lookups {

        CachedSessionLookup cached;
        DatabaseSessionLookup database;
        List<String> sessionIds;
        String cachedId;

        @Setup(Level.Trial)
        public void wire(SessionDatabase seeded) {
            Settings settings = BenchSettings.defaults();
            Clock clock = Clock.systemUTC();
            database = new DatabaseSessionLookup(seeded.entityManager(), new AuthStats(), new DatabaseBreaker(Clock.systemUTC()));
            cached = new CachedSessionLookup(database, new LocalBus(), settings.sessionCacheTtl(),
                    settings.sessionCacheSize(), clock);
            sessionIds = seeded.sessionIds();
            Cursor cursor = new Cursor();
            SessionDatabase.settle(() -> {
                String id = sessionIds.get(cursor.next(sessionIds.size()));
                // A session not found would make the reads below measure an empty answer.
                if (database.bySessionId(id).isEmpty()) {
                    throw new IllegalStateException("seeded session " + id + " not found");
                }
            });
            cachedId = sessionIds.get(0);
            cached.bySessionId(cachedId);
        }
    }

    /**
     * Past the cache's TTL (30 s by default) the entry is read again; over a run that adds one database read
     * per TTL, which this average does include.
     */
    @Benchmark
    public Optional<SessionState> cacheHit(Lookups lookups) {
        return lookups.cached.bySessionId(lookups.cachedId);
    }

    /** The real query through the persistence unit, cycling through all seeded sessions. */
    @Benchmark
    public Optional<SessionState> databaseRead(Lookups lookups, Cursor cursor) {
        return lookups.database.bySessionId(lookups.sessionIds.get(cursor.next(lookups.sessionIds.size())));
    }
}
