package dev.tokenmanager.jwt;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Optional;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/** Generates signing keys and turns them into bytes and back: PKCS#8 for RSA and EC, the raw secret for HMAC. */
public final class KeyMaterial {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyMaterial() {
    }

    /** A generated key: the key itself, and its private part as bytes to be encrypted and stored. */
    public record Generated(SigningKey key, byte[] privateBytes) {
    }

    /** Generates a key for {@code algorithm}: RSA 2048 for RS256, P-256 for ES256, 256 random bits for HS256. */
    public static Generated generate(String algorithm, String kid) {
        try {
            switch (algorithm) {
                case "RS256" -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048, RANDOM);
                    return fromPair(algorithm, kid, generator.generateKeyPair());
                }
                case "ES256" -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                    return fromPair(algorithm, kid, generator.generateKeyPair());
                }
                case "HS256" -> {
                    byte[] secret = new byte[32];
                    RANDOM.nextBytes(secret);
                    HmacKey key = new HmacKey(secret);
                    return new Generated(new SigningKey(kid, algorithm, Optional.of(key), key), secret.clone());
                }
                default -> throw new IllegalArgumentException("unsupported algorithm " + algorithm);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        }
    }

    /**
     * Rebuilds a stored key.
     *
     * @param privateBytes the decrypted private part, or empty when it could not be decrypted (verify-only key)
     * @param publicJwk    the stored public JWK (null for HMAC)
     */
    public static SigningKey restore(String kid, String algorithm, Optional<byte[]> privateBytes, String publicJwk) {
        try {
            if (algorithm.startsWith("HS")) {
                byte[] secret = privateBytes.orElseThrow(() -> new IllegalStateException(
                        "HMAC key " + kid + " cannot be read: its secret could not be decrypted"));
                HmacKey key = new HmacKey(secret);
                return new SigningKey(kid, algorithm, Optional.of(key), key);
            }
            Key publicKey = PublicJsonWebKey.Factory.newPublicJwk(publicJwk).getPublicKey();
            KeyFactory factory = KeyFactory.getInstance(algorithm.startsWith("RS") ? "RSA" : "EC");
            Optional<Key> privateKey = privateBytes.map(bytes -> privateKey(factory, bytes));
            return new SigningKey(kid, algorithm, privateKey, publicKey);
        } catch (JoseException | GeneralSecurityException e) {
            throw new IllegalStateException("stored key " + kid + " cannot be read", e);
        }
    }

    private static Key privateKey(KeyFactory factory, byte[] bytes) {
        try {
            return factory.generatePrivate(new PKCS8EncodedKeySpec(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored private key cannot be read", e);
        }
    }

    private static Generated fromPair(String algorithm, String kid, KeyPair pair) {
        PrivateKey privateKey = pair.getPrivate();
        return new Generated(new SigningKey(kid, algorithm, Optional.of(privateKey), pair.getPublic()),
                privateKey.getEncoded());
    }
}
