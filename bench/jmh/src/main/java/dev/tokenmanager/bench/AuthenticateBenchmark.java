package dev.tokenmanager.bench;

import dev.tokenmanager.auth.Authentication;
import dev.tokenmanager.auth.BearerAuthenticator;
import dev.tokenmanager.cluster.LocalBus;
import dev.tokenmanager.config.Settings;
import dev.tokenmanager.jwt.InvalidTokenException;
import dev.tokenmanager.jwt.TokenVerifier;
import dev.tokenmanager.jwt.VerifiedToken;
import dev.tokenmanager.metrics.AuthOutcome;
import dev.tokenmanager.metrics.AuthStats;
import dev.tokenmanager.persistence.DatabaseBreaker;
import dev.tokenmanager.session.CachedSessionLookup;
import dev.tokenmanager.session.DatabaseSessionLookup;
import dev.tokenmanager.session.LastSeenRecorder;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The mechanism's whole work for one request, BearerAuthenticator.authenticate (verification, session lookup,
 * last-seen, counting), against stateless verification of the same token alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AuthenticateBenchmark {

    /**
     * The request path wired as the container wires it, over the seeded database, with the application's default
     * signing algorithm and settings but for {@code overrides}; and a pool of genuine tokens, one per session.
     */
    public abstract static class RequestPath {

        private final Map<String, String> overrides;
        private final int poolSize;
        private final boolean readsDatabase;

        BearerAuthenticator authenticator;
        TokenVerifier verifier;
        HeaderValue[] tokens;
        private AuthStats stats;

        RequestPath(Map<String, String> overrides, int poolSize, boolean readsDatabase) {
            this.overrides = overrides;
            this.poolSize = poolSize;
            this.readsDatabase = readsDatabase;
        }

        @Setup(Level.Trial)
        public void wire(SessionDatabase database) {
            Settings settings = BenchSettings.with(overrides);
            TokenFixture keys = new TokenFixture(settings, settings.signingAlgorithm());
            Clock clock = Clock.systemUTC();
            stats = new AuthStats();
            verifier = keys.verifier();
            DatabaseSessionLookup databaseLookup = new DatabaseSessionLookup(database.entityManager(), stats, new DatabaseBreaker(Clock.systemUTC()));
            CachedSessionLookup sessions = new CachedSessionLookup(databaseLookup, new LocalBus(),
                    settings.sessionCacheTtl(), settings.sessionCacheSize(), clock);
            // Uses are recorded but never written: the write is off the request path.
            LastSeenRecorder lastSeen = new LastSeenRecorder((uses, policy) -> 0, stats, settings);
            authenticator = new BearerAuthenticator(verifier, sessions, lastSeen, stats, clock, settings);
            tokens = new HeaderValue[poolSize];
            List<String> sessionIds = database.sessionIds();
            for (int i = 0; i < poolSize; i++) {
                tokens[i] = new HeaderValue(keys.issue(database.accountId(), database.username(), List.of("user"),
                        sessionIds.get(i % sessionIds.size())));
            }
            // One pass before measuring: whatever the variant caches is hot, and every token is known good.
            for (HeaderValue token : tokens) {
                if (!(authenticator.authenticate(token.receive()) instanceof Authentication.Success)) {
                    throw new IllegalStateException("a genuine token of a live session was refused");
                }
            }
            if (readsDatabase) {
                Cursor cursor = new Cursor();
                SessionDatabase.settle(() -> authenticator.authenticate(tokens[cursor.next(tokens.length)].receive()));
            }
        }

        /** A run whose requests were refused measured something else: fail it rather than report it. */
        @TearDown(Level.Iteration)
        public void requireEveryRequestAdmitted() {
            for (AuthOutcome outcome : AuthOutcome.values()) {
                if (outcome != AuthOutcome.OK && stats.count(outcome) > 0) {
                    throw new IllegalStateException(stats.count(outcome) + " requests refused as " + outcome);
                }
            }
        }
    }

    /** One token presented again and again: the verified-token and session caches are hot (the steady state). */
    @State(Scope.Benchmark)
    public static class SeenToken extends RequestPath {
        public SeenToken() {
            super(Map.of(), 1, false);
        }
    }

    /**
     * A token never seen before on every request (its session cached): the first request of each token. Signing
     * one per request would measure the signing; instead a pool of tokens is cycled through with the
     * verified-token cache off, which makes every presentation a first one.
     */
    @State(Scope.Benchmark)
    public static class FreshTokens extends RequestPath {
        public FreshTokens() {
            super(Map.of("token-manager.verified-token-cache-size", "0"), 1_024, false);
        }
    }

    /** As {@link FreshTokens}, with the session cache off too: every request reads the database. */
    @State(Scope.Benchmark)
    public static class NothingCached extends RequestPath {
        public NothingCached() {
            super(Map.of("token-manager.verified-token-cache-size", "0",
                    "token-manager.session-cache-ttl", "PT0S"), 1_024, true);
        }
    }

    @Benchmark
    public Authentication authenticateSeenToken(SeenToken path) {
        return path.authenticator.authenticate(path.tokens[0].receive());
    }

    @Benchmark
    public Authentication authenticateFreshToken(FreshTokens path, Cursor cursor) {
        return path.authenticator.authenticate(path.tokens[cursor.next(path.tokens.length)].receive());
    }

    @Benchmark
    public Authentication authenticateNothingCached(NothingCached path, Cursor cursor) {
        return path.authenticator.authenticate(path.tokens[cursor.next(path.tokens.length)].receive());
    }

    /** What a stateless JWT check costs per request: the same token's verification, and nothing else. */
    @Benchmark
    public VerifiedToken statelessVerify(SeenToken path) throws InvalidTokenException {
        return path.verifier.verify(path.tokens[0].receive());
    }
}
