package dev.tokenmanager.metrics;

import dev.tokenmanager.metrics.AuthOutcome;
import dev.tokenmanager.metrics.AuthStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Publishes the counters of {@link AuthStats} as MicroProfile Metrics (on Payara: {@code /metrics}), read when
 * scraped, so the request path pays nothing for them. Where the server has no MicroProfile Metrics (WildFly 39),
 * this bean is left out and the same numbers are at {@code /api/admin/stats}.
 */
@ApplicationScoped
public class MetricsPublisher {

    private static final long ACTIVE_SESSIONS_CACHE_MILLIS = 10_000;

    @Inject
    MetricRegistry registry;
    @Inject
    AuthStats stats;
    @Inject
    LiveSessionCount sessions;

    private volatile long activeSessions;
    private volatile long activeSessionsCountedAt;

    void register(@Observes @Initialized(ApplicationScoped.class) Object event) {
        for (AuthOutcome outcome : AuthOutcome.values()) {
            gauge("token_manager_authentications", "Authentications by outcome",
                    s -> s.count(outcome), new Tag("outcome", outcome.label()));
        }
        for (AuthStats.Grant grant : AuthStats.Grant.values()) {
            Tag result = new Tag("result", grant.name().toLowerCase(Locale.ROOT));
            gauge("token_manager_logins", "Logins by result", s -> s.logins(grant), result);
            gauge("token_manager_refreshes", "Refreshes by result", s -> s.refreshes(grant), result);
        }
        gauge("token_manager_refresh_reuse_detections", "Rotated refresh tokens presented again",
                AuthStats::reuseDetections);
        gauge("token_manager_last_seen_writes", "Sessions whose last-seen time was written", AuthStats::lastSeenWrites);
        gauge("token_manager_session_lookups", "Session lookups of the request path", AuthStats::sessionLookups);
        gauge("token_manager_session_database_reads", "Session lookups that read the database",
                AuthStats::databaseReads);
        registry.gauge(Metadata.builder().withName("token_manager_validation_seconds")
                .withDescription("Time spent validating presented credentials").build(),
                stats, s -> s.validationNanos() / 1e9);
        registry.gauge(Metadata.builder().withName("token_manager_active_sessions")
                .withDescription("Live sessions and named tokens of the installation (counted every 10 s)").build(),
                this, MetricsPublisher::activeSessions);
    }

    private void gauge(String name, String description, ToLongFunction<AuthStats> value, Tag... tags) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), stats,
                s -> value.applyAsLong(s), tags);
    }

    long activeSessions() {
        long now = System.currentTimeMillis();
        if (now - activeSessionsCountedAt > ACTIVE_SESSIONS_CACHE_MILLIS) {
            activeSessions = sessions.liveSessions();
            activeSessionsCountedAt = now;
        }
        return activeSessions;
    }
}
