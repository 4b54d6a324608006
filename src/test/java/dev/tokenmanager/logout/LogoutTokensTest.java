package dev.tokenmanager.logout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.jwt.KeyMaterial;
import dev.tokenmanager.jwt.SigningKey;
import java.time.Instant;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A logout token as OpenID Connect Back-Channel Logout 1.0 §2.4 describes it, verified as a front end would. */
class LogoutTokensTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256"})
    void aLogoutTokenCarriesWhatTheSpecificationAsks(String algorithm) throws Exception {
        SigningKey key = KeyMaterial.generate(algorithm, "kid-1").key();
        String token = new LogoutTokens("https://auth.example.com", java.time.Duration.ofMinutes(2))
                .sign(key, "web-app", "account-1", "session-1", NOW);

        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        assertThat(jws.getHeader("typ")).isEqualTo("logout+jwt");
        assertThat(jws.getKeyIdHeaderValue()).isEqualTo("kid-1");
        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo(algorithm);

        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(key.verificationKey())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithm)
                .setExpectedType(true, "logout+jwt")
                .setExpectedIssuer("https://auth.example.com")
                .setExpectedAudience("web-app")
                .setRequireJwtId()
                .setEvaluationTime(NumericDate.fromSeconds(NOW.getEpochSecond() + 60))
                .build();
        JwtClaims claims = consumer.processToClaims(token);
        assertThat(claims.getSubject()).isEqualTo("account-1");
        assertThat(claims.getStringClaimValue("sid")).isEqualTo("session-1");
        assertThat(claims.getIssuedAt().getValue()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.getExpirationTime().getValue()).isEqualTo(NOW.getEpochSecond() + 120);
        assertThat(claims.getClaimValue("events")).isEqualTo(Map.of(LogoutTokens.EVENT, Map.of()));
        assertThat(claims.hasClaim("nonce")).isFalse();
    }

    @Test
    void eachLogoutTokenHasItsOwnId() throws Exception {
        SigningKey key = KeyMaterial.generate("RS256", "kid-1").key();
        LogoutTokens tokens = new LogoutTokens("token-manager", java.time.Duration.ofMinutes(2));
        String first = tokens.sign(key, "app", "account-1", "session-1", NOW);
        String second = tokens.sign(key, "app", "account-1", "session-1", NOW);
        assertThat(jti(first)).isNotEqualTo(jti(second));
    }

    private static String jti(String token) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        return JwtClaims.parse(jws.getUnverifiedPayload()).getJwtId();
    }
}
