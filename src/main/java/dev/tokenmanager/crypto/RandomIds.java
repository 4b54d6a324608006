package dev.tokenmanager.crypto;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers and secrets, base64url without padding. */
public final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private RandomIds() {
    }

    /** 128 random bits as 22 characters: session ids, token ids, key ids. */
    public static String newId() {
        return random(16);
    }

    /** 256 random bits as 43 characters: refresh tokens and named-token secrets. */
    public static String newSecret() {
        return random(32);
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return ENCODER.encodeToString(value);
    }
}
