package dev.tokenmanager.auth;

import dev.tokenmanager.jwt.InvalidTokenException;
import java.util.Locale;

/** How one authentication attempt ended: the label it is counted under. */
public enum AuthOutcome {
    OK,
    NO_TOKEN,
    BAD_SHAPE,
    BAD_ALGORITHM,
    UNKNOWN_KEY,
    BAD_SIGNATURE,
    EXPIRED,
    NOT_YET_VALID,
    BAD_ISSUER,
    BAD_CLAIMS,
    UNKNOWN_SESSION,
    REVOKED,
    SESSION_EXPIRED,
    ACCOUNT_DISABLED;

    /** The label used in metrics and statistics: {@code bad_signature}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AuthOutcome of(InvalidTokenException.Reason reason) {
        return switch (reason) {
            case MALFORMED -> BAD_SHAPE;
            case ALGORITHM -> BAD_ALGORITHM;
            case UNKNOWN_KEY -> UNKNOWN_KEY;
            case SIGNATURE -> BAD_SIGNATURE;
            case EXPIRED -> EXPIRED;
            case NOT_YET_VALID -> NOT_YET_VALID;
            case ISSUER -> BAD_ISSUER;
            case CLAIMS -> BAD_CLAIMS;
        };
    }
}
