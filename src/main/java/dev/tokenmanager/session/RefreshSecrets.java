package dev.tokenmanager.session;

import dev.tokenmanager.crypto.RandomIds;
import dev.tokenmanager.jwt.TokenFormat;

/** The text form of refresh tokens: {@code tmrt_} and 43 base64url characters (256 random bits). */
public final class RefreshSecrets {

    public static final String PREFIX = "tmrt_";
    private static final int SECRET_LENGTH = 43;

    private RefreshSecrets() {
    }

    public static String generate() {
        return PREFIX + RandomIds.newSecret();
    }

    /** Whether {@code value} has exactly the length and alphabet of a refresh token (checked before any lookup). */
    public static boolean isWellFormed(String value) {
        return value != null && value.length() == PREFIX.length() + SECRET_LENGTH && value.startsWith(PREFIX)
                && TokenFormat.isBase64Url(value.substring(PREFIX.length()), SECRET_LENGTH, SECRET_LENGTH);
    }
}
