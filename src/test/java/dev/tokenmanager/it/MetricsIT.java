package dev.tokenmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Deployments;
import dev.tokenmanager.it.support.Reply;
import dev.tokenmanager.it.support.SingleServerIT;
import java.net.URL;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The counters as MicroProfile Metrics at Payara's {@code /metrics} (WildFly 39 has no MicroProfile Metrics: there
 * the same numbers are at /api/admin/stats, tested in OperationsIT).
 */
class MetricsIT extends SingleServerIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.tokenManager("MetricsIT", Map.of());
    }

    @Test
    void authenticationsAreCountedByOutcome() {
        String token = api.loginAdmin().access();
        long okBefore = value(metrics(api), "token_manager_authentications", "outcome", "ok");
        long shapeBefore = value(metrics(api), "token_manager_authentications", "outcome", "bad_shape");

        api.get("/api/me", token);
        api.get("/api/me", "not-a-token");

        String after = metrics(api);
        assertThat(value(after, "token_manager_authentications", "outcome", "ok")).isGreaterThan(okBefore);
        assertThat(value(after, "token_manager_authentications", "outcome", "bad_shape")).isEqualTo(shapeBefore + 1);
        assertThat(after).contains("token_manager_logins", "token_manager_refreshes",
                "token_manager_refresh_reuse_detections", "token_manager_active_sessions",
                "token_manager_validation_seconds", "token_manager_session_database_reads");
        assertThat(value(after, "token_manager_active_sessions", null, null)).isPositive();
    }

    private static String metrics(Api api) {
        Reply reply = api.get("/metrics?scope=application", null);
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }

    /** The value of a Prometheus sample, optionally with one label. */
    private static long value(String text, String name, String label, String labelValue) {
        String labels = label == null ? "[^}]*" : "[^}]*" + label + "=\"" + labelValue + "\"[^}]*";
        Matcher matcher = Pattern.compile("(?m)^" + name + "\\{" + labels + "\\} ([0-9.eE+-]+)$").matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no " + name + " " + labelValue + " in\n" + text);
        }
        return (long) Double.parseDouble(matcher.group(1));
    }
}
