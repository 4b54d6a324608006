package dev.tokenmanager.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThrottlePolicyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final ThrottlePolicy policy = new ThrottlePolicy(3, Duration.ofMinutes(15));

    private ThrottlePolicy.Counter failures(int count, Instant at) {
        ThrottlePolicy.Counter counter = null;
        for (int i = 0; i < count; i++) {
            counter = policy.fail(counter, at);
        }
        return counter;
    }

    @Test
    void failuresBelowTheLimitDoNotBlock() {
        assertThat(policy.blockedFor(failures(2, T0), T0)).isEmpty();
    }

    @Test
    void reachingTheLimitBlocksForOneWindow() {
        assertThat(policy.blockedFor(failures(3, T0), T0)).contains(Duration.ofMinutes(15));
        assertThat(policy.blockedFor(failures(3, T0), T0.plus(Duration.ofMinutes(15)))).isEmpty();
    }

    @Test
    void eachFurtherFailureDoublesTheBlock() {
        assertThat(policy.blockedFor(failures(4, T0), T0)).contains(Duration.ofMinutes(30));
        assertThat(policy.blockedFor(failures(5, T0), T0)).contains(Duration.ofMinutes(60));
        assertThat(policy.blockedFor(failures(40, T0), T0)).contains(Duration.ofMinutes(15 * 64));
    }

    @Test
    void failuresOutsideTheWindowAreForgotten() {
        ThrottlePolicy.Counter counter = failures(2, T0);
        counter = policy.fail(counter, T0.plus(Duration.ofMinutes(16)));
        assertThat(counter.failures()).isEqualTo(1);
        assertThat(policy.blockedFor(counter, T0.plus(Duration.ofMinutes(16)))).isEmpty();
    }

    @Test
    void staleCountersCanBeForgotten() {
        ThrottlePolicy.Counter counter = failures(3, T0);
        assertThat(counter.isStale(T0.plus(Duration.ofMinutes(10)), Duration.ofMinutes(15))).isFalse();
        assertThat(counter.isStale(T0.plus(Duration.ofMinutes(15)), Duration.ofMinutes(15))).isTrue();
    }
}
