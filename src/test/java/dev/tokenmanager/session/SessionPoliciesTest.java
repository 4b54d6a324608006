package dev.tokenmanager.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionPoliciesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void lastSeenIsWrittenOncePerWindow() {
        LastSeenPolicy policy = new LastSeenPolicy(Duration.ofSeconds(60));
        long written = T0.toEpochMilli();
        assertThat(policy.shouldWrite(written, T0.plusSeconds(59))).isFalse();
        assertThat(policy.shouldWrite(written, T0.plusSeconds(60))).isTrue();
        assertThat(policy.dueBefore(T0.plusSeconds(60))).isEqualTo(written);
    }

    @Test
    void sessionExpirySlidesWithEachRefresh() {
        SessionExpiry expiry = new SessionExpiry(Duration.ofDays(7), Duration.ofDays(30));
        assertThat(expiry.expiresAt(T0, T0)).isEqualTo(T0.plus(Duration.ofDays(7)));
        assertThat(expiry.expiresAt(T0, T0.plus(Duration.ofDays(5)))).isEqualTo(T0.plus(Duration.ofDays(12)));
    }

    @Test
    void sessionExpiryNeverPassesTheMaximumAge() {
        SessionExpiry expiry = new SessionExpiry(Duration.ofDays(7), Duration.ofDays(30));
        assertThat(expiry.expiresAt(T0, T0.plus(Duration.ofDays(28)))).isEqualTo(T0.plus(Duration.ofDays(30)));
    }

    @Test
    void accessTokenNeverOutlivesItsSession() {
        assertThat(SessionExpiry.accessTokenExpiry(T0, Duration.ofMinutes(15), T0.plusSeconds(60)))
                .isEqualTo(T0.plusSeconds(60));
        assertThat(SessionExpiry.accessTokenExpiry(T0, Duration.ofMinutes(15), null))
                .isEqualTo(T0.plus(Duration.ofMinutes(15)));
    }

    @Test
    void sessionStateIsLiveOnlyWhileActiveUnrevokedAndUnexpired() {
        long now = T0.toEpochMilli();
        SessionState live = new SessionState("s", SessionKind.LOGIN, "a", "u", java.util.List.of(), true,
                now + 1000, null, now);
        assertThat(live.isLive(T0)).isTrue();
        assertThat(live.isLive(T0.plusSeconds(1))).isFalse();
        assertThat(new SessionState("s", SessionKind.LOGIN, "a", "u", java.util.List.of(), true, null, now, now)
                .isLive(T0)).isFalse();
        assertThat(new SessionState("s", SessionKind.TOKEN, "a", "u", java.util.List.of(), false, null, null, now)
                .isLive(T0)).isFalse();
    }
}
