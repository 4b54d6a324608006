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
}
