package dev.tokenmanager.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretHashTest {

    @Test
    void hashIsStableAndNotTheSecret() {
        String secret = RandomIds.newSecret();
        assertThat(SecretHash.of(secret)).isEqualTo(SecretHash.of(secret)).isNotEqualTo(secret).hasSize(43);
    }

    @Test
    void matchesOnlyItsOwnSecret() {
        String secret = RandomIds.newSecret();
        String hash = SecretHash.of(secret);
        assertThat(SecretHash.matches(secret, hash)).isTrue();
        assertThat(SecretHash.matches(RandomIds.newSecret(), hash)).isFalse();
        assertThat(SecretHash.matches(null, hash)).isFalse();
    }

    @Test
    void idsAndSecretsHaveTheirLengths() {
        assertThat(RandomIds.newId()).hasSize(22).matches("[A-Za-z0-9_-]+");
        assertThat(RandomIds.newSecret()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(RandomIds.newId()).isNotEqualTo(RandomIds.newId());
    }
}
