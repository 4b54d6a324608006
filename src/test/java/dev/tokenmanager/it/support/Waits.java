package dev.tokenmanager.it.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

/** Waiting in container tests, always for a condition (Awaitility), never for a fixed time. */
public final class Waits {

    private Waits() {
    }

    /**
     * Waits until the wall clock has passed {@code instant}: for a time the server announced or a lifetime the test
     * set (a block's {@code Retry-After}, a session's idle window), which a probe of the API would change.
     */
    public static void untilPassed(Instant instant) {
        Duration left = Duration.between(Instant.now(), instant);
        await().atMost(left.isNegative() ? Duration.ofSeconds(1) : left.plusSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> Instant.now().isAfter(instant));
    }

    /** {@link #untilPassed} for the instant {@code delay} from now. */
    public static void untilPassed(Duration delay) {
        untilPassed(Instant.now().plus(delay));
    }
}
