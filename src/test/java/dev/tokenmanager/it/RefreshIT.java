package dev.tokenmanager.it;

import dev.tokenmanager.testing.Jwts;
import static dev.tokenmanager.it.support.ProblemAssert.assertInvalidToken;
import static dev.tokenmanager.it.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Api.Tokens;
import dev.tokenmanager.it.support.Api.User;
import dev.tokenmanager.it.support.Concurrently;
import dev.tokenmanager.it.support.Deployments;
import dev.tokenmanager.it.support.Reply;
import dev.tokenmanager.it.support.SingleServerIT;
import dev.tokenmanager.it.support.TestDatabase;
import dev.tokenmanager.it.support.Waits;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-device refresh tokens: rotation, retries within the grace, reuse detection, concurrent refreshes, sliding and
 * absolute expiry; and scheduled key rotation, with short lifetimes so that nothing waits for minutes.
 */
class RefreshIT extends SingleServerIT {

    @Deployment(testable = false)
    static WebArchive deployment() throws SQLException {
        // Scheduled rotation is tested here: no lease of an earlier server may hold this one back.
        TestDatabase.forgetServersOfEarlierTests();
        return Deployments.tokenManager("RefreshIT", Map.of(
                "token-manager.access-ttl", "PT3S",
                "token-manager.refresh-idle-ttl", "PT6S",
                "token-manager.refresh-max-age", "PT14S",
                "token-manager.clock-skew", "PT1S",
                "token-manager.refresh-retry-grace", "PT4S",
                "token-manager.key-rotation-interval", "PT3S"));
    }

    private User user;

    @BeforeEach
    void setUp() {
        user = api.createUser("refresh");
    }

    private Tokens login() {
        return api.loginOk(user.username(), user.password(), Api.CHROME_LINUX);
    }

    private Reply refreshJson(String refreshToken) {
        return api.request("POST", "/api/auth/refresh")
                .json(Json.createObjectBuilder().add("refresh_token", refreshToken).build().toString()).send();
    }

    private static Tokens tokens(Reply reply) {
        assertThat(reply.status()).as("refresh answer %s", reply).isEqualTo(200);
        JsonObject body = reply.json();
        return new Tokens(body.getString("access_token"), body.getString("refresh_token"),
                body.getString("session_id"), body);
    }

    @Test
    void loginAnswersARefreshTokenForItsSession() {
        Tokens tokens = login();

        assertThat(tokens.refresh()).startsWith("tmrt_").hasSize(48).matches("tmrt_[A-Za-z0-9_-]{43}");
        assertThat(tokens.body().getInt("refresh_expires_in")).isBetween(5, 6);
        assertThat(tokens.body().getInt("expires_in")).isBetween(2, 3);
    }

    @Test
    void refreshAnswersNewTokensForTheSameSession() {
        Tokens first = login();

        Tokens second = tokens(refreshJson(first.refresh()));

        assertThat(second.sessionId()).isEqualTo(first.sessionId());
        assertThat(second.refresh()).isNotEqualTo(first.refresh());
        assertThat(second.access()).isNotEqualTo(first.access());
        assertThat(api.get("/api/me", second.access()).json().getString("session_id")).isEqualTo(first.sessionId());
        assertThat(second.body().getString("token_type")).isEqualTo("Bearer");
        assertThat(tokens(refreshJson(second.refresh())).sessionId()).isEqualTo(first.sessionId());
    }

    @Test
    void refreshTokenArrivesByJsonFormOrHeader() {
        Tokens tokens = login();
        Tokens viaForm = tokens(api.request("POST", "/api/auth/refresh")
                .form(Map.of("refresh_token", tokens.refresh())).send());
        Tokens viaHeader = tokens(api.request("POST", "/api/auth/refresh")
                .header("Refresh-Token", viaForm.refresh()).send());
        Tokens viaBoth = tokens(api.request("POST", "/api/auth/refresh").header("Refresh-Token", viaHeader.refresh())
                .json(Json.createObjectBuilder().add("refresh_token", viaHeader.refresh()).build().toString()).send());
        assertThat(viaBoth.sessionId()).isEqualTo(tokens.sessionId());
    }

    @Test
    void headerAndBodyNamingDifferentTokensIs400() {
        Tokens one = login();
        Tokens two = login();
        Reply reply = api.request("POST", "/api/auth/refresh").header("Refresh-Token", one.refresh())
                .json(Json.createObjectBuilder().add("refresh_token", two.refresh()).build().toString()).send();
        assertProblem(reply, 400);
        // Neither was used up.
        tokens(refreshJson(one.refresh()));
        tokens(refreshJson(two.refresh()));
    }

    @Test
    void missingMalformedOrUnknownRefreshTokens() {
        assertProblem(api.request("POST", "/api/auth/refresh").send(), 400);
        assertProblem(api.request("POST", "/api/auth/refresh").json("{}").send(), 400);
        assertProblem(api.request("POST", "/api/auth/refresh").json("{oops").send(), 400);
        assertProblem(api.request("POST", "/api/auth/refresh").body("text/plain", "tmrt_x").send(), 415);
        assertInvalidToken(refreshJson("not-a-refresh-token"));
        assertInvalidToken(refreshJson("tmrt_" + "A".repeat(43)));
        assertInvalidToken(refreshJson(login().access()));
    }

    @Test
    void refreshTokenIsNeverAnAccessToken() {
        Tokens tokens = login();
        assertInvalidToken(api.get("/api/me", tokens.refresh()));
        assertInvalidToken(api.request("POST", "/api/auth/logout").bearer(tokens.refresh()).send());
        tokens(refreshJson(tokens.refresh()));
    }

    private void assertReuseWasRecorded(Tokens tokens, String... secrets) {
        List<JsonObject> events = api.get("/api/admin/security-events?limit=50", api.loginAdmin().access())
                .jsonArray().getValuesAs(JsonObject.class);
        assertThat(events).anySatisfy(event -> {
            assertThat(event.getString("kind")).isEqualTo("refresh_token_reuse");
            assertThat(event.getString("session_id")).isEqualTo(tokens.sessionId());
            assertThat(event.getString("username")).isEqualTo(user.username());
            for (String secret : secrets) {
                assertThat(event.toString()).doesNotContain(secret);
            }
        });
    }

    @Test
    void retryAfterALostAnswerWorksAndTheLostPairsRefreshTokenStops() {
        Tokens login = login();
        Tokens lost = tokens(refreshJson(login.refresh())); // the answer never reached the device

        Tokens retried = tokens(refreshJson(login.refresh()));

        assertThat(retried.sessionId()).isEqualTo(login.sessionId());
        assertThat(retried.refresh()).isNotEqualTo(lost.refresh());
        assertThat(api.get("/api/me", retried.access()).status()).isEqualTo(200);
        assertInvalidToken(refreshJson(lost.refresh()));
        // The lost pair's refresh token was superseded, not reused: the session lives on with the retried one.
        Tokens next = tokens(refreshJson(retried.refresh()));
        assertThat(api.get("/api/me", next.access()).status()).isEqualTo(200);
    }

    /** The first token after its successor was used: an older generation, replayed. */
    @Test
    void replayingAnOlderGenerationRevokesTheWholeSession() {
        Tokens first = login();
        Tokens second = tokens(refreshJson(first.refresh()));
        Tokens third = tokens(refreshJson(second.refresh()));

        assertInvalidToken(refreshJson(first.refresh()));

        assertInvalidToken(refreshJson(third.refresh()));
        assertInvalidToken(api.get("/api/me", third.access()));
        assertReuseWasRecorded(first, first.refresh(), second.refresh(), third.refresh());
    }

    @Test
    void previousTokenAfterItsGraceIsReuse() {
        Tokens first = login();
        Tokens second = tokens(refreshJson(first.refresh()));
        Waits.untilPassed(Duration.ofMillis(4_200)); // the retry grace of this deployment is 4 s

        assertInvalidToken(refreshJson(first.refresh()));

        assertInvalidToken(refreshJson(second.refresh()));
        assertInvalidToken(api.get("/api/me", second.access()));
        assertReuseWasRecorded(first, first.refresh(), second.refresh());
    }

    @Test
    void revokingWithThePreviousTokenWithinItsGraceEndsTheSession() {
        Tokens first = login();
        Tokens second = tokens(refreshJson(first.refresh()));

        assertThat(api.request("POST", "/api/auth/revoke").form(Map.of("token", first.refresh())).send().status())
                .isEqualTo(200);

        assertInvalidToken(api.get("/api/me", second.access()));
        assertInvalidToken(refreshJson(second.refresh()));
    }

    @Test
    void twoConcurrentRefreshesWithOneTokenLeaveOneLiveRefreshToken() throws Exception {
        assertConcurrentRefreshesLeaveOneLiveRefreshToken(2);
    }

    @Test
    void twentyConcurrentRefreshesWithOneTokenLeaveOneLiveRefreshToken() throws Exception {
        assertConcurrentRefreshesLeaveOneLiveRefreshToken(20);
    }

    /**
     * Every caller ends with a working access token or a clear 401; afterwards at most one of the refresh tokens
     * answered still refreshes, and the session was not taken for stolen.
     */
    private void assertConcurrentRefreshesLeaveOneLiveRefreshToken(int callers) throws Exception {
        for (int trial = 0; trial < 10; trial++) {
            Tokens tokens = login();
            // Each caller refreshes, then at once uses what it got (access tokens live 3 s here).
            List<Reply[]> answers = Concurrently.run(callers, () -> {
                Reply refreshed = refreshJson(tokens.refresh());
                Reply me = refreshed.status() == 200 ? api.get("/api/me", tokens(refreshed).access()) : null;
                return new Reply[] {refreshed, me};
            });

            for (Reply[] answer : answers) {
                if (answer[0].status() == 200) {
                    assertThat(answer[1].status()).as("the caller's new access token, %s", answer[1]).isEqualTo(200);
                } else {
                    assertInvalidToken(answer[0]);
                }
            }
            List<Tokens> answered = answers.stream().filter(answer -> answer[0].status() == 200)
                    .map(answer -> tokens(answer[0])).toList();
            assertThat(answered).isNotEmpty();
            List<Tokens> stillRefreshing = answered.stream()
                    .map(pair -> refreshJson(pair.refresh()))
                    .filter(reply -> reply.status() == 200).map(RefreshIT::tokens).toList();
            assertThat(stillRefreshing).as("refresh tokens still live after %s concurrent refreshes", callers)
                    .hasSize(1);
            assertThat(api.get("/api/me", stillRefreshing.get(0).access()).status()).isEqualTo(200);
        }
    }

    @Test
    void sessionSlidesWithEachRefreshAndEndsWhenIdle() {
        Tokens tokens = login();
        for (int i = 0; i < 3; i++) {
            Waits.untilPassed(Duration.ofSeconds(3));
            tokens = tokens(refreshJson(tokens.refresh()));
        }
        // 9 s after the login, past the 6 s idle window of the login itself: refreshing kept it alive.
        assertThat(api.get("/api/me", tokens.access()).status()).isEqualTo(200);

        Waits.untilPassed(Duration.ofMillis(6_500));

        assertInvalidToken(refreshJson(tokens.refresh()));
        assertInvalidToken(api.get("/api/me", tokens.access()));
    }

    @Test
    void sessionEndsAtItsMaximumAgeWhateverTheRefreshes() {
        Tokens tokens = login();
        // Taken after the answer: the server's session is at least this old (a slow login must not shorten it).
        Instant loggedIn = Instant.now();
        while (Instant.now().isBefore(loggedIn.plusSeconds(12))) {
            Waits.untilPassed(Duration.ofSeconds(2));
            tokens = tokens(refreshJson(tokens.refresh()));
            assertThat(tokens.body().getInt("refresh_expires_in")).isLessThanOrEqualTo(14);
        }
        Waits.untilPassed(loggedIn.plusMillis(14_500));

        assertInvalidToken(refreshJson(tokens.refresh()));
    }

    /**
     * Rotation on a schedule: new tokens get a new key while the retired key stays published until no token it
     * signed can be live, then it is dropped. (That a retired key's tokens stay valid is shown by the manual
     * rotation in StandardEndpointsIT, where tokens live longer than this test's 3 s.)
     */
    @Test
    void scheduledRotationPublishesRetiredKeysUntilTheirTokensExpireThenDropsThem() {
        Tokens tokens = login();
        String kid = Jwts.header(tokens.access()).getString("kid");

        await().atMost(Duration.ofSeconds(10)).until(() ->
                !Jwts.header(login().access()).getString("kid").equals(kid));
        assertThat(kids()).as("the retired key is still published").contains(kid).hasSizeGreaterThanOrEqualTo(2);

        await().atMost(Duration.ofSeconds(15)).until(() -> !kids().contains(kid));
        assertInvalidToken(api.get("/api/me", tokens.access()));
    }

    private List<String> kids() {
        return api.get("/api/auth/jwks", null).json().getJsonArray("keys").getValuesAs(JsonObject.class).stream()
                .map(key -> key.getString("kid")).toList();
    }
}
