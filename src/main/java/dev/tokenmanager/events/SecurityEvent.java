package dev.tokenmanager.events;

import java.util.Objects;

/**
 * A security event to record: what happened, to whom, in which session, from where, and a short detail. Names
 * and ids only, never a secret. Built from its kind: {@code SecurityEvent.of(LOGIN_OK).account(id, name).ip(ip)}.
 *
 * @param accountId the account concerned (or acting), null when unknown
 * @param username  its username, or the name a failed login gave
 */
public record SecurityEvent(SecurityEventKind kind, String accountId, String username, String sessionId, String ip,
                            String detail) {

    public SecurityEvent {
        Objects.requireNonNull(kind, "kind");
    }

    /** An event of {@code kind} about nobody yet. */
    public static SecurityEvent of(SecurityEventKind kind) {
        return new SecurityEvent(kind, null, null, null, null, null);
    }

    public SecurityEvent account(String accountId, String username) {
        return new SecurityEvent(kind, accountId, username, sessionId, ip, detail);
    }

    /** The name a login gave, for events without a known account. */
    public SecurityEvent username(String username) {
        return new SecurityEvent(kind, accountId, username, sessionId, ip, detail);
    }

    public SecurityEvent session(String sessionId) {
        return new SecurityEvent(kind, accountId, username, sessionId, ip, detail);
    }

    public SecurityEvent ip(String ip) {
        return new SecurityEvent(kind, accountId, username, sessionId, ip, detail);
    }

    public SecurityEvent detail(String detail) {
        return new SecurityEvent(kind, accountId, username, sessionId, ip, detail);
    }
}
