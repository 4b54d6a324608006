package dev.tokenmanager.session;

import java.time.Duration;
import java.time.Instant;

/** When a session's last-seen time is worth writing: at most once per accuracy window. */
public record LastSeenPolicy(Duration accuracy) {

    /** Whether a use at {@code now} should be written, the last written use being {@code lastWrittenMillis}. */
    public boolean shouldWrite(long lastWrittenMillis, Instant now) {
        return now.toEpochMilli() - lastWrittenMillis >= accuracy.toMillis();
    }

    /** Writes of uses before this instant are due: the condition the database update checks. */
    public long dueBefore(Instant now) {
        return now.toEpochMilli() - accuracy.toMillis();
    }
}
