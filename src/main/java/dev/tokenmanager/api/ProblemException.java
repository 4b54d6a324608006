package dev.tokenmanager.api;

import dev.tokenmanager.http.Problem;
import java.util.Map;

/** Ends a request with a problem answer. */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(int status, String slug, String detail) {
        this(Problem.of(status, slug, detail), Map.of());
    }

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "invalid-request", detail);
    }

    /** 429 with {@code Retry-After}, in whole seconds rounded up. */
    public static ProblemException throttled(java.time.Duration wait, String what) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new ProblemException(Problem.of(429, "login-throttled",
                "Too many " + what + "; try again in " + seconds + " seconds."),
                Map.of("Retry-After", Long.toString(seconds)));
    }

    public static ProblemException notFound() {
        return new ProblemException(404, "not-found", "No such resource.");
    }
}
