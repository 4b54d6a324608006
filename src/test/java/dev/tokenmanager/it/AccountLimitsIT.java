package dev.tokenmanager.it;

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
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user's limits: at most two login sessions (the least recently seen one gives way), login throttling with a
 * growing {@code Retry-After}, and password changes that end every other session.
 */
class AccountLimitsIT extends SingleServerIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = new HashMap<>(TestDatabase.whileRunningSettings("AccountLimitsIT"));
        settings.putAll(Map.of(
                "token-manager.max-login-sessions", "2",
                "token-manager.session-limit-policy", "revoke-oldest",
                "token-manager.last-seen-accuracy", "PT1S",
                "token-manager.login-max-failures", "3",
                "token-manager.login-max-failures-per-ip", "4",
                "token-manager.login-failure-window", "PT4S",
                // Each test logs in from its own address (X-Forwarded-For through the trusted loopback proxy),
                // so one test's failures never throttle another's.
                "token-manager.trusted-proxies", "127.0.0.1, ::1"));
        return Deployments.tokenManager("AccountLimitsIT", settings);
    }

    private static final java.util.Random RANDOM = new java.util.Random();

    private User user;

    @BeforeEach
    void setUp() {
        api = api.with("X-Forwarded-For", "198.51." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254)));
        user = api.createUser("limits");
    }

    private Tokens login(String userAgent) {
        return api.loginOk(user.username(), user.password(), userAgent);
    }

    @Test
    void loginBeyondTheLimitRevokesTheLeastRecentlySeenSession() {
        Tokens first = login(Api.CHROME_LINUX);
        Tokens second = login(Api.FIREFOX_WINDOWS);
        // Use first (and list through it: a use of first only) until its newer use is written past the window.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(api.get("/api/me", first.access()).status()).isEqualTo(200);
            return lastSeen(first, first).isAfter(lastSeen(first, second));
        });

        Tokens third = login(Api.SAFARI_IPHONE);

        assertInvalidToken(api.get("/api/me", second.access()));
        assertThat(api.get("/api/me", first.access()).status()).isEqualTo(200);
        assertThat(api.get("/api/sessions", third.access()).jsonArray()).hasSize(2);
        List<JsonObject> events = api.get("/api/admin/security-events", api.loginAdmin().access()).jsonArray()
                .getValuesAs(JsonObject.class);
        assertThat(events).anySatisfy(event -> {
            assertThat(event.getString("kind")).isEqualTo("session_evicted_by_limit");
            assertThat(event.getString("session_id")).isEqualTo(second.sessionId());
        });
    }

    /** The last-seen time of {@code session}, as listed with {@code caller}'s token. */
    private Instant lastSeen(Tokens caller, Tokens session) {
        return Instant.parse(api.get("/api/sessions", caller.access()).jsonArray().getValuesAs(JsonObject.class)
                .stream().filter(s -> s.getString("id").equals(session.sessionId())).findFirst().orElseThrow()
                .getString("last_seen_at"));
    }

    @Test
    void namedTokensDoNotCountTowardsTheLimit() {
        Tokens first = login(Api.CHROME_LINUX);
        String token = api.postJson("/api/tokens", first.access(), Json.createObjectBuilder().add("name", "ci")
                .build()).json().getString("token");
        Tokens second = login(Api.FIREFOX_WINDOWS);

        assertThat(api.get("/api/me", first.access()).status()).isEqualTo(200);
        assertThat(api.get("/api/me", second.access()).status()).isEqualTo(200);
        assertThat(api.get("/api/me", token).status()).isEqualTo(200);
    }

    @Test
    void concurrentLoginsStillLeaveAtMostTheLimit() throws Exception {
        List<Reply> replies = Concurrently.run(6, () -> api.login(user.username(), user.password(),
                Api.CHROME_LINUX));

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(200));
        long working = replies.stream().map(reply -> reply.json().getString("access_token"))
                .filter(token -> api.get("/api/me", token).status() == 200).count();
        assertThat(working).isEqualTo(2);
    }

    @Test
    void failedLoginsAreThrottledWithAGrowingRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertProblem(api.login(user.username(), "wrong password " + i, null), 401);
        }

        Reply blocked = api.login(user.username(), user.password(), null);
        assertProblem(blocked, 429);
        long firstWait = Long.parseLong(blocked.header("Retry-After"));
        assertThat(firstWait).isBetween(1L, 8L);
        Reply blockedAgain = api.login(user.username(), user.password(), null);
        assertProblem(blockedAgain, 429);
        long secondWait = Long.parseLong(blockedAgain.header("Retry-After"));
        assertThat(secondWait).isGreaterThan(firstWait);

        Waits.untilPassed(Instant.now().plusSeconds(secondWait));

        assertThat(api.login(user.username(), user.password(), null).status()).isEqualTo(200);
        // Success forgot the failures: two more wrong passwords do not block.
        assertProblem(api.login(user.username(), "wrong again 1", null), 401);
        assertProblem(api.login(user.username(), "wrong again 2", null), 401);
        assertThat(api.login(user.username(), user.password(), null).status()).isEqualTo(200);
    }

    @Test
    void failuresFromOneAddressAcrossUsersAreThrottled() {
        String admin = api.loginAdmin().access();
        for (int i = 0; i < 4; i++) {
            assertProblem(api.login("nobody-" + UUID.randomUUID(), "some password", null), 401);
        }

        Reply blocked = api.login(user.username(), user.password(), null);

        assertProblem(blocked, 429);
        Waits.untilPassed(Instant.now().plusSeconds(Long.parseLong(blocked.header("Retry-After"))));
        assertThat(api.login(user.username(), user.password(), null).status()).isEqualTo(200);
        assertThat(api.get("/api/me", admin).status()).isEqualTo(200);
    }

    @Test
    void passwordChangeEndsEveryOtherSessionAndToken() {
        Tokens current = login(Api.CHROME_LINUX);
        String token = api.postJson("/api/tokens", current.access(), Json.createObjectBuilder().add("name", "cli")
                .build()).json().getString("token");
        Tokens other = login(Api.SAFARI_IPHONE);

        Reply changed = api.postJson("/api/me/password", current.access(), Json.createObjectBuilder()
                .add("current_password", user.password()).add("new_password", "my new long password").build());

        assertThat(changed.status()).isEqualTo(204);
        assertThat(api.get("/api/me", current.access()).status()).isEqualTo(200);
        assertInvalidToken(api.get("/api/me", other.access()));
        assertInvalidToken(api.get("/api/me", token));
        assertProblem(api.login(user.username(), user.password(), null), 401);
        assertThat(api.login(user.username(), "my new long password", null).status()).isEqualTo(200);
    }

    @Test
    void passwordChangeNeedsTheCurrentPasswordAndAStrongNewOne() {
        Tokens current = login(Api.CHROME_LINUX);

        assertProblem(change(current, "not my password", "my new long password"), 403);
        assertProblem(change(current, user.password(), "short"), 400);
        assertProblem(change(current, user.password(), user.username()), 400);
        assertProblem(api.postJson("/api/me/password", current.access(), Json.createObjectBuilder()
                .add("current_password", user.password()).build()), 400);
        assertProblem(api.request("POST", "/api/me/password").bearer(current.access()).json("[]").send(), 400);
        assertProblem(change(null, user.password(), "my new long password"), 401);

        assertThat(api.login(user.username(), user.password(), null).status()).isEqualTo(200);
    }

    private Reply change(Tokens tokens, String currentPassword, String newPassword) {
        return api.postJson("/api/me/password", tokens == null ? null : tokens.access(), Json.createObjectBuilder()
                .add("current_password", currentPassword).add("new_password", newPassword).build());
    }

    @Test
    void aPasswordChangeAndItsRevocationsCommitTogetherOrNotAtAll() throws Exception {
        Tokens current = login(Api.CHROME_LINUX);
        String token = api.postJson("/api/tokens", current.access(), Json.createObjectBuilder().add("name", "cli")
                .build()).json().getString("token");
        Tokens other = login(Api.SAFARI_IPHONE);

        failsWhileRevocationsAreRefused(() -> change(current, user.password(), "my new long password"));

        // Nothing of it took effect: the other session and the named token live, the old password is the password.
        assertThat(api.get("/api/me", other.access()).status()).isEqualTo(200);
        assertThat(api.get("/api/me", token).status()).isEqualTo(200);
        assertProblem(api.login(user.username(), "my new long password", null), 401);
        Tokens again = login(Api.FIREFOX_WINDOWS);
        assertThat(change(again, user.password(), "my new long password").status()).isEqualTo(204);
        assertInvalidToken(api.get("/api/me", token));
    }

    @Test
    void aDeactivationAndItsRevocationsCommitTogetherOrNotAtAll() throws Exception {
        Tokens tokens = login(Api.CHROME_LINUX);
        String admin = api.loginAdmin().access();

        failsWhileRevocationsAreRefused(() -> patch(admin, "{\"active\":false}"));

        assertThat(api.get("/api/me", tokens.access()).status()).isEqualTo(200);
        assertThat(api.get("/api/admin/users", admin).jsonArray().stream().map(JsonObject.class::cast)
                .filter(u -> u.getString("username").equals(user.username())).findFirst().orElseThrow()
                .getBoolean("active")).as("still active").isTrue();
        assertThat(patch(admin, "{\"active\":false}").status()).isEqualTo(200);
        assertInvalidToken(api.get("/api/me", tokens.access()));
    }

    @Test
    void anAdminsNewPasswordAndItsRevocationsCommitTogetherOrNotAtAll() throws Exception {
        Tokens tokens = login(Api.CHROME_LINUX);
        String admin = api.loginAdmin().access();

        failsWhileRevocationsAreRefused(() -> patch(admin, "{\"password\":\"a password set by the admin\"}"));

        assertThat(api.get("/api/me", tokens.access()).status()).isEqualTo(200);
        assertProblem(api.login(user.username(), "a password set by the admin", null), 401);
        assertThat(api.login(user.username(), user.password(), null).status()).isEqualTo(200);
    }

    private Reply patch(String admin, String body) {
        return api.request("PATCH", "/api/admin/users/" + user.username()).bearer(admin).json(body).send();
    }

    /**
     * Runs {@code action} while a fault in the database refuses every revocation of the user's sessions: it fails,
     * answered as a problem with an incident id and nothing internal.
     */
    private void failsWhileRevocationsAreRefused(Supplier<Reply> action) throws Exception {
        try (AutoCloseable fault = TestDatabase.whileRunning("AccountLimitsIT").refusingRevocationsOf(
                user.username())) {
            Reply reply = action.get();
            assertProblem(reply, 500);
            assertThat(reply.json().getString("detail")).contains("incident");
        }
    }
}
