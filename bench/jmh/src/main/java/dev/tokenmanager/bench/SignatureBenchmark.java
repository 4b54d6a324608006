package dev.tokenmanager.bench;

import dev.tokenmanager.jwt.InvalidTokenException;
import dev.tokenmanager.jwt.TokenVerifier;
import dev.tokenmanager.jwt.VerifiedToken;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The full verification of a genuine token by TokenVerifier (shape, header, signature, claims), per algorithm. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignatureBenchmark {

    @Param({"RS256", "ES256", "HS256"})
    public String algorithm;

    private TokenVerifier verifier;
    private String token;

    @Setup(Level.Trial)
    public void issue() throws InvalidTokenException {
        TokenFixture keys = new TokenFixture(BenchSettings.defaults(), algorithm);
        verifier = keys.verifier();
        token = keys.issue();
        verifier.verify(token);
    }

    @Benchmark
    public VerifiedToken verify() throws InvalidTokenException {
        return verifier.verify(token);
    }
}
