package dev.tokenmanager.jwt;

/** A presented token was refused; {@link #reason()} says which rule it broke. */
public final class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The rules a token can break, in the order they are checked. */
    public enum Reason {
        /** Over the size limit, not three base64url segments, or a header that is not a JSON object. */
        MALFORMED,
        /** {@code alg} not on the allow-list, not the key's algorithm, or a header the verifier never honours. */
        ALGORITHM,
        /** {@code kid} names no key that may verify tokens. */
        UNKNOWN_KEY,
        /** The signature does not verify. */
        SIGNATURE,
        /** {@code exp} has passed. */
        EXPIRED,
        /** {@code nbf} or {@code iat} lies in the future. */
        NOT_YET_VALID,
        /** {@code iss} is not this server. */
        ISSUER,
        /** A required claim is missing or malformed. */
        CLAIMS
    }

    private final Reason reason;

    public InvalidTokenException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
