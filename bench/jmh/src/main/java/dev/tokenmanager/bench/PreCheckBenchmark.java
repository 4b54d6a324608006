package dev.tokenmanager.bench;

import dev.tokenmanager.jwt.InvalidTokenException;
import dev.tokenmanager.jwt.TokenFormat;
import dev.tokenmanager.jwt.TokenVerifier;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The checks made before jose4j sees a token: the shape of a genuine one, and the refusal of hostile ones. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PreCheckBenchmark {

    private TokenVerifier verifier;
    private String genuine;
    private String oversized;
    private String malformed;

    @Setup(Level.Trial)
    public void issue() throws InvalidTokenException {
        TokenFixture keys = new TokenFixture(BenchSettings.defaults(), "RS256");
        verifier = keys.verifier();
        genuine = keys.issue();
        verifier.verify(genuine);
        // Well-formed but for its size: only the length check stops it before jose4j parses 1 MB of JSON.
        String[] parts = genuine.split("\\.");
        oversized = parts[0] + "." + "A".repeat(1024 * 1024) + "." + parts[2];
        // Padding, which jose4j would tolerate; at the very end, so the shape check reads the whole token.
        malformed = genuine + "=";
        if (TokenFormat.isCompactJws(oversized) || TokenFormat.isCompactJws(malformed)) {
            throw new IllegalStateException("the hostile tokens must fail the shape check");
        }
    }

    @Benchmark
    public boolean isCompactJws() {
        return TokenFormat.isCompactJws(genuine);
    }

    @Benchmark
    public InvalidTokenException refuseOversized() {
        return refusal(oversized);
    }

    @Benchmark
    public InvalidTokenException refuseMalformed() {
        return refusal(malformed);
    }

    /** The exception is returned, so that JMH consumes it and its construction cannot be optimised away. */
    private InvalidTokenException refusal(String token) {
        try {
            verifier.verify(token);
        } catch (InvalidTokenException e) {
            return e;
        }
        throw new IllegalStateException("a hostile token was accepted");
    }
}
