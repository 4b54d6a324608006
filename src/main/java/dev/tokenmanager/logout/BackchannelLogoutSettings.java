package dev.tokenmanager.logout;

import static dev.tokenmanager.config.ConfigReader.requirePositive;

import dev.tokenmanager.config.ConfigReader;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * How back-channel logouts are delivered, read once at start-up ({@code token-manager.backchannel-logout.*}; the
 * README lists each with its default).
 *
 * @param connectTimeout   longest wait for a receiver's connection
 * @param responseTimeout  longest wait for its answer, once connected
 * @param firstRetry       the wait before the first retry; it doubles after each failed attempt
 * @param maxRetryInterval the longest wait between two attempts
 * @param giveUpAfter      no attempt is made later than this after the session ended: the delivery is abandoned
 * @param pollInterval     how often each node looks for due deliveries (a revocation also starts delivery at once)
 * @param tokenLifetime    {@code exp} minus {@code iat} of a logout token
 * @param concurrency      most deliveries in flight on one node
 */
public record BackchannelLogoutSettings(Duration connectTimeout, Duration responseTimeout, Duration firstRetry,
                                        Duration maxRetryInterval, Duration giveUpAfter, Duration pollInterval,
                                        Duration tokenLifetime, int concurrency) {

    static final String PREFIX = "token-manager.backchannel-logout.";

    public BackchannelLogoutSettings {
        requirePositive(PREFIX + "connect-timeout", connectTimeout);
        requirePositive(PREFIX + "response-timeout", responseTimeout);
        requirePositive(PREFIX + "first-retry", firstRetry);
        requirePositive(PREFIX + "max-retry-interval", maxRetryInterval);
        requirePositive(PREFIX + "give-up-after", giveUpAfter);
        requirePositive(PREFIX + "poll-interval", pollInterval);
        requirePositive(PREFIX + "token-lifetime", tokenLifetime);
        if (maxRetryInterval.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException(PREFIX + "max-retry-interval must not be shorter than " + PREFIX
                    + "first-retry");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException(PREFIX + "concurrency must be 1 or more");
        }
    }

    /** Reads every setting through {@code lookup}, which answers a property's raw value if it is set. */
    public static BackchannelLogoutSettings read(Function<String, Optional<String>> lookup) {
        ConfigReader in = new ConfigReader(lookup);
        return new BackchannelLogoutSettings(
                in.duration(PREFIX + "connect-timeout", "PT5S"),
                in.duration(PREFIX + "response-timeout", "PT10S"),
                in.duration(PREFIX + "first-retry", "PT10S"),
                in.duration(PREFIX + "max-retry-interval", "PT15M"),
                in.duration(PREFIX + "give-up-after", "P1D"),
                in.duration(PREFIX + "poll-interval", "PT5S"),
                in.duration(PREFIX + "token-lifetime", "PT2M"),
                in.integer(PREFIX + "concurrency", 16));
    }

    /** The wait after {@code failedAttempts} failed attempts (1 or more): doubling from the first, capped. */
    public Duration retryDelay(int failedAttempts) {
        Duration delay = firstRetry;
        for (int i = 1; i < failedAttempts && delay.compareTo(maxRetryInterval) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryInterval) > 0 ? maxRetryInterval : delay;
    }

    /** How long one attempt may take at most, connection and answer together. */
    public Duration attemptTimeout() {
        return connectTimeout.plus(responseTimeout);
    }
}
