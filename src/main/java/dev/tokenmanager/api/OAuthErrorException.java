package dev.tokenmanager.api;

import dev.tokenmanager.http.Jsons;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.Map;

/**
 * Ends a request at an OAuth endpoint with the error JSON of RFC 6749 §5.2: {@code {"error","error_description"}},
 * never a token or a secret in the description.
 */
public final class OAuthErrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final transient Map<String, String> headers;

    public OAuthErrorException(int status, String error, String description) {
        this(status, error, description, Map.of());
    }

    private OAuthErrorException(int status, String error, String description, Map<String, String> headers) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    public static OAuthErrorException invalidRequest(String description) {
        return new OAuthErrorException(400, "invalid_request", description);
    }

    public static OAuthErrorException invalidGrant(String description) {
        return new OAuthErrorException(400, "invalid_grant", description);
    }

    /**
     * {@code invalid_client} (RFC 6749 §5.2): 400 for a client that is unknown or disabled, 401 for one that failed to
     * prove itself with its secret.
     */
    public static OAuthErrorException invalidClient(int status, String description) {
        return new OAuthErrorException(status, "invalid_client", description);
    }

    /** 503 {@code temporarily_unavailable} with {@code Retry-After}. */
    public static OAuthErrorException temporarilyUnavailable(String description, Duration retryAfter) {
        return new OAuthErrorException(503, "temporarily_unavailable", description,
                Map.of("Retry-After", Long.toString(retryAfter.toSeconds())));
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** Writes the exception as its answer. */
    @Provider
    public static class Mapper implements ExceptionMapper<OAuthErrorException> {
        @Override
        public Response toResponse(OAuthErrorException exception) {
            Response.ResponseBuilder response = Response.status(exception.status)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .header("Cache-Control", "no-store")
                    .header("Pragma", "no-cache")
                    .entity(Jsons.createObjectBuilder().add("error", exception.error)
                            .add("error_description", exception.getMessage()).build().toString());
            exception.headers.forEach(response::header);
            return response.build();
        }
    }
}
