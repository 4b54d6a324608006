package dev.tokenmanager.jwt;

import dev.tokenmanager.jwt.InvalidTokenException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;
import org.jose4j.json.JsonUtil;

/**
 * Verifies an access token without touching a database: size and shape, then the header ({@code alg} on the
 * allow-list and matching the key named by {@code kid}), then the signature, then {@code exp}, {@code nbf},
 * {@code iat}, {@code iss} and the required claims. Thread-safe.
 */
public final class TokenVerifier {

    private final String issuer;
    private final int clockSkewSeconds;
    private final Set<String> allowedAlgorithms;
    private final Function<String, Optional<VerificationKey>> keys;
    private final Map<String, KeyedConsumer> consumers = new ConcurrentHashMap<>();

    /**
     * @param issuer            the only accepted {@code iss}
     * @param clockSkew         how far {@code exp}, {@code nbf} and {@code iat} may be off
     * @param allowedAlgorithms the algorithms a token may name
     * @param keys              finds the key a {@code kid} names, if it may still verify tokens
     */
    public TokenVerifier(String issuer, Duration clockSkew, Set<String> allowedAlgorithms,
                         Function<String, Optional<VerificationKey>> keys) {
        this.issuer = issuer;
        this.clockSkewSeconds = Math.toIntExact(clockSkew.toSeconds());
        this.allowedAlgorithms = Set.copyOf(allowedAlgorithms);
        this.keys = keys;
    }

    /** Answers the verified token, or throws saying which rule {@code token} broke. */
    public VerifiedToken verify(String token) throws InvalidTokenException {
        if (!TokenFormat.isCompactJws(token)) {
            throw new InvalidTokenException(Reason.MALFORMED, "not a compact JWS of at most "
                    + TokenFormat.MAX_LENGTH + " characters");
        }
        VerificationKey key = keyFor(header(token));
        JwtClaims claims;
        try {
            claims = consumerFor(key).processToClaims(token);
        } catch (InvalidJwtException e) {
            throw new InvalidTokenException(reasonOf(e), "token refused");
        }
        return toVerifiedToken(claims);
    }

    private static Map<String, Object> header(String token) throws InvalidTokenException {
        String encoded = token.substring(0, token.indexOf('.'));
        try {
            String json = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            Map<String, Object> parsed = JsonUtil.parseJson(json);
            if (parsed == null) {
                throw new InvalidTokenException(Reason.MALFORMED, "header is not a JSON object");
            }
            return parsed;
        } catch (JoseException | RuntimeException e) {
            throw new InvalidTokenException(Reason.MALFORMED, "header is not a JSON object");
        }
    }

    private VerificationKey keyFor(Map<String, Object> header) throws InvalidTokenException {
        for (String name : TokenFormat.REFUSED_HEADERS) {
            if (header.containsKey(name)) {
                throw new InvalidTokenException(Reason.ALGORITHM, "header parameter " + name + " is not accepted");
            }
        }
        Object typ = header.get("typ");
        if (typ != null && !"JWT".equals(typ)) {
            throw new InvalidTokenException(Reason.ALGORITHM, "typ must be JWT");
        }
        if (!(header.get("alg") instanceof String alg) || !allowedAlgorithms.contains(alg)) {
            throw new InvalidTokenException(Reason.ALGORITHM, "alg is not on the allow-list");
        }
        if (!(header.get("kid") instanceof String kid)) {
            throw new InvalidTokenException(Reason.UNKNOWN_KEY, "kid is missing");
        }
        VerificationKey key = keys.apply(kid)
                .orElseThrow(() -> new InvalidTokenException(Reason.UNKNOWN_KEY, "kid names no key"));
        if (!key.algorithm().equals(alg)) {
            throw new InvalidTokenException(Reason.ALGORITHM, "alg does not match the key");
        }
        return key;
    }

    private JwtConsumer consumerFor(VerificationKey key) {
        KeyedConsumer cached = consumers.get(key.kid());
        if (cached != null && cached.key() == key) {
            return cached.consumer();
        }
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(key.key())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, key.algorithm())
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setIssuedAtRestrictions(0, Integer.MAX_VALUE)
                .setRequireSubject()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(clockSkewSeconds)
                .setExpectedIssuer(true, issuer)
                .setSkipDefaultAudienceValidation()
                .build();
        consumers.put(key.kid(), new KeyedConsumer(key, consumer));
        return consumer;
    }

    private static Reason reasonOf(InvalidJwtException e) {
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return Reason.SIGNATURE;
        }
        if (e.hasExpired()) {
            return Reason.EXPIRED;
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID) || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return Reason.NOT_YET_VALID;
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return Reason.ISSUER;
        }
        if (e.hasErrorCode(ErrorCodes.MALFORMED_CLAIM) || e.hasErrorCode(ErrorCodes.JSON_INVALID)) {
            return Reason.CLAIMS;
        }
        return e.getErrorDetails().isEmpty() ? Reason.MALFORMED : Reason.CLAIMS;
    }

    private static VerifiedToken toVerifiedToken(JwtClaims claims) throws InvalidTokenException {
        try {
            String sid = claims.getStringClaimValue("sid");
            if (!TokenFormat.isBase64Url(sid, TokenFormat.MIN_ID_LENGTH, TokenFormat.MAX_ID_LENGTH)) {
                throw new InvalidTokenException(Reason.CLAIMS, "sid is missing or malformed");
            }
            String username = claims.getStringClaimValue("upn");
            if (username == null || username.isEmpty()) {
                throw new InvalidTokenException(Reason.CLAIMS, "upn is missing");
            }
            List<String> groups = claims.hasClaim("groups") ? claims.getStringListClaimValue("groups") : List.of();
            return new VerifiedToken(claims.getSubject(), username, groups, sid, claims.getJwtId(),
                    Instant.ofEpochSecond(claims.getIssuedAt().getValue()),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()),
                    claims.getClaimsMap());
        } catch (MalformedClaimException | RuntimeException e) {
            throw new InvalidTokenException(Reason.CLAIMS, "a claim is malformed");
        }
    }

    private record KeyedConsumer(VerificationKey key, JwtConsumer consumer) {
    }
}
