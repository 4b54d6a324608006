package dev.tokenmanager.metrics;

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

}
