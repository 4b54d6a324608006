package dev.tokenmanager.auth;

import dev.tokenmanager.events.SecurityEvent;
import dev.tokenmanager.events.SecurityEventKind;
import dev.tokenmanager.jwt.VerifiedToken;
import dev.tokenmanager.session.SessionKind;
import java.util.List;
import java.util.Optional;

/**
 * Who is calling: the session the request authenticated with and its account's current username and groups.
 *
 * @param token the verified access token, or empty for a named API token
 */
public record Caller(String sessionId, SessionKind kind, String accountId, String username, List<String> groups,
                     Optional<VerifiedToken> token) {

    public Caller {
        groups = List.copyOf(groups);
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }

    public boolean isLoginSession() {
        return kind == SessionKind.LOGIN;
    }

    /** A security event of {@code kind} done by this caller, from {@code ip}, in its session. */
    public SecurityEvent securityEvent(SecurityEventKind kind, String ip) {
        return SecurityEvent.of(kind).account(accountId, username).session(sessionId).ip(ip);
    }
}
