package dev.tokenmanager.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A registered client's id and secret as HTTP Basic carries them ({@code client_secret_basic}, RFC 6749 section
 * 2.3.1: {@code Basic base64(urlencode(client_id) ":" urlencode(secret))}). Never printed with its secret.
 */
public record ClientCredentials(String clientId, String secret) {

    private static final String SCHEME = "basic ";

    /** The credentials of an {@code Authorization: Basic} header; empty for another scheme or a malformed one. */
    public static Optional<ClientCredentials> fromBasic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(authorization.substring(SCHEME.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        try {
            String clientId = URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
            return Optional.of(new ClientCredentials(clientId,
                    URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + "]";
    }
}
