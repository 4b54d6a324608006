package dev.tokenmanager.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.Map;
import java.util.stream.Collectors;

/** A MicroProfile Health answer as an operator's probe reads it: the overall status and each named check's. */
public record Health(int httpStatus, String status, Map<String, String> checks) {

    /** Reads {@code {"status","checks":[{"name","status"}]}}, failing the test when the answer is not that. */
    public static Health of(Reply reply) {
        assertThat(reply.contentType()).as("content type of %s", reply).startsWith("application/json");
        JsonObject body = reply.json();
        Map<String, String> checks = body.getJsonArray("checks").stream().map(JsonObject.class::cast)
                .collect(Collectors.toMap(check -> check.getString("name"), check -> check.getString("status")));
        return new Health(reply.status(), body.getString("status"), checks);
    }

    /** Whether the answer is {@code 200} with status UP, and the named check among them, UP. */
    public boolean isUpWith(String check) {
        return httpStatus == 200 && "UP".equals(status) && "UP".equals(checks.get(check));
    }

    /** Whether the answer is {@code 503} with status DOWN, the named check DOWN. */
    public boolean isDownFor(String check) {
        return httpStatus == 503 && "DOWN".equals(status) && "DOWN".equals(checks.get(check));
    }
}
