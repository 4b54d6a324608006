package dev.tokenmanager.feed;

import dev.tokenmanager.config.ConfigReader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmanager.config.Settings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RevocationFeedRulesTest {

    @Test
    void noLastEventIdStartsFromTheOldestEventThatMatters() {
        assertThat(LastEventId.parse(null, 7)).isEmpty();
        assertThat(LastEventId.parse("", 7)).isEmpty();
    }

    @Test
    void lastEventIdOfThisFeedResumesAfterIt() {
        assertThat(LastEventId.parse("0", 7)).hasValue(0);
        assertThat(LastEventId.parse("7", 7)).hasValue(7);
        assertThat(LastEventId.parse("0003", 7)).hasValue(3);
    }

    @Test
    void garbageLastEventIdIsRefused() {
        for (String garbage : new String[] {"abc", "-1", "+1", "1.0", " 1", "1e3", "١", "9999999999999999999"}) {
            assertThatThrownBy(() -> LastEventId.parse(garbage, Long.MAX_VALUE)).as(garbage)
                    .isInstanceOf(LastEventId.InvalidLastEventIdException.class)
                    .hasMessageContaining("Last-Event-ID");
        }
    }

    @Test
    void lastEventIdFromTheFutureIsRefused() {
        assertThatThrownBy(() -> LastEventId.parse("8", 7)).hasMessageContaining("from the future");
    }

    @Test
    void untilIsCarriedInWholeSecondsRoundedUp() {
        assertThat(new EndedSession(1, "sid", 1_000).untilEpochSecond()).isEqualTo(1);
        assertThat(new EndedSession(1, "sid", 1_001).untilEpochSecond()).isEqualTo(2);
    }

    @Test
    void feedSettingsDefaultsAndErrorsNameTheProperty() {
        FeedSettings defaults = FeedSettings.read(new ConfigReader(name -> Optional.empty()));
        assertThat(defaults.heartbeat()).isEqualTo(Duration.ofSeconds(15));
        assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        Map<String, String> zero = Map.of("token-manager.revocation-feed.heartbeat", "PT0S");
        assertThatThrownBy(() -> FeedSettings.read(new ConfigReader(name -> Optional.ofNullable(zero.get(name)))))
                .hasMessageContaining("token-manager.revocation-feed.heartbeat");
    }
}
