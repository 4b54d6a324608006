package dev.tokenmanager.events;

import java.util.Locale;

/** What a security event is about; its {@link #label()} is what the log line and the stored row carry. */
public enum SecurityEventKind {
    LOGIN_OK,
    LOGIN_FAILED,
    LOGIN_THROTTLED,
    LOGIN_REFUSED_SESSION_LIMIT,
    CONSOLE_LOGIN_REFUSED,
    SESSION_EVICTED_BY_LIMIT,
    SESSIONS_REVOKED,
    REFRESH_TOKEN_REUSE,
    REFRESH_TOKEN_RETRY,
    PASSWORD_CHANGED,
    PASSWORD_CHANGE_REFUSED,
    ADMIN_USER_CREATED,
    ADMIN_USER_CHANGED,
    ADMIN_USER_SIGNED_OUT,
    ADMIN_SESSION_REVOKED,
    SIGNING_KEY_ROTATED,
    CLIENT_AUTHENTICATION_FAILED,
    ADMIN_CLIENT_CREATED,
    ADMIN_CLIENT_CHANGED,
    ADMIN_CLIENT_DELETED,
    ADMIN_CLIENT_SECRET_CHANGED,
    BACKCHANNEL_LOGOUT_DELIVERED,
    BACKCHANNEL_LOGOUT_FAILED,
    BACKCHANNEL_LOGOUT_ABANDONED,
    /** A person from a directory or provider signed in for the first time: their account was created. */
    ACCOUNT_PROVISIONED,
    /** A directory or provider vouched for a person, but the sign-in was refused (username taken, deactivated). */
    EXTERNAL_SIGN_IN_REFUSED,
    /** A directory or provider could not be reached for a sign-in. */
    IDENTITY_SOURCE_UNAVAILABLE,
    /** An ID token, authorization response or one-time code was refused. */
    OIDC_SIGN_IN_REFUSED,
    /** A provider's back-channel logout revoked sessions. */
    BACKCHANNEL_LOGOUT,
    /** A back-channel logout token was refused. */
    BACKCHANNEL_LOGOUT_REFUSED;

    /** The label of this kind: {@code login_ok}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
