package dev.tokenmanager.jwt;

import java.security.Key;
import java.util.Objects;

/** A key that may verify tokens: the {@code kid} it is named by, the one algorithm it verifies, the key itself. */
public record VerificationKey(String kid, String algorithm, Key key) {

    public VerificationKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
    }
}
