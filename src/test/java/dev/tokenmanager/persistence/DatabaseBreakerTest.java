package dev.tokenmanager.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.PersistenceException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The breaker in front of the session reads: open for a second after the database could not be reached. */
class DatabaseBreakerTest {

    private Instant now = Instant.parse("2026-12-03T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final DatabaseBreaker breaker = new DatabaseBreaker(clock);

    private static final RuntimeException UNREACHABLE =
            new PersistenceException("lost", new SQLTransientConnectionException("connection refused"));

    @Test
    void asksTheDatabaseUntilItFailsToAnswer() {
        assertThatCode(breaker::check).doesNotThrowAnyException();
        breaker.failed(new PersistenceException("duplicate key"));
        assertThatCode(breaker::check).as("a failure that is not the database being away").doesNotThrowAnyException();
    }

    @Test
    void refusesAtOnceForASecondAfterTheDatabaseWasUnreachable() {
        breaker.failed(UNREACHABLE);
        assertThatThrownBy(breaker::check).isInstanceOf(DatabaseBreaker.Open.class)
                .satisfies(refused -> assertThat(DatabaseFailures.isDatabaseUnavailable(refused))
                        .as("answered like the outage itself: 503").isTrue());
        now = now.plus(DatabaseBreaker.OPEN_FOR).minusMillis(1);
        assertThatThrownBy(breaker::check).isInstanceOf(DatabaseBreaker.Open.class);
        now = now.plusMillis(1);
        assertThatCode(breaker::check).as("time to ask again").doesNotThrowAnyException();
    }

    @Test
    void aFailedRetryOpensItAgain() {
        breaker.failed(UNREACHABLE);
        now = now.plus(DatabaseBreaker.OPEN_FOR);
        breaker.check();
        breaker.failed(UNREACHABLE);
        now = now.plus(Duration.ofMillis(500));
        assertThatThrownBy(breaker::check).isInstanceOf(DatabaseBreaker.Open.class);
    }
}
