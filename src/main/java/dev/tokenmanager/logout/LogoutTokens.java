package dev.tokenmanager.logout;

import dev.tokenmanager.crypto.RandomIds;
import dev.tokenmanager.jwt.JwsSigner;
import dev.tokenmanager.jwt.SigningKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Signs logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.4): header {@code typ: logout+jwt}, {@code alg} and
 * {@code kid} of the signing key; claims {@code iss}, {@code aud} (the client id), {@code iat}, {@code exp},
 * {@code jti}, {@code sid}, {@code sub} and the back-channel logout event; never a {@code nonce}.
 */
public final class LogoutTokens {

    /** The member of {@code events} that makes a JWT a logout token. */
    public static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    /** The {@code typ} header of logout tokens. */
    public static final String TYPE = "logout+jwt";

    private final String issuer;
    private final Duration lifetime;

    public LogoutTokens(String issuer, Duration lifetime) {
        this.issuer = issuer;
        this.lifetime = lifetime;
    }

    /**
     * A logout token for {@code clientId} saying that session {@code sessionId} of {@code subject} ended, issued
     * {@code now}; each call has its own {@code jti}.
     */
    public String sign(SigningKey key, String clientId, String subject, String sessionId, Instant now) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(clientId);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(lifetime).getEpochSecond()));
        claims.setJwtId(RandomIds.newId());
        claims.setSubject(subject);
        claims.setClaim("sid", sessionId);
        claims.setClaim("events", Map.of(EVENT, Map.of()));

        return JwsSigner.sign(key, TYPE, claims);
    }
}
