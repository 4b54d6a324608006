package dev.tokenmanager.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts private signing keys with the key-encryption key (AES-256-GCM), so that a copy of the database alone
 * signs nothing. Each value is bound to its key id (as additional authenticated data), so values cannot be swapped
 * between rows.
 */
public final class KeyEncryption {

    /** Length of the key-encryption key in bytes. */
    public static final int KEY_BYTES = 32;

    private static final String FORMAT = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    public KeyEncryption(byte[] keyEncryptionKey) {
        if (keyEncryptionKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("the key-encryption key must be " + KEY_BYTES + " bytes, not "
                    + keyEncryptionKey.length);
        }
        this.key = new SecretKeySpec(keyEncryptionKey.clone(), "AES");
    }

    /** Encrypts {@code plain} for the row named {@code keyId}: {@code v1.<iv>.<ciphertext>}, base64url. */
    public String encrypt(String keyId, byte[] plain) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keyId, iv);
            Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
            return FORMAT + "." + encoder.encodeToString(iv) + "." + encoder.encodeToString(cipher.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt key " + keyId, e);
        }
    }

    /** Decrypts a value written by {@link #encrypt}; throws when the key-encryption key or the key id differ. */
    public byte[] decrypt(String keyId, String encrypted) throws GeneralSecurityException {
        String[] parts = encrypted.split("\\.");
        if (parts.length != 3 || !FORMAT.equals(parts[0])) {
            throw new GeneralSecurityException("unknown encrypted key format");
        }
        Base64.Decoder decoder = Base64.getUrlDecoder();
        byte[] iv = decoder.decode(parts[1]);
        return cipher(Cipher.DECRYPT_MODE, keyId, iv).doFinal(decoder.decode(parts[2]));
    }

    private Cipher cipher(int mode, String keyId, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(iv, iv.length)));
        cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
