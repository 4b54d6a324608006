package dev.tokenmanager.api;

import dev.tokenmanager.account.Account;
import dev.tokenmanager.client.RegisteredClient;
import dev.tokenmanager.http.Jsons;
import dev.tokenmanager.logout.LogoutDelivery;
import dev.tokenmanager.session.DeviceInfo;
import dev.tokenmanager.session.Session;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The JSON shapes of the API contract. */
final class Views {

    private Views() {
    }

    /**
     * A session object: {@code {"id","kind","name","created_at","last_seen_at","expires_at","ip","user_agent","device",
     * "current","client_id","source"}}.
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
                .add("client_id", nullable(session.clientId()))
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

    /**
     * A registered client: {@code {"client_id","name","redirect_uris","backchannel_logout_uri","active","audience",
     * "has_secret","created_at"}}; never its secret.
     */
    static JsonObjectBuilder client(RegisteredClient client) {
        return Jsons.createObjectBuilder()
                .add("client_id", client.clientId())
                .add("name", client.name())
                .add("redirect_uris", Jsons.createArrayBuilder(client.redirectUris()))
                .add("backchannel_logout_uri", nullable(client.backchannelLogoutUri().orElse(null)))
                .add("active", client.isActive())
                .add("audience", client.audience())
                .add("has_secret", client.hasSecret())
                .add("created_at", timestamp(client.createdAt()));
    }

    /**
     * A back-channel logout: {@code {"client_id","session_id","state","created_at","attempts","last_attempt_at",
     * "last_result","next_attempt_at","finished_at"}} ({@code state}: {@code pending}, {@code delivered},
     * {@code abandoned}).
     */
    static JsonObjectBuilder logoutDelivery(LogoutDelivery delivery) {
        boolean pending = delivery.state() == LogoutDelivery.State.PENDING;
        return Jsons.createObjectBuilder()
                .add("client_id", delivery.clientId())
                .add("session_id", delivery.sessionId())
                .add("state", delivery.state().name().toLowerCase(Locale.ROOT))
                .add("created_at", timestamp(delivery.createdAt()))
                .add("attempts", delivery.attempts())
                .add("last_attempt_at", timestamp(delivery.lastAttemptAt()))
                .add("last_result", nullable(delivery.lastResult().orElse(null)))
                .add("next_attempt_at", pending ? Jsons.createValue(timestamp(delivery.nextAttemptAt())) : JsonValue.NULL)
                .add("finished_at", timestamp(delivery.finishedAt()));
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
