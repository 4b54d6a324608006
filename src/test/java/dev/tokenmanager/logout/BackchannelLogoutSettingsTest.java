package dev.tokenmanager.logout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackchannelLogoutSettingsTest {

    private static BackchannelLogoutSettings read(Map<String, String> values) {
        return BackchannelLogoutSettings.read(name -> Optional.ofNullable(values.get(name)));
    }

    @Test
    void defaultsAreDocumented() {
        BackchannelLogoutSettings settings = read(Map.of());
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.responseTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.firstRetry()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.maxRetryInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.giveUpAfter()).isEqualTo(Duration.ofDays(1));
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.tokenLifetime()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.concurrency()).isEqualTo(16);
    }

    @Test
    void retriesWaitTwiceAsLongEachTimeUpToTheLongestInterval() {
        BackchannelLogoutSettings settings = read(Map.of());
        assertThat(settings.retryDelay(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.retryDelay(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.retryDelay(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(settings.retryDelay(7)).isEqualTo(Duration.ofSeconds(640));
        assertThat(settings.retryDelay(8)).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.retryDelay(1000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void badValuesFailWithTheSettingsName() {
        assertThatThrownBy(() -> read(Map.of("token-manager.backchannel-logout.give-up-after", "one day")))
                .hasMessageContaining("token-manager.backchannel-logout.give-up-after");
        assertThatThrownBy(() -> read(Map.of("token-manager.backchannel-logout.response-timeout", "PT0S")))
                .hasMessageContaining("token-manager.backchannel-logout.response-timeout");
        assertThatThrownBy(() -> read(Map.of("token-manager.backchannel-logout.max-retry-interval", "PT1S")))
                .hasMessageContaining("token-manager.backchannel-logout.max-retry-interval");
        assertThatThrownBy(() -> read(Map.of("token-manager.backchannel-logout.concurrency", "0")))
                .hasMessageContaining("token-manager.backchannel-logout.concurrency");
    }
}
