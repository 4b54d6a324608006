package dev.tokenmanager.bench;

import dev.tokenmanager.jwt.InvalidTokenException;
import dev.tokenmanager.jwt.VerifiedToken;
import dev.tokenmanager.jwt.VerifiedTokenCache;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** A hit in the verified-token cache: what a token presented again costs instead of its signature check. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VerifiedTokenCacheBenchmark {

    private VerifiedTokenCache cache;
    private HeaderValue token;
    private Instant now;

    @Setup(Level.Trial)
    public void fill() throws InvalidTokenException {
        TokenFixture keys = new TokenFixture(BenchSettings.defaults(), "RS256");
        now = Instant.now();
        cache = new VerifiedTokenCache(BenchSettings.defaults().verifiedTokenCacheSize(), Clock.systemUTC());
        // A cache holding other tokens too, as on a busy node: the hit is looked up among them.
        for (int i = 0; i < 1_000; i++) {
            String other = keys.issue();
            cache.put(other, keys.verifier().verify(other));
        }
        String presented = keys.issue();
        cache.put(presented, keys.verifier().verify(presented));
        token = new HeaderValue(presented);
    }

    @Benchmark
    public Optional<VerifiedToken> hit() {
        return cache.get(token.receive(), now);
    }
}
