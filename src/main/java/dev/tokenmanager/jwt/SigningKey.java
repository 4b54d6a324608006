package dev.tokenmanager.jwt;

import java.security.Key;
import java.util.Objects;
import java.util.Optional;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * A key that signs access tokens, with the key that verifies them.
 *
 * @param signingKey the private key, or the HMAC secret; absent when only the public part could be read
 */
public record SigningKey(String kid, String algorithm, Optional<Key> signingKey, Key verificationKey) {

    public SigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(verificationKey, "verificationKey");
    }

    public VerificationKey verification() {
        return new VerificationKey(kid, algorithm, verificationKey);
    }

    /** Whether other services can verify with a published key: false for HMAC, whose key is secret. */
    public boolean isPublishable() {
        return !algorithm.startsWith("HS");
    }

    /** The public JWK with {@code kid}, {@code alg} and {@code use}, for the JWKS; empty for an HMAC key. */
    public Optional<String> publicJwkJson() {
        if (!isPublishable()) {
            return Optional.empty();
        }
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(verificationKey);
            jwk.setKeyId(kid);
            jwk.setAlgorithm(algorithm);
            jwk.setUse("sig");
            return Optional.of(jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } catch (JoseException e) {
            throw new IllegalStateException("public key of " + kid + " cannot be written as a JWK", e);
        }
    }
}
