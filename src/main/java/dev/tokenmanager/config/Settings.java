package dev.tokenmanager.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every setting of token-manager, read once at start-up into one immutable value.
 *
 * <p>Property names are MicroProfile Config names; the environment variable form is the name upper-cased with
 * {@code .} and {@code -} replaced by {@code _} ({@code token-manager.access-ttl} is {@code TOKEN_MANAGER_ACCESS_TTL}).
 * The README lists each with its default.
 */
public record Settings(
        String issuer,
        String signingAlgorithm,
        Duration accessTtl,
        Duration refreshIdleTtl,
        Duration refreshMaxAge,
        Duration lastSeenAccuracy,
        Duration clockSkew,
        Path dataDir,
        Optional<String> keyEncryptionKey,
        Optional<Duration> keyRotationInterval,
        List<String> trustedProxies,
        int maxLoginSessions,
        SessionLimitPolicy sessionLimitPolicy,
        int loginMaxFailures,
        int loginMaxFailuresPerIp,
        Duration loginFailureWindow,
        List<String> corsOrigins,
        Duration sessionRetention,
        Duration pruneInterval,
        Duration sessionCacheTtl,
        int sessionCacheSize,
        int verifiedTokenCacheSize) {

    /** What happens when a login would exceed {@link #maxLoginSessions()}. */
    public enum SessionLimitPolicy {
        /** Revoke the user's least recently seen login session. */
        REVOKE_OLDEST,
        /** Refuse the new login. */
        REFUSE
    }

    /** The algorithms a deployment may sign with. */
    public static final List<String> ALGORITHMS = List.of("RS256", "ES256", "HS256");

    public Settings {
        if (!ALGORITHMS.contains(signingAlgorithm)) {
            throw new IllegalArgumentException("token-manager.signing-algorithm must be one of " + ALGORITHMS
                    + ", not " + signingAlgorithm);
        }
        requirePositive("token-manager.access-ttl", accessTtl);
        requirePositive("token-manager.refresh-idle-ttl", refreshIdleTtl);
        requirePositive("token-manager.refresh-max-age", refreshMaxAge);
        requirePositive("token-manager.last-seen-accuracy", lastSeenAccuracy);
        requirePositive("token-manager.session-retention", sessionRetention);
        requirePositive("token-manager.prune-interval", pruneInterval);
        if (verifiedTokenCacheSize < 0) {
            throw new IllegalArgumentException("token-manager.verified-token-cache-size must be 0 (off) or more");
        }
        if (sessionCacheTtl.isNegative() || sessionCacheSize < 1) {
            throw new IllegalArgumentException("token-manager.session-cache-ttl must not be negative (PT0S turns the"
                    + " cache off) and token-manager.session-cache-size must be 1 or more");
        }
        requirePositive("token-manager.login-failure-window", loginFailureWindow);
        keyRotationInterval.ifPresent(interval -> requirePositive("token-manager.key-rotation-interval", interval));
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("token-manager.clock-skew must not be negative");
        }
        if (maxLoginSessions < 0 || loginMaxFailures < 1 || loginMaxFailuresPerIp < 1) {
            throw new IllegalArgumentException("token-manager.max-login-sessions must be 0 or more and the login"
                    + " failure limits 1 or more");
        }
        if (corsOrigins.contains("*")) {
            throw new IllegalArgumentException("token-manager.cors-origins lists origins; '*' is not allowed");
        }
        trustedProxies = List.copyOf(trustedProxies);
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** Reads every setting through {@code lookup}, which answers a property's raw value if it is set. */
    public static Settings read(Function<String, Optional<String>> lookup) {
        Reader in = new Reader(lookup);
        return new Settings(
                in.string("token-manager.issuer", "token-manager"),
                in.string("token-manager.signing-algorithm", "RS256"),
                in.duration("token-manager.access-ttl", "PT15M"),
                in.duration("token-manager.refresh-idle-ttl", "P7D"),
                in.duration("token-manager.refresh-max-age", "P30D"),
                in.duration("token-manager.last-seen-accuracy", "PT60S"),
                in.duration("token-manager.clock-skew", "PT10S"),
                Path.of(in.string("token-manager.data-dir", "data")),
                in.optional("token-manager.key-encryption-key"),
                in.optional("token-manager.key-rotation-interval").map(value -> parseDuration(
                        "token-manager.key-rotation-interval", value)),
                in.list("token-manager.trusted-proxies"),
                in.integer("token-manager.max-login-sessions", 0),
                limitPolicy(in.string("token-manager.session-limit-policy", "revoke-oldest")),
                in.integer("token-manager.login-max-failures", 5),
                in.integer("token-manager.login-max-failures-per-ip", 50),
                in.duration("token-manager.login-failure-window", "PT15M"),
                in.list("token-manager.cors-origins"),
                in.duration("token-manager.session-retention", "P30D"),
                in.duration("token-manager.prune-interval", "PT1H"),
                in.duration("token-manager.session-cache-ttl", "PT30S"),
                in.integer("token-manager.session-cache-size", 100_000),
                in.integer("token-manager.verified-token-cache-size", 100_000));
    }

    private static SessionLimitPolicy limitPolicy(String value) {
        if (value.equalsIgnoreCase("revoke-oldest")) {
            return SessionLimitPolicy.REVOKE_OLDEST;
        }
        if (value.equalsIgnoreCase("refuse")) {
            return SessionLimitPolicy.REFUSE;
        }
        throw new IllegalArgumentException("token-manager.session-limit-policy must be revoke-oldest or refuse, not "
                + value);
    }

    /** Refuses a zero or negative duration, naming the property. */
    public static void requirePositive(String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }

    private static Duration parseDuration(String name, String value) {
        try {
            return Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT15M, not " + value, e);
        }
    }

    /**
     * Reads raw property values through {@code lookup} and converts them, with errors that name the property: the
     * one way every settings record of the application reads its properties.
     */
    public record Reader(Function<String, Optional<String>> lookup) {

        public Optional<String> optional(String name) {
            return lookup.apply(name).map(String::trim).filter(value -> !value.isEmpty());
        }

        public String string(String name, String fallback) {
            return optional(name).orElse(fallback);
        }

        public Duration duration(String name, String fallback) {
            return parseDuration(name, string(name, fallback));
        }

        public int integer(String name, int fallback) {
            String value = string(name, Integer.toString(fallback));
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, not " + value, e);
            }
        }

        public List<String> list(String name) {
            return optional(name)
                    .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                    .orElse(List.of());
        }
    }
}
