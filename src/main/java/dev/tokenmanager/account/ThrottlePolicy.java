package dev.tokenmanager.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When failed logins block further attempts: {@code maxFailures} failures within {@code window} block for one
 * window; each further attempt while blocked doubles the block (up to 64 windows).
 */
public record ThrottlePolicy(int maxFailures, Duration window) {

    private static final int MAX_DOUBLINGS = 6;

    /** What is known of one key (a username from one address, or an address). */
    public record Counter(int failures, Instant windowStart, Instant blockedUntil) {

        /** {@code failures|windowStart|blockedUntil} in epoch milliseconds ({@code -} when not blocked). */
        public String encode() {
            return failures + "|" + windowStart.toEpochMilli() + "|"
                    + (blockedUntil == null ? "-" : Long.toString(blockedUntil.toEpochMilli()));
        }

        /** The counter {@code text} encodes; null for null or anything malformed. */
        public static Counter decode(String text) {
            if (text == null) {
                return null;
            }
            String[] parts = text.split("\\|");
            try {
                return new Counter(Integer.parseInt(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])),
                        "-".equals(parts[2]) ? null : Instant.ofEpochMilli(Long.parseLong(parts[2])));
            } catch (RuntimeException e) {
                return null;
            }
        }

        /** Whether the counter says nothing any more at {@code now} and can be forgotten. */
        public boolean isStale(Instant now, Duration window) {
            return (blockedUntil == null || !now.isBefore(blockedUntil)) && !now.isBefore(windowStart.plus(window));
        }
    }

    /** The counter after one more failure (or attempt while blocked) at {@code now}. */
    public Counter fail(Counter counter, Instant now) {
        Counter current = counter == null || counter.isStale(now, window) ? new Counter(0, now, null) : counter;
        int failures = current.failures() + 1;
        Instant blockedUntil = current.blockedUntil();
        if (failures >= maxFailures) {
            int doublings = Math.min(failures - maxFailures, MAX_DOUBLINGS);
            Instant until = now.plus(window.multipliedBy(1L << doublings));
            blockedUntil = blockedUntil == null || until.isAfter(blockedUntil) ? until : blockedUntil;
        }
        return new Counter(failures, current.windowStart(), blockedUntil);
    }

    /** How long {@code counter} still blocks logins at {@code now}; empty when it does not. */
    public Optional<Duration> blockedFor(Counter counter, Instant now) {
        if (counter == null || counter.blockedUntil() == null || !now.isBefore(counter.blockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, counter.blockedUntil()));
    }
}
