package dev.tokenmanager.feedclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.feedclient.FeedClientSettings.Mode;
import dev.tokenmanager.feedclient.FeedHealth.State;
import org.junit.jupiter.api.Test;

class FeedHealthTest {

    @Test
    void failClosedRefusesEveryTokenUntilCaughtUpAndWhenCutOffLongerThanTheBound() {
        FeedHealth health = new FeedHealth(Mode.FAIL_CLOSED, 5_000);
        assertThat(health.state(0)).isEqualTo(State.STARTING);
        assertThat(health.refusesEveryToken(0)).isTrue();

        health.heard(1_000);
        assertThat(health.refusesEveryToken(6_000)).isFalse();
        assertThat(health.state(6_001)).isEqualTo(State.CUT_OFF);
        assertThat(health.refusesEveryToken(6_001)).isTrue();

        health.heard(7_000);
        assertThat(health.state(7_000)).isEqualTo(State.FOLLOWING);
        assertThat(health.refusesEveryToken(7_000)).isFalse();
    }

    @Test
    void failOpenNeverRefusesForAnOutage() {
        FeedHealth health = new FeedHealth(Mode.FAIL_OPEN, 5_000);
        assertThat(health.refusesEveryToken(0)).isFalse();
        health.heard(1_000);
        assertThat(health.state(60_000)).isEqualTo(State.CUT_OFF);
        assertThat(health.refusesEveryToken(60_000)).isFalse();
    }
}
