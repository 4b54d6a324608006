package dev.tokenmanager.api;

import dev.tokenmanager.http.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads request bodies strictly: anything unexpected is a 400 naming the field. */
final class Bodies {

    private Bodies() {
    }

    /** The JSON object {@code body} holds; 400 when it is empty, not JSON, or not an object. */
    static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("The request body must be a JSON object.");
        }
        try (JsonReader reader = Jsons.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ProblemException.badRequest("The request body must be a JSON object.");
            }
            return value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            throw ProblemException.badRequest("The request body is not valid JSON.");
        }
    }

    /** The string member {@code name}, empty when absent or null; 400 when it holds another type. */
    static Optional<String> string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw ProblemException.badRequest("'" + name + "' must be a string.");
        }
        return Optional.of(((JsonString) value).getString());
    }

    /** The boolean member {@code name}, empty when absent or null; 400 when it holds another type. */
    static Optional<Boolean> bool(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw ProblemException.badRequest("'" + name + "' must be true or false.");
        }
        return Optional.of(value == JsonValue.TRUE);
    }

    /** The member {@code name} as an array of strings, empty when absent or null; 400 when it is anything else. */
    static Optional<List<String>> strings(JsonObject object, String name, String what) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY || !value.asJsonArray().stream()
                .allMatch(item -> item.getValueType() == JsonValue.ValueType.STRING)) {
            throw ProblemException.badRequest("'" + name + "' must be an array of " + what + ".");
        }
        return Optional.of(value.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString)
                .toList());
    }

    /** 400 unless every member of {@code object} is one of {@code allowed}. */
    static void onlyMembers(JsonObject object, Set<String> allowed, String hint) {
        for (String member : object.keySet()) {
            if (!allowed.contains(member)) {
                throw ProblemException.badRequest("'" + member + "' is not accepted here; send any of " + hint + ".");
            }
        }
    }

    /** The string member {@code name}; 400 when absent, blank or longer than {@code maxLength}. */
    static String requiredString(JsonObject object, String name, int maxLength) {
        return required(string(object, name).orElse(null), name, maxLength);
    }

    /** {@code value} checked as a required field: 400 when absent, blank or longer than {@code maxLength}. */
    static String required(String value, String name, int maxLength) {
        if (value == null || value.isEmpty()) {
            throw ProblemException.badRequest("'" + name + "' is required.");
        }
        if (value.length() > maxLength) {
            throw ProblemException.badRequest("'" + name + "' must be at most " + maxLength + " characters.");
        }
        return value;
    }
}
