package dev.tokenmanager.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1_000);

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("correct horse battery");
        assertThat(hasher.verify("correct horse battery", hash)).isTrue();
        assertThat(hasher.verify("correct horse batterY", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
    }

    @Test
    void saltsEachHash() {
        assertThat(hasher.hash("same password!")).isNotEqualTo(hasher.hash("same password!"));
    }

    @Test
    void storesSchemeIterationsSaltAndHash() {
        String hash = hasher.hash("correct horse battery");
        assertThat(hash).startsWith("pbkdf2-sha256$1000$").doesNotContain("correct");
        assertThat(hash.split("\\$")).hasSize(4);
    }

    @Test
    void defaultWorkFactorIsOwaspsAndOlderHashesNeedRehash() {
        assertThat(PasswordHasher.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(600_000);
        PasswordHasher strong = new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS);
        assertThat(strong.needsRehash(hasher.hash("correct horse battery"))).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("correct horse battery"))).isFalse();
    }

    @Test
    void garbageStoredHashNeverMatches() {
        assertThat(hasher.verify("x", "not-a-hash")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2-sha256$abc$AAAA$AAAA")).isFalse();
        assertThat(hasher.verifyNothing("anything")).isFalse();
    }
}
