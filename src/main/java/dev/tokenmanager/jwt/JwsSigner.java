package dev.tokenmanager.jwt;

import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/** Signs claims as a compact JWS with header {@code alg}, {@code kid} and {@code typ}: every JWT we issue. */
public final class JwsSigner {

    private JwsSigner() {
    }

    /** {@code claims} signed with {@code key}, the header naming its algorithm, its id and {@code type}. */
    public static String sign(SigningKey key, String type, JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(key.algorithm());
        jws.setKeyIdHeaderValue(key.kid());
        jws.setHeader("typ", type);
        jws.setKey(key.signingKey().orElseThrow(() -> new IllegalStateException(
                "key " + key.kid() + " can only verify, not sign")));
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign with key " + key.kid(), e);
        }
    }
}
