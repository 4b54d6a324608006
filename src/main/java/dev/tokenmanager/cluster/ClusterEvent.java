package dev.tokenmanager.cluster;

import java.util.Arrays;
import java.util.List;

/**
 * What one node tells the others: sessions were revoked, an account changed, the signing keys changed. Carried as
 * a short string, so the data grid never has to load an application class.
 */
public record ClusterEvent(Kind kind, List<String> ids) {

    /** The kinds of news. */
    public enum Kind {
        SESSIONS_REVOKED('S'),
        ACCOUNT_CHANGED('A'),
        KEYS_CHANGED('K');

        final char code;

        Kind(char code) {
            this.code = code;
        }
    }

    public ClusterEvent {
        ids = List.copyOf(ids);
    }

    public static ClusterEvent sessionsRevoked(List<String> sessionIds) {
        return new ClusterEvent(Kind.SESSIONS_REVOKED, sessionIds);
    }

    public static ClusterEvent accountChanged(String accountId) {
        return new ClusterEvent(Kind.ACCOUNT_CHANGED, List.of(accountId));
    }

    public static ClusterEvent keysChanged() {
        return new ClusterEvent(Kind.KEYS_CHANGED, List.of());
    }

    /** {@code S:id1,id2}: ids are base64url or UUIDs, so neither ':' nor ',' can occur in them. */
    public String encode() {
        return kind.code + ":" + String.join(",", ids);
    }

    public static ClusterEvent decode(String text) {
        char code = text.charAt(0);
        for (Kind kind : Kind.values()) {
            if (kind.code == code) {
                String rest = text.substring(2);
                return new ClusterEvent(kind, rest.isEmpty() ? List.of() : Arrays.asList(rest.split(",")));
            }
        }
        throw new IllegalArgumentException("unknown cluster event " + code);
    }
}
