package dev.tokenmanager.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The seam through which logins are throttled: failures are counted per username from one address and per
 * address. Whatever implements it (this node's memory, the cluster's data grid) must be safe under concurrent use.
 */
public interface LoginThrottle {

    /**
     * How long a login of {@code username} from {@code ip} must wait; empty when it may proceed. An attempt while
     * blocked counts as a further failure, so the wait grows.
     */
    Optional<Duration> check(String username, String ip, Instant now);

    /** A login of {@code username} from {@code ip} failed at {@code now}. */
    void recordFailure(String username, String ip, Instant now);

    /** A login of {@code username} from {@code ip} succeeded: its failures are forgotten. */
    void recordSuccess(String username, String ip);
}
