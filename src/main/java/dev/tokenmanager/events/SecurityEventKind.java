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
    SIGNING_KEY_ROTATED;

    /** The label of this kind: {@code login_ok}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
