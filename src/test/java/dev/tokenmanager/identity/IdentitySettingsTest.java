package dev.tokenmanager.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentitySettingsTest {

    private static IdentitySettings read(Map<String, String> values) {
        return IdentitySettings.read(name -> Optional.ofNullable(values.get(name)));
    }

    private static Map<String, String> provider() {
        Map<String, String> values = new HashMap<>();
        values.put("token-manager.oidc.providers", "kc");
        values.put("token-manager.oidc.kc.issuer", "https://sso.example.com/realms/corp");
        values.put("token-manager.oidc.kc.client-id", "token-manager");
        values.put("token-manager.oidc.kc.client-secret", "secret");
        return values;
    }

    @Test
    void noSourcesByDefault() {
        IdentitySettings settings = read(Map.of());
        assertThat(settings.directories()).isEmpty();
        assertThat(settings.providers()).isEmpty();
        assertThat(settings.publicUrl()).isEmpty();
    }

    @Test
    void aProviderWithItsDefaults() {
        var kc = read(provider()).provider("kc").orElseThrow();
        assertThat(kc.source()).isEqualTo("oidc:kc");
        assertThat(kc.algorithms()).containsExactly("RS256");
        assertThat(kc.usernameClaim()).isEqualTo("preferred_username");
        assertThat(kc.groupsClaim()).isEqualTo("groups");
        assertThat(kc.redirectUris()).isEmpty();
        assertThat(kc.toString()).doesNotContain("secret");
    }

    @Test
    void hmacAndNoneAreNeverAllowedAlgorithms() {
        for (String algorithm : new String[] {"HS256", "none"}) {
            Map<String, String> values = provider();
            values.put("token-manager.oidc.kc.algorithms", "RS256," + algorithm);
            assertThatThrownBy(() -> read(values)).hasMessageContaining("token-manager.oidc.kc.algorithms");
        }
    }

    @Test
    void errorsNameTheProperty() {
        Map<String, String> noSecret = provider();
        noSecret.remove("token-manager.oidc.kc.client-secret");
        assertThatThrownBy(() -> read(noSecret)).hasMessageContaining("token-manager.oidc.kc.client-secret");
        Map<String, String> badIssuer = provider();
        badIssuer.put("token-manager.oidc.kc.issuer", "https://sso.example.com/?x=1");
        assertThatThrownBy(() -> read(badIssuer)).hasMessageContaining("token-manager.oidc.kc.issuer");
        Map<String, String> relativeRedirect = provider();
        relativeRedirect.put("token-manager.oidc.kc.redirect-uris", "/signed-in");
        assertThatThrownBy(() -> read(relativeRedirect)).hasMessageContaining("redirect-uris");
        assertThatThrownBy(() -> read(Map.of("token-manager.ldap.directories", "Corp")))
                .hasMessageContaining("token-manager.ldap.directories");
        assertThatThrownBy(() -> read(Map.of("token-manager.ldap.directories", "a,a")))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> read(Map.of("token-manager.public-url", "ftp://x")))
                .hasMessageContaining("token-manager.public-url");
    }

    @Test
    void ldapsWithStartTlsIsRefused() {
        assertThatThrownBy(() -> read(Map.of("token-manager.ldap.directories", "d",
                "token-manager.ldap.d.url", "ldaps://ldap.example.com", "token-manager.ldap.d.start-tls", "true",
                "token-manager.ldap.d.user-base", "dc=example")))
                .hasMessageContaining("token-manager.ldap.d.start-tls");
    }
}
