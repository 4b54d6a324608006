package dev.tokenmanager.feedclient;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The library's settings, MicroProfile Config properties of the service it is added to (environment variables
 * {@code REVOCATION_FEED_URL} and so on), read once at start-up. Errors name the property.
 *
 * @param url               the feed, {@code https://auth.example.com/api/auth/revocations} ({@code revocation-feed.url})
 * @param credential        how the library proves itself to the feed: a token of group {@code introspect}
 *                          ({@code revocation-feed.token} or {@code revocation-feed.token-file}), or a registered
 *                          client's id and secret ({@code revocation-feed.client-id} with
 *                          {@code revocation-feed.client-secret} or {@code revocation-feed.client-secret-file})
 * @param mode              what to do once cut off from the feed for longer than {@code maxOutage}
 *                          ({@code revocation-feed.mode}: {@code fail-closed} or {@code fail-open})
 * @param maxOutage         the bound ({@code revocation-feed.max-outage})
 * @param idleTimeout       a connection that carried nothing (not even a heartbeat) for this long is taken for dead
 *                          and replaced ({@code revocation-feed.idle-timeout}); above the feed's heartbeat period
 * @param reconnectDelay    the first wait before reconnecting; it doubles with each failure
 *                          ({@code revocation-feed.reconnect-delay})
 * @param maxReconnectDelay up to this ({@code revocation-feed.max-reconnect-delay})
 * @param clockSkew         how long past its {@code until} an ended session is remembered: at least the clock skew
 *                          this service's JWT verification allows ({@code revocation-feed.clock-skew})
 */
public record FeedClientSettings(URI url, FeedCredential credential, Mode mode,
                                 Duration maxOutage, Duration idleTimeout, Duration reconnectDelay,
                                 Duration maxReconnectDelay, Duration clockSkew) {

    /** What the library does once cut off from the feed for longer than the bound. */
    public enum Mode {
        /** Refuse every token (503) until the feed is back: no revoked token is ever accepted. */
        FAIL_CLOSED("fail-closed"),
        /** Keep verifying statelessly: the service stays up, revocations made meanwhile are not seen. */
        FAIL_OPEN("fail-open");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public FeedClientSettings {
        String scheme = url.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme) || url.getHost() == null) {
            throw new IllegalArgumentException("revocation-feed.url must be an http(s) URL, not " + url);
        }
        positive("revocation-feed.max-outage", maxOutage);
        positive("revocation-feed.idle-timeout", idleTimeout);
        positive("revocation-feed.reconnect-delay", reconnectDelay);
        positive("revocation-feed.max-reconnect-delay", maxReconnectDelay);
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("revocation-feed.clock-skew must not be negative");
        }
    }

    /** Reads every setting through {@code lookup}, which answers a property's raw value if it is set. */
    public static FeedClientSettings read(Function<String, Optional<String>> lookup) {
        Function<String, Optional<String>> in = name -> lookup.apply(name).map(String::trim).filter(v -> !v.isEmpty());
        String url = in.apply("revocation-feed.url").orElseThrow(() -> new IllegalArgumentException(
                "revocation-feed.url is not set: the revocation feed client needs the feed's URL"));
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("revocation-feed.url must be an http(s) URL, not " + url, e);
        }
        return new FeedClientSettings(uri, FeedCredential.read(in),
                mode(in.apply("revocation-feed.mode").orElse("fail-closed")),
                duration(in, "revocation-feed.max-outage", "PT60S"),
                duration(in, "revocation-feed.idle-timeout", "PT45S"),
                duration(in, "revocation-feed.reconnect-delay", "PT1S"),
                duration(in, "revocation-feed.max-reconnect-delay", "PT30S"),
                duration(in, "revocation-feed.clock-skew", "PT60S"));
    }

    private static Mode mode(String value) {
        for (Mode mode : Mode.values()) {
            if (mode.label.equalsIgnoreCase(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("revocation-feed.mode must be fail-closed or fail-open, not " + value);
    }

    private static Duration duration(Function<String, Optional<String>> in, String name, String fallback) {
        String value = in.apply(name).orElse(fallback);
        try {
            return Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT30S, not " + value, e);
        }
    }

    private static void positive(String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }

    @Override
    public String toString() {
        return "FeedClientSettings[url=" + url + ", mode=" + mode.label + ", maxOutage=" + maxOutage + "]";
    }
}
