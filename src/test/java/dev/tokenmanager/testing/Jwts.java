package dev.tokenmanager.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.util.Base64;
import java.util.function.Consumer;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/** JWTs in tests: signing any payload the way an attacker or a test needs, and reading a token's parts. */
public final class Jwts {

    private Jwts() {
    }

    /**
     * A compact JWS of {@code payload} with header {@code alg}, {@code kid} (unless null) and {@code typ: JWT}, signed
     * with {@code key} (weak or mismatched keys allowed: tests sign what a server must refuse); {@code adjust} may
     * change the header or the payload before signing.
     */
    public static String sign(String payload, String alg, String kid, Key key, Consumer<JsonWebSignature> adjust) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payload);
        jws.setAlgorithmHeaderValue(alg);
        if (kid != null) {
            jws.setKeyIdHeaderValue(kid);
        }
        jws.setHeader("typ", "JWT");
        adjust.accept(jws);
        jws.setKey(key);
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign the test token", e);
        }
    }

    /** {@code text} in base64url without padding, as JWS segments are. */
    public static String b64url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The header of a compact JWS, as JSON. */
    public static JsonObject header(String token) {
        return segment(token, 0);
    }

    /** The claims of a compact JWS, as JSON (not verified). */
    public static JsonObject claims(String token) {
        return segment(token, 1);
    }

    private static JsonObject segment(String token, int index) {
        String json = new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(json)).readObject();
    }
}
