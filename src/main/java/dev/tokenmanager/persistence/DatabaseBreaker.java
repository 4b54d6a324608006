package dev.tokenmanager.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;

/**
 * Stops asking a database that just failed to answer: for {@link #OPEN_FOR} after a read found it unreachable, the
 * reads guarded here fail at once with {@link Open} (a 503 like the failure itself) instead of each trying to
 * connect. Under an outage this keeps the requests that need the database cheap, so the two cores stay with the
 * requests the caches can answer. Once the time is up, the next reads ask the database again: one that fails opens
 * the breaker anew, one that succeeds means it is back.
 */
@ApplicationScoped
public class DatabaseBreaker {

    /** How long the breaker stays open after a read found the database unreachable. */
    public static final Duration OPEN_FOR = Duration.ofSeconds(1);

    private final Clock clock;
    private volatile long openUntil;

    @Inject
    public DatabaseBreaker(Clock clock) {
        this.clock = clock;
    }

    /** CDI's no-argument constructor for the client proxy. */
    protected DatabaseBreaker() {
        this(null);
    }

    /** Throws {@link Open} while the database is known not to answer. */
    public void check() {
        if (clock.millis() < openUntil) {
            throw Open.INSTANCE;
        }
    }

    /** Opens the breaker when {@code failure} says the database cannot be reached; other failures leave it be. */
    public void failed(RuntimeException failure) {
        if (DatabaseFailures.isDatabaseUnavailable(failure)) {
            openUntil = clock.millis() + OPEN_FOR.toMillis();
        }
    }

    /** The database was not asked: it failed to answer less than {@link #OPEN_FOR} ago. */
    public static final class Open extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /** One instance without a stack trace: refusing costs no allocation. */
        static final Open INSTANCE = new Open();

        private Open() {
            super("the database did not answer less than " + OPEN_FOR.toMillis() + " ms ago; not asked again yet",
                    null, false, false);
        }
    }
}
