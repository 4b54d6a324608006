package dev.tokenmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Api.Tokens;
import dev.tokenmanager.it.support.Api.User;
import dev.tokenmanager.it.support.Deployments;
import dev.tokenmanager.it.support.Health;
import dev.tokenmanager.it.support.Reply;
import dev.tokenmanager.it.support.SingleServerIT;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What operators rely on: health checks, the OpenAPI document, counters, security events in the log. */
class OperationsIT extends SingleServerIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.tokenManager("OperationsIT", Map.of());
    }

    private Api health;

    @BeforeEach
    void setUp() {
        health = Deployments.health(api);
    }

    @Test
    void readyWhileTheDatabaseAnswersAndAliveWithASigningKey() {
        Health ready = Health.of(health.get("/health/ready", null));
        assertThat(ready.isUpWith("database")).as("readiness %s", ready).isTrue();

        Health live = Health.of(health.get("/health/live", null));
        assertThat(live.isUpWith("signing-key")).as("liveness %s", live).isTrue();
    }

    @Test
    void openApiDocumentDescribesTheContract() {
        Reply openapi = api.get("/openapi", null);

        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/auth/login", "/api/auth/refresh", "/api/sessions/{id}",
                "/api/admin/sessions", "TokenResponse", "refresh_expires_in", "application/problem+json",
                "/api/admin/clients/{client_id}", "backchannel_logout_uri");
    }

    @Test
    void statsCountLoginsRefreshesReuseAndSessions() {
        String admin = api.loginAdmin().access();
        JsonObject before = api.get("/api/admin/stats", admin).json();
        User user = api.createUser("counted");
        Tokens tokens = api.loginOk(user.username(), user.password(), null);
        api.login(user.username(), "not the password", null);
        Tokens refreshed = Tokens.of(api.request("POST", "/api/auth/refresh")
                .header("Refresh-Token", tokens.refresh()).send().json());
        api.request("POST", "/api/auth/refresh").header("Refresh-Token", refreshed.refresh()).send();
        // The first generation again after its successor was used: a replay, not a retry of a lost answer.
        api.request("POST", "/api/auth/refresh").header("Refresh-Token", tokens.refresh()).send();

        JsonObject after = api.get("/api/admin/stats", admin).json();

        assertThat(delta(before, after, "logins", "ok")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "logins", "failed")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "refreshes", "ok")).isEqualTo(2);
        assertThat(delta(before, after, "refreshes", "failed")).isEqualTo(1);
        assertThat(after.getJsonNumber("refresh_reuse_detections").longValue()
                - before.getJsonNumber("refresh_reuse_detections").longValue()).isEqualTo(1);
        assertThat(after.getJsonNumber("active_sessions").longValue()).isPositive();
        assertThat(refreshed.sessionId()).isEqualTo(tokens.sessionId());
    }

    private static long delta(JsonObject before, JsonObject after, String group, String name) {
        return after.getJsonObject(group).getJsonNumber(name).longValue()
                - before.getJsonObject(group).getJsonNumber(name).longValue();
    }

    @Test
    void securityEventsAreStructuredLogLinesWithoutSecrets() {
        User user = api.createUser("audited");
        Tokens tokens = api.loginOk(user.username(), user.password(), null);
        api.login(user.username(), "a wrong password for the audit", null);
        api.delete("/api/sessions/" + tokens.sessionId(), tokens.access());

        String log = Deployments.serverLogText();

        assertThat(log).contains("security-event kind=login_ok user=" + user.username() + " session="
                + tokens.sessionId() + " ip=");
        assertThat(log).contains("security-event kind=login_failed user=" + user.username());
        assertThat(log).contains("security-event kind=sessions_revoked count=1 sessions=" + tokens.sessionId());
        assertThat(log).contains("security-event kind=admin_user_created user=admin");
        assertThat(log).doesNotContain(user.password()).doesNotContain("a wrong password for the audit")
                .doesNotContain(tokens.access()).doesNotContain(tokens.refresh());
    }
}
