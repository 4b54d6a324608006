package dev.tokenmanager.jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An access token whose size, shape, algorithm, signature and claims all passed; its session is not checked yet.
 *
 * @param claims every claim of the token, as jose4j parsed them (unmodifiable)
 */
public record VerifiedToken(
        String subject,
        String username,
        List<String> groups,
        String sessionId,
        String tokenId,
        Instant issuedAt,
        Instant expiresAt,
        Map<String, Object> claims) {

    public VerifiedToken {
        groups = List.copyOf(groups);
        claims = Map.copyOf(claims);
    }
}
