package dev.tokenmanager.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reads raw MicroProfile Config values into typed ones; every error names its property. */
public record ConfigReader(Function<String, Optional<String>> lookup) {

    public Optional<String> optional(String name) {
        return lookup.apply(name).map(String::trim).filter(value -> !value.isEmpty());
    }

    public String string(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalArgumentException(name + " must be set"));
    }

    public boolean bool(String name, boolean fallback) {
        String value = string(name, Boolean.toString(fallback));
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(name + " must be true or false, not " + value);
        }
        return Boolean.parseBoolean(value);
    }

    public Duration duration(String name, String fallback) {
        return parseDuration(name, string(name, fallback));
    }

    public Optional<Duration> optionalDuration(String name) {
        return optional(name).map(value -> parseDuration(name, value));
    }

    public int integer(String name, int fallback) {
        String value = string(name, Integer.toString(fallback));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not " + value, e);
        }
    }

    public List<String> list(String name) {
        return optional(name)
                .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    static Duration parseDuration(String name, String value) {
        try {
            return Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT15M, not " + value, e);
        }
    }

    /** Throws unless {@code value} is a positive duration. */
    public static void requirePositive(String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
