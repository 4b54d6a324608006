package dev.tokenmanager.session;

import java.util.Locale;
import java.util.Optional;

/** What a session is: an interactive login on a device, or a named, long-lived API token. */
public enum SessionKind {
    LOGIN,
    TOKEN;

    /** The name used in the API: {@code login} or {@code token}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind an API name stands for, if any. */
    public static Optional<SessionKind> fromApiName(String name) {
        for (SessionKind kind : values()) {
            if (kind.apiName().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
