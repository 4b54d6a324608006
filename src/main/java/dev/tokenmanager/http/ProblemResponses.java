package dev.tokenmanager.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes problems straight to a servlet response, for answers given before JAX-RS is reached. */
public final class ProblemResponses {

    /** The realm named in every {@code WWW-Authenticate} challenge. */
    public static final String BEARER_CHALLENGE = "Bearer realm=\"token-manager\"";
    /** The challenge when a presented token was refused (RFC 6750). */
    public static final String INVALID_TOKEN_CHALLENGE = BEARER_CHALLENGE + ", error=\"invalid_token\"";

    /** What a client gets while the database is away, with {@code Retry-After: }{@link #DATABASE_RETRY_AFTER_SECONDS}. */
    public static final Problem DATABASE_UNAVAILABLE = Problem.of(503, "database-unavailable",
            "The server cannot reach its database; try again shortly.");
    public static final String DATABASE_RETRY_AFTER_SECONDS = "5";

    private ProblemResponses() {
    }

    /** Writes {@code problem} as the whole response and commits it. */
    public static void write(HttpServletResponse response, Problem problem) throws IOException {
        byte[] body = problem.toJson().toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** Writes the answer for a request the database could not serve: 503 with {@code Retry-After}. */
    public static void writeDatabaseUnavailable(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", DATABASE_RETRY_AFTER_SECONDS);
        write(response, DATABASE_UNAVAILABLE);
    }
}
