package dev.tokenmanager.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens remembered as verified: found again by their exact text only, and only until they expire. */
class VerifiedTokenCacheTest {

    private final Instant now = Instant.now();
    private final VerifiedTokenCache cache = new VerifiedTokenCache(100, Clock.systemUTC());

    private static VerifiedToken verified(String sessionId, Instant expiresAt) {
        return new VerifiedToken("subject", "alice", List.of("user"), sessionId, "jti", expiresAt.minusSeconds(900),
                expiresAt, Map.of());
    }

    @Test
    void aTokenVerifiedBeforeIsFoundByItsText() {
        cache.put("header.payload.signature", verified("s1", now.plusSeconds(60)));

        assertThat(cache.get("header.payload.signature", now)).map(VerifiedToken::sessionId).contains("s1");
        assertThat(cache.get("header.payload.signaturf", now)).isEmpty();
    }

    @Test
    void aTokenEndingLikeAVerifiedOneIsNotTakenForIt() {
        // The same length and last characters (all that is hashed), so the same hash; another payload: a forged
        // token must miss.
        String signature = "x".repeat(VerifiedTokenCache.Key.HASHED + 10);
        cache.put("header.payload." + signature, verified("s1", now.plusSeconds(60)));

        assertThat(new VerifiedTokenCache.Key("header.pay1oad." + signature))
                .hasSameHashCodeAs(new VerifiedTokenCache.Key("header.payload." + signature));
        assertThat(cache.get("header.pay1oad." + signature, now)).isEmpty();
        assertThat(cache.get(signature, now)).isEmpty();
        assertThat(cache.get("header.payload." + signature, now)).isPresent();
    }

    @Test
    void shortTokensAreKeysToo() {
        cache.put("a.b", verified("s1", now.plusSeconds(60)));

        assertThat(cache.get("a.b", now)).isPresent();
        assertThat(cache.get("b", now)).isEmpty();
    }

    @Test
    void anExpiredTokenIsNotFound() {
        Instant expiresAt = now.plus(Duration.ofSeconds(30));
        cache.put("header.payload.signature", verified("s1", expiresAt));

        assertThat(cache.get("header.payload.signature", expiresAt.minusMillis(1))).isPresent();
        assertThat(cache.get("header.payload.signature", expiresAt)).isEmpty();
    }

    @Test
    void aCacheOfSizeZeroRemembersNothing() {
        VerifiedTokenCache none = new VerifiedTokenCache(0, Clock.systemUTC());
        none.put("header.payload.signature", verified("s1", now.plusSeconds(60)));

        assertThat(none.get("header.payload.signature", now)).isEmpty();
    }

    @Test
    void aKeyNeverShowsItsToken() {
        assertThat(new VerifiedTokenCache.Key("header.payload.signature").toString())
                .doesNotContain("signature").contains("24 characters");
    }
}
