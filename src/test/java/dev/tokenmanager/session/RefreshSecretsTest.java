package dev.tokenmanager.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.auth.NamedTokens;
import org.junit.jupiter.api.Test;

class RefreshSecretsTest {

    @Test
    void refreshTokensAreOpaqueAndCheckedByShape() {
        String token = RefreshSecrets.generate();
        assertThat(token).matches("tmrt_[A-Za-z0-9_-]{43}");
        assertThat(RefreshSecrets.isWellFormed(token)).isTrue();
        assertThat(RefreshSecrets.isWellFormed(token + "A")).isFalse();
        assertThat(RefreshSecrets.isWellFormed("tmrt_" + "+".repeat(43))).isFalse();
        assertThat(RefreshSecrets.isWellFormed("eyJ.eyJ.sig")).isFalse();
        assertThat(RefreshSecrets.isWellFormed(null)).isFalse();
    }

    @Test
    void namedTokensAreToldApartByPrefixAndShape() {
        String token = NamedTokens.generate();
        assertThat(token).matches("tmpat_[A-Za-z0-9_-]{43}");
        assertThat(NamedTokens.looksLikeNamedToken(token)).isTrue();
        assertThat(NamedTokens.isWellFormed(token)).isTrue();
        assertThat(NamedTokens.isWellFormed("tmpat_" + "A".repeat(42))).isFalse();
        assertThat(NamedTokens.looksLikeNamedToken("eyJhbGciOi.x.y")).isFalse();
        assertThat(NamedTokens.generate()).isNotEqualTo(NamedTokens.generate());
    }
}
