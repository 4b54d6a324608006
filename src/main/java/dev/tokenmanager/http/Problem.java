package dev.tokenmanager.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;

/**
 * An RFC 9457 problem: {@code {"type","title","status","detail"}}. Titles and details are written for the caller
 * and never hold a secret, a stack trace, SQL or a class name.
 */
public record Problem(String type, String title, int status, String detail) {

    /** The media type of every error answer. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private static final String TYPE_PREFIX = "urn:token-manager:problem:";

    private static final Map<Integer, String> TITLES = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
            Map.entry(409, "Conflict"), Map.entry(413, "Content Too Large"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(503, "Service Unavailable"));

    /** A problem whose type is {@code urn:token-manager:problem:<slug>}. */
    public static Problem of(int status, String slug, String detail) {
        return new Problem(TYPE_PREFIX + slug, titleOf(status), status, detail);
    }

    /** A problem for a plain HTTP status, with a standard detail: for what the container or JAX-RS refuse. */
    public static Problem ofStatus(int status) {
        String detail = switch (status) {
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "The requested media type cannot be produced.";
            case 413 -> "The request is too large.";
            case 415 -> "Send application/json (or a form where the API allows one).";
            default -> status >= 500 ? "The server could not answer this request." : "The request cannot be processed.";
        };
        return of(status, "http-" + status, detail);
    }

    /** The standard reason phrase of {@code status}. */
    public static String titleOf(int status) {
        return TITLES.getOrDefault(status, status >= 500 ? "Server Error" : "Client Error");
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = Jsons.createObjectBuilder()
                .add("type", type)
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            json.add("detail", detail);
        }
        return json.build();
    }
}
