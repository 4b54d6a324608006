package dev.tokenmanager.bench;

import dev.tokenmanager.config.Settings;
import dev.tokenmanager.crypto.RandomIds;
import dev.tokenmanager.jwt.KeyMaterial;
import dev.tokenmanager.jwt.SigningKey;
import dev.tokenmanager.jwt.TokenIssuer;
import dev.tokenmanager.jwt.TokenVerifier;
import dev.tokenmanager.jwt.VerificationKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A freshly generated signing key, with an issuer and a verifier wired to it as the application wires its own. */
final class TokenFixture {

    /** Longer than any run, so that no token expires while it is measured; the claims' size does not change. */
    private static final Duration LIFETIME = Duration.ofHours(12);

    private final SigningKey key;
    private final TokenIssuer issuer;
    private final TokenVerifier verifier;

    TokenFixture(Settings settings, String algorithm) {
        key = KeyMaterial.generate(algorithm, RandomIds.newId()).key();
        VerificationKey verification = key.verification();
        issuer = new TokenIssuer(settings.issuer(), settings.audience());
        // As TokenServices builds it, with a one-key map in place of SigningKeys::find (also a map lookup).
        verifier = new TokenVerifier(settings.issuer(), settings.clockSkew(), Set.copyOf(Settings.ALGORITHMS),
                kid -> kid.equals(verification.kid()) ? Optional.of(verification) : Optional.empty());
    }

    TokenVerifier verifier() {
        return verifier;
    }

    /** A genuine access token for a session, as a login issues it. */
    String issue(String accountId, String username, List<String> groups, String sessionId) {
        Instant now = Instant.now();
        return issuer.issue(key, accountId, username, groups, sessionId, now, now.plus(LIFETIME)).token();
    }

    /** A genuine access token for a made-up session, for benchmarks that never look the session up. */
    String issue() {
        return issue("8d0f6f4e-0c59-4a8e-9d1b-3f0a6c2e7b11", "alice", List.of("user"), RandomIds.newId());
    }
}
