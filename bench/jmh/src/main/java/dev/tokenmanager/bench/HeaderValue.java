package dev.tokenmanager.bench;

import java.nio.charset.StandardCharsets;

/**
 * A request header's value as the server hands it over: a new String on every request. Presenting one String
 * instance again and again would flatter every map keyed by it, since a String computes its hash only once.
 */
final class HeaderValue {

    private final byte[] bytes;

    HeaderValue(String value) {
        bytes = value.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The value as one more request brings it. */
    String receive() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
