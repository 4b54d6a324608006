package dev.tokenmanager.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;

/** Checks that an answer is the problem+json a client should get. */
public final class ProblemAssert {

    private ProblemAssert() {
    }

    /** {@code reply} has {@code status} and an RFC 9457 body without internals. */
    public static JsonObject assertProblem(Reply reply, int status) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
        assertThat(reply.contentType()).as("content type of %s", reply).startsWith("application/problem+json");
        JsonObject problem = reply.json();
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("type")).isNotBlank();
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(reply.body()).doesNotContainIgnoringCase("exception").doesNotContain("at dev.")
                .doesNotContainIgnoringCase("select ").doesNotContain("java.");
        return problem;
    }

    /** A 401 for a refused token: problem body and {@code WWW-Authenticate: Bearer ... error="invalid_token"}. */
    public static void assertInvalidToken(Reply reply) {
        assertProblem(reply, 401);
        assertThat(reply.header("WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"token-manager\", error=\"invalid_token\"");
    }
}
