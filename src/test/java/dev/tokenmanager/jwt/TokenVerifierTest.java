package dev.tokenmanager.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmanager.jwt.InvalidTokenException.Reason;
import dev.tokenmanager.testing.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per rule of the verifier, from claims signed inside the test. */
class TokenVerifierTest {

    private static final String ISSUER = "token-manager-test";
    private static final String KID = "test-key-1";
    private static final String SID = "AAAAAAAAAAAAAAAAAAAAAA";
    private static KeyPair rsa;
    private static TokenVerifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
        VerificationKey key = new VerificationKey(KID, "RS256", rsa.getPublic());
        verifier = new TokenVerifier(ISSUER, Duration.ofSeconds(10), Set.of("RS256", "ES256", "HS256"),
                kid -> KID.equals(kid) ? Optional.of(key) : Optional.empty());
    }

    private static JwtClaims claims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject("account-1");
        claims.setClaim("upn", "alice");
        claims.setStringListClaim("groups", "user");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setGeneratedJwtId();
        claims.setClaim("sid", SID);
        return claims;
    }

    private static String sign(JwtClaims claims) throws Exception {
        return sign(claims.toJson(), Map.of());
    }

    private static String sign(String payload, Map<String, Object> extraHeaders) {
        return Jwts.sign(payload, AlgorithmIdentifiers.RSA_USING_SHA256, KID, rsa.getPrivate(),
                jws -> extraHeaders.forEach(jws::setHeader));
    }

    private static void assertRefused(String token, Reason reason) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(InvalidTokenException.class)
                .extracting(e -> ((InvalidTokenException) e).reason())
                .isEqualTo(reason);
    }

    @Test
    void validTokenIsAccepted() throws Exception {
        VerifiedToken token = verifier.verify(sign(claims()));
        assertThat(token.sessionId()).isEqualTo(SID);
        assertThat(token.username()).isEqualTo("alice");
        assertThat(token.subject()).isEqualTo("account-1");
        assertThat(token.groups()).containsExactly("user");
    }

    @Test
    void issuerOutputIsAccepted() throws Exception {
        SigningKey key = new SigningKey(KID, "RS256", Optional.of(rsa.getPrivate()), rsa.getPublic());
        Instant now = Instant.now();
        IssuedToken issued = new TokenIssuer(ISSUER, List.of(ISSUER)).issue(key, "account-1", "alice",
                List.of("admin"), SID, now, now.plusSeconds(60));
        VerifiedToken verified = verifier.verify(issued.token());
        assertThat(verified.tokenId()).isEqualTo(issued.tokenId());
        assertThat(verified.groups()).containsExactly("admin");
        assertThat(issued.toString()).doesNotContain(issued.token());
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void algNoneIsRefusedInAnyCase(String alg) throws Exception {
        String header = Jwts.b64url("{\"alg\":\"" + alg + "\",\"kid\":\"" + KID + "\",\"typ\":\"JWT\"}");
        String payload = Jwts.b64url(claims().toJson());
        assertRefused(header + "." + payload + ".c2ln", Reason.ALGORITHM);
    }

    @Test
    void algNoneWithEmptySignatureIsRefused() throws Exception {
        String header = Jwts.b64url("{\"alg\":\"none\",\"kid\":\"" + KID + "\"}");
        assertRefused(header + "." + Jwts.b64url(claims().toJson()) + ".", Reason.MALFORMED);
    }

    @Test
    void hs256SignedWithThePublicKeyAsPemIsRefused() throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(rsa.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        assertRefused(hmacSigned(pem.getBytes(StandardCharsets.UTF_8)), Reason.ALGORITHM);
    }

    @Test
    void hs256SignedWithThePublicKeyAsJwkIsRefused() throws Exception {
        String jwk = PublicJsonWebKey.Factory.newPublicJwk(rsa.getPublic())
                .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        assertRefused(hmacSigned(jwk.getBytes(StandardCharsets.UTF_8)), Reason.ALGORITHM);
    }

    private static String hmacSigned(byte[] secret) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims().toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(KID);
        jws.setKey(new HmacKey(secret));
        jws.setDoKeyValidation(false);
        return jws.getCompactSerialization();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../etc/passwd", "x' OR '1'='1", "test-key-1'; DROP TABLE tm_session; --", ""})
    void hostileKidIsRefused(String kid) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims().toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(kid);
        jws.setKey(rsa.getPrivate());
        assertRefused(jws.getCompactSerialization(), Reason.UNKNOWN_KEY);
    }

    @Test
    void missingKidIsRefused() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims().toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKey(rsa.getPrivate());
        assertRefused(jws.getCompactSerialization(), Reason.UNKNOWN_KEY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jku", "x5u", "jwk", "x5c", "crit"})
    void keyFetchingAndCriticalHeadersAreRefused(String header) throws Exception {
        Object value = switch (header) {
            case "jwk" -> PublicJsonWebKey.Factory.newPublicJwk(rsa.getPublic()).toParams(
                    JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            case "x5c" -> List.of("MIIB");
            case "crit" -> List.of("exp");
            default -> "http://127.0.0.1:1/keys";
        };
        assertRefused(sign(claims().toJson(), Map.of(header, value)), Reason.ALGORITHM);
    }

    @Test
    void unknownKidIsRefused() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims().toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue("no-such-key");
        jws.setKey(rsa.getPrivate());
        assertRefused(jws.getCompactSerialization(), Reason.UNKNOWN_KEY);
    }

    @Test
    void algorithmOtherThanTheKeysIsRefused() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims().toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_PSS_USING_SHA256);
        jws.setKeyIdHeaderValue(KID);
        jws.setKey(rsa.getPrivate());
        assertRefused(jws.getCompactSerialization(), Reason.ALGORITHM);
    }

    @Test
    void strippedSignatureIsRefused() throws Exception {
        String token = sign(claims());
        assertRefused(token.substring(0, token.lastIndexOf('.') + 1), Reason.MALFORMED);
    }

    @Test
    void tamperedSignatureIsRefused() throws Exception {
        String token = sign(claims());
        char last = token.charAt(token.length() - 5);
        String tampered = token.substring(0, token.length() - 5) + (last == 'A' ? 'B' : 'A')
                + token.substring(token.length() - 4);
        assertRefused(tampered, Reason.SIGNATURE);
    }

    @Test
    void tamperedPayloadIsRefused() throws Exception {
        String[] parts = sign(claims()).split("\\.");
        JwtClaims admin = claims();
        admin.setStringListClaim("groups", "admin");
        assertRefused(parts[0] + "." + Jwts.b64url(admin.toJson()) + "." + parts[2], Reason.SIGNATURE);
    }

    @Test
    void signatureOfAnotherKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims().toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(KID);
        jws.setKey(generator.generateKeyPair().getPrivate());
        assertRefused(jws.getCompactSerialization(), Reason.SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc.def", "abc.def.ghi.jkl", "abc..ghi", ".def.ghi", "abc.def.", "abc", ""})
    void wrongNumberOfSegmentsIsRefused(String token) {
        assertRefused(token, Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab+c.def.ghi", "abc.de/f.ghi", "abc=.def.ghi", "abc.def.gh i", "abc.dé.ghi",
        "abc.def.ghi\n", "abc.def.g%69"})
    void nonBase64UrlTextIsRefused(String token) {
        assertRefused(token, Reason.MALFORMED);
    }

    @Test
    void paddedTokenIsRefused() throws Exception {
        String[] parts = sign(claims()).split("\\.");
        assertRefused(parts[0] + "==." + parts[1] + "." + parts[2], Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"alg\"", "42", "null", "{\"alg\":", "not json"})
    void headerThatIsNotAJsonObjectIsRefused(String header) throws Exception {
        String[] parts = sign(claims()).split("\\.");
        assertRefused(Jwts.b64url(header) + "." + parts[1] + "." + parts[2], Reason.MALFORMED);
    }

    @Test
    void payloadThatIsNotJsonIsRefused() throws Exception {
        assertThatThrownBy(() -> verifier.verify(sign("this is not json", Map.of())))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void oversizedTokenIsRefusedBeforeParsing() throws Exception {
        JwtClaims claims = claims();
        claims.setClaim("padding", "x".repeat(TokenFormat.MAX_LENGTH));
        assertRefused(sign(claims), Reason.MALFORMED);
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        JwtClaims claims = claims();
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().minusSeconds(600).getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().minusSeconds(60).getEpochSecond()));
        assertRefused(sign(claims), Reason.EXPIRED);
    }

    @Test
    void tokenWithinClockSkewOfExpiryIsAccepted() throws Exception {
        JwtClaims claims = claims();
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().minusSeconds(3).getEpochSecond()));
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().minusSeconds(60).getEpochSecond()));
        assertThat(verifier.verify(sign(claims)).sessionId()).isEqualTo(SID);
    }

    @Test
    void notYetValidTokenIsRefused() throws Exception {
        JwtClaims claims = claims();
        claims.setNotBefore(NumericDate.fromSeconds(Instant.now().plusSeconds(120).getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().plusSeconds(600).getEpochSecond()));
        assertRefused(sign(claims), Reason.NOT_YET_VALID);
    }

    @Test
    void tokenIssuedInTheFutureIsRefused() throws Exception {
        JwtClaims claims = claims();
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().plusSeconds(120).getEpochSecond()));
        assertRefused(sign(claims), Reason.NOT_YET_VALID);
    }

    @Test
    void wrongIssuerIsRefused() throws Exception {
        JwtClaims claims = claims();
        claims.setIssuer("someone-else");
        assertRefused(sign(claims), Reason.ISSUER);
    }

    @Test
    void missingIssuerIsRefused() throws Exception {
        JwtClaims claims = claims();
        claims.unsetClaim("iss");
        assertRefused(sign(claims), Reason.ISSUER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sid", "upn", "exp", "iat", "jti", "sub"})
    void missingRequiredClaimIsRefused(String claim) throws Exception {
        JwtClaims claims = claims();
        claims.unsetClaim(claim);
        assertThatThrownBy(() -> verifier.verify(sign(claims))).isInstanceOf(InvalidTokenException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "has spaces in it and more", "../../../../etc/passwd/xx"})
    void malformedSidIsRefused(String sid) throws Exception {
        JwtClaims claims = claims();
        claims.setClaim("sid", sid);
        assertRefused(sign(claims), Reason.CLAIMS);
    }

    @Test
    void typOtherThanJwtIsRefused() throws Exception {
        assertRefused(sign(claims().toJson(), Map.of("typ", "at+jwt")), Reason.ALGORITHM);
    }

    @Test
    void keyOfAnotherAlgorithmCannotBeConfusedWithPublicKey() throws Exception {
        PublicKey publicKey = rsa.getPublic();
        assertThat(publicKey.getAlgorithm()).isEqualTo("RSA");
        assertRefused(hmacSigned(publicKey.getEncoded()), Reason.ALGORITHM);
    }
}
