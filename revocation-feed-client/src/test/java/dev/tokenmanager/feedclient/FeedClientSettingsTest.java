package dev.tokenmanager.feedclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeedClientSettingsTest {

    private static FeedClientSettings read(String... pairs) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return FeedClientSettings.read(name -> Optional.ofNullable(values.get(name)));
    }

    @Test
    void defaults() {
        FeedClientSettings settings = read("revocation-feed.url", "https://auth.example.com/api/auth/revocations",
                "revocation-feed.token", "tmpat_x");
        assertThat(settings.mode()).isEqualTo(FeedClientSettings.Mode.FAIL_CLOSED);
        assertThat(settings.maxOutage()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.idleTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.reconnectDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.maxReconnectDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.toString()).doesNotContain("tmpat_x");
    }

    @Test
    void everySetting() {
        FeedClientSettings settings = read("revocation-feed.url", "http://127.0.0.1:8080/api/auth/revocations",
                "revocation-feed.token-file", "/run/secrets/feed-token", "revocation-feed.mode", "fail-open",
                "revocation-feed.max-outage", "PT5S", "revocation-feed.idle-timeout", "PT3S",
                "revocation-feed.reconnect-delay", "PT0.2S", "revocation-feed.max-reconnect-delay", "PT2S",
                "revocation-feed.clock-skew", "PT0S");
        assertThat(settings.credential().file()).contains(Path.of("/run/secrets/feed-token"));
        assertThat(settings.mode()).isEqualTo(FeedClientSettings.Mode.FAIL_OPEN);
        assertThat(settings.maxOutage()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.reconnectDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.clockSkew()).isZero();
    }

    @Test
    void errorsNameTheProperty() {
        assertThatThrownBy(() -> read()).hasMessageContaining("revocation-feed.url");
        assertThatThrownBy(() -> read("revocation-feed.url", "ftp://x/feed", "revocation-feed.token", "t"))
                .hasMessageContaining("revocation-feed.url");
        assertThatThrownBy(() -> read("revocation-feed.url", "https://x/feed"))
                .hasMessageContaining("revocation-feed.token");
        assertThatThrownBy(() -> read("revocation-feed.url", "https://x/feed", "revocation-feed.token", "t",
                "revocation-feed.token-file", "/f")).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> read("revocation-feed.url", "https://x/feed", "revocation-feed.token", "t",
                "revocation-feed.mode", "maybe")).hasMessageContaining("revocation-feed.mode");
        assertThatThrownBy(() -> read("revocation-feed.url", "https://x/feed", "revocation-feed.token", "t",
                "revocation-feed.max-outage", "soon")).hasMessageContaining("revocation-feed.max-outage");
        assertThatThrownBy(() -> read("revocation-feed.url", "https://x/feed", "revocation-feed.token", "t",
                "revocation-feed.idle-timeout", "PT0S")).hasMessageContaining("revocation-feed.idle-timeout");
    }
}
