package dev.tokenmanager.identity.oidc;

import dev.tokenmanager.jwt.TokenFormat;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Verifies the tokens a provider signs, with jose4j: ID tokens (OpenID Connect Core §3.1.3.7) and back-channel logout
 * tokens (Back-Channel Logout 1.0 §2.6). The size and shape come first, then the header (the algorithm on the
 * provider's allow-list, which never holds {@code none} or an HMAC; no header that names or carries a key), then the
 * signature with the provider's key of that {@code kid} and type, then {@code iss}, {@code aud} (our client id),
 * {@code exp} and {@code iat} with the clock skew.
 */
public final class ProviderTokens {

    /** The largest provider token accepted, in characters (ID tokens with many groups are larger than ours). */
    public static final int MAX_LENGTH = 16 * 1024;

    /** The event that makes a JWT a logout token. */
    static final String BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private final Duration clockSkew;

    public ProviderTokens(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    /**
     * The issuer a token names, read without verifying anything: only to pick the provider whose rules then verify
     * it. Empty when the token is not a compact JWS with an {@code iss}.
     */
    public static Optional<String> unverifiedIssuer(String token) {
        if (!TokenFormat.isCompactJws(token, MAX_LENGTH)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> claims = JsonUtil.parseJson(decode(token.split("\\.")[1]));
            return claims != null && claims.get("iss") instanceof String iss ? Optional.of(iss) : Optional.empty();
        } catch (JoseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The claims of an ID token {@code provider} issued for us; with {@code nonceCheck}, its {@code nonce} must
     * satisfy it (the nonce we sent, compared by hash).
     */
    public JwtClaims verifyIdToken(Provider provider, String token, Optional<Predicate<String>> nonceCheck)
            throws ProviderTokenException, ProviderUnavailableException {
        JwtClaims claims = verify(provider, token, Set.of("JWT"), true);
        try {
            if (claims.getSubject() == null || claims.getSubject().isEmpty()) {
                throw new ProviderTokenException("the ID token has no sub");
            }
            if (claims.hasClaim("events")) {
                throw new ProviderTokenException("a logout token is not an ID token");
            }
            if (claims.getAudience().size() > 1 && claims.hasClaim("azp")
                    && !provider.settings().clientId().equals(claims.getStringClaimValue("azp"))) {
                throw new ProviderTokenException("the ID token was authorized for another party (azp)");
            }
            if (nonceCheck.isPresent()) {
                String nonce = claims.hasClaim("nonce") ? claims.getStringClaimValue("nonce") : null;
                if (nonce == null || !nonceCheck.get().test(nonce)) {
                    throw new ProviderTokenException("the ID token's nonce is not the one sent");
                }
            }
            return claims;
        } catch (MalformedClaimException e) {
            throw new ProviderTokenException("the ID token has a malformed claim");
        }
    }

    /**
     * The claims of a back-channel logout token: the back-channel logout event, {@code sid} or {@code sub}, no
     * {@code nonce}, a {@code jti}; header {@code typ} absent, {@code JWT} or {@code logout+jwt}.
     */
    public JwtClaims verifyLogoutToken(Provider provider, String token)
            throws ProviderTokenException, ProviderUnavailableException {
        JwtClaims claims = verify(provider, token, Set.of("JWT", "logout+jwt"), false);
        try {
            if (!(claims.getClaimValue("events") instanceof Map<?, ?> events)
                    || !(events.get(BACKCHANNEL_LOGOUT_EVENT) instanceof Map<?, ?>)) {
                throw new ProviderTokenException("the logout token lacks the back-channel logout event");
            }
            if (claims.hasClaim("nonce")) {
                throw new ProviderTokenException("a logout token must not have a nonce");
            }
            boolean hasSid = claims.hasClaim("sid") && !claims.getStringClaimValue("sid").isEmpty();
            boolean hasSub = claims.getSubject() != null && !claims.getSubject().isEmpty();
            if (!hasSid && !hasSub) {
                throw new ProviderTokenException("the logout token names neither sid nor sub");
            }
            if (claims.getJwtId() == null || claims.getJwtId().isEmpty()) {
                throw new ProviderTokenException("the logout token has no jti");
            }
            return claims;
        } catch (MalformedClaimException e) {
            throw new ProviderTokenException("the logout token has a malformed claim");
        }
    }

    private JwtClaims verify(Provider provider, String token, Set<String> types, boolean idToken)
            throws ProviderTokenException, ProviderUnavailableException {
        if (!TokenFormat.isCompactJws(token, MAX_LENGTH)) {
            throw new ProviderTokenException("not a compact JWS of at most " + MAX_LENGTH + " characters");
        }
        Map<String, Object> header;
        try {
            header = JsonUtil.parseJson(decode(token.substring(0, token.indexOf('.'))));
        } catch (JoseException | RuntimeException e) {
            throw new ProviderTokenException("the header is not a JSON object");
        }
        if (header == null) {
            throw new ProviderTokenException("the header is not a JSON object");
        }
        for (String name : TokenFormat.REFUSED_HEADERS) {
            if (header.containsKey(name)) {
                throw new ProviderTokenException("header parameter " + name + " is not accepted");
            }
        }
        if (header.get("typ") != null && !types.contains(String.valueOf(header.get("typ")))) {
            throw new ProviderTokenException("typ " + header.get("typ") + " is not accepted here");
        }
        if (!(header.get("alg") instanceof String alg) || !provider.settings().algorithms().contains(alg)) {
            throw new ProviderTokenException("alg is not on the provider's allow-list");
        }
        String kid = header.get("kid") instanceof String value ? value : null;
        Key key = provider.verificationKey(kid, alg)
                .orElseThrow(() -> new ProviderTokenException("the provider has no key " + kid + " for " + alg));
        VerificationKeyResolver resolver = (JsonWebSignature jws, java.util.List<JsonWebStructure> nesting) -> {
            if (!alg.equals(jws.getAlgorithmHeaderValue())) {
                throw new UnresolvableKeyException("alg changed");
            }
            return key;
        };
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setVerificationKeyResolver(resolver)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg)
                .setExpectedIssuer(true, provider.settings().issuer().toString())
                .setExpectedAudience(true, provider.settings().clientId())
                .setRequireIssuedAt()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(Math.toIntExact(clockSkew.toSeconds()));
        if (idToken) {
            builder.setRequireSubject();
        }
        JwtConsumer consumer = builder.build();
        try {
            return consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            // jose4j's message quotes the claims: say only which rule failed.
            throw new ProviderTokenException(reasonOf(e));
        }
    }

    private static String reasonOf(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "the token has expired";
        }
        if (e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.SIGNATURE_INVALID)
                || e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.SIGNATURE_MISSING)) {
            return "the signature is not the provider's";
        }
        if (e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.AUDIENCE_INVALID)
                || e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.AUDIENCE_MISSING)) {
            return "the token is for another audience";
        }
        if (e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.ISSUER_INVALID)
                || e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.ISSUER_MISSING)) {
            return "the token is from another issuer";
        }
        if (e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.ISSUED_AT_MISSING)
                || e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.ISSUED_AT_INVALID_FUTURE)
                || e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.NOT_YET_VALID)) {
            return "the token's iat or nbf is missing or in the future";
        }
        return "the token's claims are not acceptable";
    }

    private static String decode(String segment) {
        return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
    }
}
