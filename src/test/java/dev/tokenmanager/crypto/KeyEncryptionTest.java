package dev.tokenmanager.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyEncryptionTest {

    private static byte[] key(int fill) {
        byte[] key = new byte[KeyEncryption.KEY_BYTES];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void decryptsWhatItEncrypted() throws Exception {
        KeyEncryption encryption = new KeyEncryption(key(1));
        byte[] secret = "private key bytes".getBytes(StandardCharsets.UTF_8);
        String stored = encryption.encrypt("kid-1", secret);
        assertThat(stored).startsWith("v1.").doesNotContain("private");
        assertThat(encryption.decrypt("kid-1", stored)).isEqualTo(secret);
    }

    @Test
    void sameSecretEncryptsDifferentlyEachTime() {
        KeyEncryption encryption = new KeyEncryption(key(1));
        byte[] secret = {1, 2, 3};
        assertThat(encryption.encrypt("kid", secret)).isNotEqualTo(encryption.encrypt("kid", secret));
    }

    @Test
    void anotherKeyEncryptionKeyCannotDecrypt() {
        String stored = new KeyEncryption(key(1)).encrypt("kid-1", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> new KeyEncryption(key(2)).decrypt("kid-1", stored))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void valueMovedToAnotherKeyIdCannotBeDecrypted() {
        KeyEncryption encryption = new KeyEncryption(key(1));
        String stored = encryption.encrypt("kid-1", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> encryption.decrypt("kid-2", stored)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void shortKeyIsRefused() {
        assertThatThrownBy(() -> new KeyEncryption(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
