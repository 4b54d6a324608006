package dev.tokenmanager.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static Settings read(Map<String, String> values) {
        return Settings.read(name -> Optional.ofNullable(values.get(name)));
    }

    @Test
    void defaultsMatchTheContract() {
        Settings settings = read(Map.of());
        assertThat(settings.accessTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.refreshIdleTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.refreshMaxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(settings.lastSeenAccuracy()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.signingAlgorithm()).isEqualTo("RS256");
        assertThat(settings.maxLoginSessions()).isZero();
        assertThat(settings.corsOrigins()).isEmpty();
    }

    @Test
    void theAudienceDefaultsToTheIssuer() {
        assertThat(read(Map.of()).audience()).containsExactly("token-manager");
        assertThat(read(Map.of("token-manager.issuer", "https://auth.example.com")).audience())
                .containsExactly("https://auth.example.com");
        assertThat(read(Map.of("token-manager.audience", "orders, billing")).audience())
                .containsExactly("orders", "billing");
    }

    @Test
    void valuesAreParsed() {
        Settings settings = read(Map.of("token-manager.access-ttl", "PT2M",
                "token-manager.trusted-proxies", "10.0.0.0/8, ::1",
                "token-manager.session-limit-policy", "refuse"));
        assertThat(settings.accessTtl()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.trustedProxies()).containsExactly("10.0.0.0/8", "::1");
        assertThat(settings.sessionLimitPolicy()).isEqualTo(Settings.SessionLimitPolicy.REFUSE);
    }

    @Test
    void badValuesFailWithTheSettingsName() {
        assertThatThrownBy(() -> read(Map.of("token-manager.access-ttl", "15 minutes")))
                .hasMessageContaining("token-manager.access-ttl");
        assertThatThrownBy(() -> read(Map.of("token-manager.signing-algorithm", "none")))
                .hasMessageContaining("token-manager.signing-algorithm");
        assertThatThrownBy(() -> read(Map.of("token-manager.access-ttl", "PT0S")))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> read(Map.of("token-manager.cors-origins", "*")))
                .hasMessageContaining("cors");
    }
}
