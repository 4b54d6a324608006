package dev.tokenmanager.account;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes: PBKDF2-HMAC-SHA256 with a 128-bit random salt per password and the OWASP work factor
 * (600,000 iterations), stored as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}.
 */
public final class PasswordHasher {

    /** OWASP Password Storage Cheat Sheet, PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final int iterations;
    private final String dummyHash;
    private final LongAdder derivations = new LongAdder();

    public PasswordHasher(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        this.iterations = iterations;
        this.dummyHash = hash("token-manager dummy password");
    }

    /** A new hash of {@code password} with a fresh salt. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return SCHEME + "$" + iterations + "$" + ENCODER.encodeToString(salt) + "$"
                + ENCODER.encodeToString(derive(password, salt, iterations));
    }

    /** Whether {@code password} matches {@code storedHash}; the derived keys are compared in constant time. */
    public boolean verify(String password, String storedHash) {
        String[] parts = storedHash.split("\\$");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return false;
        }
        try {
            int storedIterations = Integer.parseInt(parts[1]);
            Base64.Decoder decoder = Base64.getUrlDecoder();
            byte[] expected = decoder.decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, decoder.decode(parts[2]), storedIterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Spends the time of one verification and answers false: used for unknown or disabled users, so that their
     * answer takes as long as a wrong password.
     */
    public boolean verifyNothing(String password) {
        verify(password, dummyHash);
        return false;
    }

    /** Whether {@code storedHash} was made with other parameters than this hasher's and should be replaced. */
    public boolean needsRehash(String storedHash) {
        return !storedHash.startsWith(SCHEME + "$" + iterations + "$");
    }

    /** How many keys this hasher derived since it was made: each hash and each verification is one. */
    public long derivations() {
        return derivations.sum();
    }

    private byte[] derive(String password, byte[] salt, int iterations) {
        derivations.increment();
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return "PasswordHasher[" + SCHEME + ", " + iterations + " iterations]";
    }
}
