package dev.tokenmanager.config;

import java.nio.file.Path;
import java.time.Duration;
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
        List<String> audience,
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
        ConfigReader.requirePositive("token-manager.access-ttl", accessTtl);
        ConfigReader.requirePositive("token-manager.refresh-idle-ttl", refreshIdleTtl);
        ConfigReader.requirePositive("token-manager.refresh-max-age", refreshMaxAge);
        ConfigReader.requirePositive("token-manager.last-seen-accuracy", lastSeenAccuracy);
        ConfigReader.requirePositive("token-manager.session-retention", sessionRetention);
        ConfigReader.requirePositive("token-manager.prune-interval", pruneInterval);
        if (verifiedTokenCacheSize < 0) {
            throw new IllegalArgumentException("token-manager.verified-token-cache-size must be 0 (off) or more");
        }
        if (sessionCacheTtl.isNegative() || sessionCacheSize < 1) {
            throw new IllegalArgumentException("token-manager.session-cache-ttl must not be negative (PT0S turns the"
                    + " cache off) and token-manager.session-cache-size must be 1 or more");
        }
        ConfigReader.requirePositive("token-manager.login-failure-window", loginFailureWindow);
        keyRotationInterval.ifPresent(interval -> ConfigReader.requirePositive("token-manager.key-rotation-interval",
                interval));
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
        if (audience.isEmpty()) {
            throw new IllegalArgumentException("token-manager.audience must name at least one audience");
        }
        audience = List.copyOf(audience);
        trustedProxies = List.copyOf(trustedProxies);
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** Reads every setting through {@code lookup}, which answers a property's raw value if it is set. */
    public static Settings read(Function<String, Optional<String>> lookup) {
        ConfigReader in = new ConfigReader(lookup);
        String issuer = in.string("token-manager.issuer", "token-manager");
        List<String> audience = in.list("token-manager.audience");
        return new Settings(
                issuer,
                audience.isEmpty() ? List.of(issuer) : audience,
                in.string("token-manager.signing-algorithm", "RS256"),
                in.duration("token-manager.access-ttl", "PT15M"),
                in.duration("token-manager.refresh-idle-ttl", "P7D"),
                in.duration("token-manager.refresh-max-age", "P30D"),
                in.duration("token-manager.last-seen-accuracy", "PT60S"),
                in.duration("token-manager.clock-skew", "PT10S"),
                Path.of(in.string("token-manager.data-dir", "data")),
                in.optional("token-manager.key-encryption-key"),
                in.optionalDuration("token-manager.key-rotation-interval"),
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
}
