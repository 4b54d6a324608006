package dev.tokenmanager.jwt;

import dev.tokenmanager.crypto.RandomIds;
import java.time.Instant;
import java.util.List;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/** Signs access tokens: header {@code alg}, {@code kid}, {@code typ}; claims as in the API contract. */
public final class TokenIssuer {

    private final String issuer;
    private final List<String> audience;

    /**
     * @param audience the {@code aud} of every token (RFC 8725 §3.9): one value is written as a string, several as
     *                 an array
     */
    public TokenIssuer(String issuer, List<String> audience) {
        this.issuer = issuer;
        this.audience = List.copyOf(audience);
    }

    /**
     * Signs a token for one session.
     *
     * @param subject   the account id ({@code sub})
     * @param username  the username ({@code upn})
     * @param groups    the account's groups when the token is issued ({@code groups}, a snapshot for other services)
     * @param sessionId the session lookup id ({@code sid})
     */
    public IssuedToken issue(SigningKey key, String subject, String username, List<String> groups, String sessionId,
                             Instant issuedAt, Instant expiresAt) {
        return issue(key, subject, username, groups, sessionId, null, null, issuedAt, expiresAt);
    }

    /**
     * Signs a token for one session of a registered client.
     *
     * @param clientId       the session's client ({@code client_id}), or null for none
     * @param clientAudience the client's audience ({@code aud} instead of the issuer's default), or null for the
     *                       default
     */
    public IssuedToken issue(SigningKey key, String subject, String username, List<String> groups, String sessionId,
                             String clientId, String clientAudience, Instant issuedAt, Instant expiresAt) {
        String tokenId = RandomIds.newId();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(clientAudience != null ? List.of(clientAudience) : audience);
        claims.setSubject(subject);
        claims.setClaim("upn", username);
        claims.setStringListClaim("groups", groups);
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        claims.setJwtId(tokenId);
        claims.setClaim("sid", sessionId);
        if (clientId != null) {
            claims.setClaim("client_id", clientId);
        }

        return new IssuedToken(JwsSigner.sign(key, "JWT", claims), tokenId,
                Instant.ofEpochSecond(issuedAt.getEpochSecond()), Instant.ofEpochSecond(expiresAt.getEpochSecond()));
    }
}
