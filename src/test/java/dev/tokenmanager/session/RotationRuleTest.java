package dev.tokenmanager.session;

import dev.tokenmanager.config.ConfigReader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmanager.config.Settings;
import dev.tokenmanager.session.RotationRule.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RotationRuleTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(1);

    private static RefreshToken token(String hash) {
        return new RefreshToken(hash, "session", T0);
    }

    /** {@code parent} rotated at T0 to a fresh child. */
    private static RefreshToken rotated(RefreshToken parent, String childHash) {
        RefreshToken child = token(childHash);
        parent.replacedBy(child, T0);
        return child;
    }

    @Test
    void currentTokenRotates() {
        assertThat(RotationRule.decide(token("a"), null, true, T0, GRACE)).isEqualTo(Outcome.ROTATE);
    }

    @Test
    void previousTokenWithinGraceWhileItsSuccessorIsUnusedIsARetry() {
        RefreshToken previous = token("a");
        RefreshToken successor = rotated(previous, "b");
        assertThat(RotationRule.decide(previous, successor, false, T0.plusSeconds(59), GRACE))
                .isEqualTo(Outcome.RETRY);
        assertThat(RotationRule.decide(previous, successor, true, T0.plusSeconds(1), GRACE))
                .isEqualTo(Outcome.RETRY);
    }

    @Test
    void previousTokenAfterItsSuccessorWasUsedIsReuse() {
        RefreshToken previous = token("a");
        RefreshToken successor = rotated(previous, "b");
        rotated(successor, "c");
        assertThat(RotationRule.decide(previous, successor, false, T0.plusSeconds(1), GRACE)).isEqualTo(Outcome.REUSE);
    }

    @Test
    void previousTokenAfterTheGraceIsReuse() {
        RefreshToken previous = token("a");
        RefreshToken successor = rotated(previous, "b");
        assertThat(RotationRule.decide(previous, successor, false, T0.plus(GRACE), GRACE)).isEqualTo(Outcome.REUSE);
    }

    @Test
    void olderGenerationIsReuse() {
        RefreshToken first = token("a");
        RefreshToken second = rotated(first, "b");
        RefreshToken third = rotated(second, "c");
        assertThat(third.usedAt()).isEmpty();
        assertThat(RotationRule.decide(first, second, false, T0.plusSeconds(1), GRACE)).isEqualTo(Outcome.REUSE);
    }

    @Test
    void withRetriesOffAConcurrentLoserLosesTheRaceButIsNotReuse() {
        RefreshToken previous = token("a");
        RefreshToken successor = rotated(previous, "b");
        assertThat(RotationRule.decide(previous, successor, true, T0, Duration.ZERO)).isEqualTo(Outcome.LOST_RACE);
        assertThat(RotationRule.decide(previous, successor, false, T0, Duration.ZERO)).isEqualTo(Outcome.REUSE);
    }

    @Test
    void tokenSeenLiveIsNeverReuseEvenWhenItsSuccessorWasUsedMeanwhile() {
        RefreshToken previous = token("a");
        RefreshToken successor = rotated(previous, "b");
        rotated(successor, "c");
        assertThat(RotationRule.decide(previous, successor, true, T0, GRACE)).isEqualTo(Outcome.LOST_RACE);
    }

    @Test
    void supersededTokenRefreshesNothingAndIsNotReuse() {
        RefreshToken previous = token("a");
        RefreshToken superseded = rotated(previous, "b");
        superseded.supersede(T0);
        RefreshToken retried = rotated(previous, "c");
        assertThat(RotationRule.decide(superseded, null, false, T0.plusSeconds(1), GRACE)).isEqualTo(Outcome.REFUSED);
        // The previous token now names the retry's token as its successor: retrying again supersedes that one.
        assertThat(previous.successorHash()).contains("c");
        assertThat(RotationRule.decide(previous, retried, false, T0.plusSeconds(2), GRACE)).isEqualTo(Outcome.RETRY);
    }

    @Test
    void graceRunsFromTheFirstRotationNotFromTheLatestRetry() {
        RefreshToken previous = token("a");
        rotated(previous, "b").supersede(T0.plusSeconds(50));
        RefreshToken retried = token("c");
        previous.replacedBy(retried, T0.plusSeconds(50));
        assertThat(previous.usedAt()).contains(T0);
        assertThat(RotationRule.decide(previous, retried, false, T0.plusSeconds(61), GRACE)).isEqualTo(Outcome.REUSE);
    }

    @Test
    void retryGraceIsReadFromConfigurationAndMustNotBeNegative() {
        assertThat(RotationSettings.read(new ConfigReader(name -> Optional.empty())).retryGrace())
                .isEqualTo(Duration.ofMinutes(1));
        Map<String, String> off = Map.of("token-manager.refresh-retry-grace", "PT0S");
        assertThat(RotationSettings.read(new ConfigReader(name -> Optional.ofNullable(off.get(name))))
                .retryGrace()).isZero();
        Map<String, String> negative = Map.of("token-manager.refresh-retry-grace", "-PT1S");
        assertThatThrownBy(() -> RotationSettings.read(new ConfigReader(
                name -> Optional.ofNullable(negative.get(name)))))
                .hasMessageContaining("token-manager.refresh-retry-grace");
        Map<String, String> garbage = Map.of("token-manager.refresh-retry-grace", "soon");
        assertThatThrownBy(() -> RotationSettings.read(new ConfigReader(
                name -> Optional.ofNullable(garbage.get(name)))))
                .hasMessageContaining("token-manager.refresh-retry-grace");
    }
}
