package dev.tokenmanager.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The stored form of a high-entropy secret (refresh token, named token): its SHA-256, base64url. A secret of 256
 * random bits needs no salt or work factor; the hash lets the secret be found by an index without being stored.
 */
public final class SecretHash {

    private SecretHash() {
    }

    /** The hash of {@code secret}, 43 characters. */
    public static String of(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Whether {@code secret} hashes to {@code storedHash}, compared in constant time. */
    public static boolean matches(String secret, String storedHash) {
        return secret != null && sameHash(of(secret), storedHash);
    }

    /** Whether two hashes are the same, compared in constant time; false when either is null. */
    public static boolean sameHash(String hash, String storedHash) {
        if (hash == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
