package dev.tokenmanager.api;

import dev.tokenmanager.account.Account;
import dev.tokenmanager.http.Jsons;
import dev.tokenmanager.session.DeviceInfo;
import dev.tokenmanager.session.Session;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** The JSON shapes of the API contract. */
final class Views {

    private Views() {
    }

    /**
     * A session object: {@code {"id","kind","name","created_at","last_seen_at","expires_at","ip","user_agent","device",
     * "current","source"}}.
     */
    static JsonObjectBuilder session(Session session, String currentSessionId) {
        DeviceInfo device = session.device();
        JsonObjectBuilder json = Jsons.createObjectBuilder()
                .add("id", session.id())
                .add("kind", session.kind().apiName())
                .add("name", session.name())
                .add("created_at", timestamp(session.createdAt()))
                .add("last_seen_at", timestamp(session.lastSeenAt()))
                .add("expires_at", timestamp(session.expiresAt()))
                .add("ip", nullable(session.ip()))
                .add("user_agent", nullable(session.userAgent()))
                .add("device", Jsons.createObjectBuilder()
                        .add("type", nullable(device.type()))
                        .add("os", nullable(device.os()))
                        .add("browser", nullable(device.browser())))
                .add("current", session.id().equals(currentSessionId))
                .add("source", session.source());
        return json;
    }

    static JsonArrayBuilder sessions(List<Session> sessions, String currentSessionId) {
        JsonArrayBuilder array = Jsons.createArrayBuilder();
        sessions.forEach(session -> array.add(session(session, currentSessionId)));
        return array;
    }

    /** A user: {@code {"username","groups","active","created_at","active_sessions","source"}}. */
    static JsonObjectBuilder user(Account account, long activeSessions) {
        return Jsons.createObjectBuilder()
                .add("username", account.username())
                .add("groups", Jsons.createArrayBuilder(account.groups()))
                .add("active", account.isActive())
                .add("created_at", timestamp(account.createdAt()))
                .add("active_sessions", activeSessions)
                .add("source", account.source());
    }

    /** RFC 3339 in UTC, to the millisecond. */
    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static JsonValue timestamp(Optional<Instant> instant) {
        return instant.<JsonValue>map(value -> Jsons.createValue(timestamp(value))).orElse(JsonValue.NULL);
    }

    static JsonValue nullable(String value) {
        return value == null ? JsonValue.NULL : Jsons.createValue(value);
    }
}
