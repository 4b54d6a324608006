package dev.tokenmanager.bench;

import dev.tokenmanager.session.DeviceInfo;
import dev.tokenmanager.session.DeviceParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** DeviceParser.parse of a User-Agent its cache holds, and of User-Agents it has never seen. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DeviceParserBenchmark {

    /** Ten times the parser's 10,000 cached results: cycling through them, no User-Agent is still cached. */
    static final int DISTINCT_USER_AGENTS = 100_000;

    /** The parser (built once: it takes seconds) and the User-Agents it is given. */
    @State(Scope.Benchmark)
    public static class Parser {

        DeviceParser parser;
        HeaderValue common;
        HeaderValue[] distinct;

        @Setup(Level.Trial)
        public void build() {
            parser = new DeviceParser();
            common = new HeaderValue(chrome(0, 0));
            parser.parse(common.receive());
            distinct = new HeaderValue[DISTINCT_USER_AGENTS];
            for (int i = 0; i < DISTINCT_USER_AGENTS; i++) {
                // Build and patch numbers vary, as between Chrome updates: distinct strings, one rule path.
                distinct[i] = new HeaderValue(chrome(6_778 + i / 100, i % 100));
            }
        }

        private static String chrome(int build, int patch) {
            return "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0."
                    + build + "." + patch + " Safari/537.36";
        }
    }

    @Benchmark
    public DeviceInfo cached(Parser parser) {
        return parser.parser.parse(parser.common.receive());
    }

    @Benchmark
    public DeviceInfo uncached(Parser parser, Cursor cursor) {
        return parser.parser.parse(parser.distinct[cursor.next(parser.distinct.length)].receive());
    }
}
