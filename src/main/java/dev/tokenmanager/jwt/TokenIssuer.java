package dev.tokenmanager.jwt;

import dev.tokenmanager.crypto.RandomIds;
import java.time.Instant;
import java.util.List;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

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
        String tokenId = RandomIds.newId();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(subject);
        claims.setClaim("upn", username);
        claims.setStringListClaim("groups", groups);
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        claims.setJwtId(tokenId);
        claims.setClaim("sid", sessionId);

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(key.algorithm());
        jws.setKeyIdHeaderValue(key.kid());
        jws.setHeader("typ", "JWT");
        jws.setKey(key.signingKey().orElseThrow(() -> new IllegalStateException(
                "key " + key.kid() + " can only verify, not sign")));
        try {
            return new IssuedToken(jws.getCompactSerialization(), tokenId,
                    Instant.ofEpochSecond(issuedAt.getEpochSecond()), Instant.ofEpochSecond(expiresAt.getEpochSecond()));
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign with key " + key.kid(), e);
        }
    }
}
