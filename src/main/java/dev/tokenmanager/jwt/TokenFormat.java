package dev.tokenmanager.jwt;

import java.util.Set;

/** The cheap checks on a presented token's text, made before anything parses it. */
public final class TokenFormat {

    /** The largest token accepted, in characters. */
    public static final int MAX_LENGTH = 8 * 1024;

    /** The shortest and longest session ids accepted in a {@code sid} claim (128 to 512 bits, base64url). */
    public static final int MIN_ID_LENGTH = 22;
    public static final int MAX_ID_LENGTH = 86;

    /** Header parameters that would make a verifier fetch or trust keys, or change processing: never honoured. */
    public static final Set<String> REFUSED_HEADERS = Set.of("jku", "x5u", "jwk", "x5c", "crit", "b64", "zip");

    private TokenFormat() {
    }

    /**
     * Whether {@code token} is at most {@link #MAX_LENGTH} characters of exactly three non-empty segments of the
     * base64url alphabet without padding: {@code ^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$}.
     */
    public static boolean isCompactJws(String token) {
        return isCompactJws(token, MAX_LENGTH);
    }

    /** {@link #isCompactJws(String)} with another size limit (for tokens of other issuers). */
    public static boolean isCompactJws(String token, int maxLength) {
        if (token == null || token.length() > maxLength) {
            return false;
        }
        int dots = 0;
        int segmentLength = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (segmentLength == 0 || ++dots > 2) {
                    return false;
                }
                segmentLength = 0;
            } else if (isBase64Url(c)) {
                segmentLength++;
            } else {
                return false;
            }
        }
        return dots == 2 && segmentLength > 0;
    }

    /** Whether {@code value} is between {@code min} and {@code max} characters, all of the base64url alphabet. */
    public static boolean isBase64Url(String value, int min, int max) {
        if (value == null || value.length() < min || value.length() > max) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isBase64Url(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64Url(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
