package dev.tokenmanager.api;

import jakarta.ws.rs.core.MediaType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads one field from a body that may be JSON, a form, or absent (for endpoints that also take a header). */
final class FormOrJson {

    private FormOrJson() {
    }

    /** The field {@code name}; 400 for a malformed body, 415 for a body of another media type. */
    static Optional<String> field(String contentType, String body, String name) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return Bodies.string(Bodies.object(body), name);
        }
        if (type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            for (String pair : body.split("&")) {
                int equals = pair.indexOf('=');
                String key = decode(equals < 0 ? pair : pair.substring(0, equals));
                if (key.equals(name)) {
                    return Optional.of(equals < 0 ? "" : decode(pair.substring(equals + 1)));
                }
            }
            return Optional.empty();
        }
        throw new ProblemException(415, "http-415", "Send application/json or a form.");
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("The form body is malformed.");
        }
    }
}
