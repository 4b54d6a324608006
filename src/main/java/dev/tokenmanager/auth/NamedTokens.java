package dev.tokenmanager.auth;

import dev.tokenmanager.crypto.RandomIds;
import dev.tokenmanager.jwt.TokenFormat;

/** The text form of named API tokens: {@code tmpat_} and 43 base64url characters (256 random bits). */
public final class NamedTokens {

    public static final String PREFIX = "tmpat_";
    /** The longest name of a named token, and the longest lifetime one may be given. */
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_LIFETIME_DAYS = 3650;
    private static final int SECRET_LENGTH = 43;

    private NamedTokens() {
    }

    /** A new token. */
    public static String generate() {
        return PREFIX + RandomIds.newSecret();
    }

    /** Whether a bearer credential claims to be a named token (and not a JWT). */
    public static boolean looksLikeNamedToken(String credential) {
        return credential.startsWith(PREFIX);
    }

    /** Whether {@code credential} has exactly the length and alphabet of a named token. */
    public static boolean isWellFormed(String credential) {
        return credential.length() == PREFIX.length() + SECRET_LENGTH && credential.startsWith(PREFIX)
                && TokenFormat.isBase64Url(credential.substring(PREFIX.length()), SECRET_LENGTH, SECRET_LENGTH);
    }
}
