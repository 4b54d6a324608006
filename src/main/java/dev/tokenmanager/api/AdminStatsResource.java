package dev.tokenmanager.api;

import dev.tokenmanager.account.AccountService;
import dev.tokenmanager.account.Groups;
import dev.tokenmanager.auth.BearerAuthenticator;
import dev.tokenmanager.cluster.Cluster;
import dev.tokenmanager.feed.RevocationFeed;
import dev.tokenmanager.http.Jsons;
import dev.tokenmanager.metrics.AuthOutcome;
import dev.tokenmanager.metrics.AuthStats;
import dev.tokenmanager.metrics.CacheFigures;
import dev.tokenmanager.session.CachedSessionLookup;
import dev.tokenmanager.session.SessionService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;

/**
 * This node's counters since start-up: {@code /api/admin/stats}. Authentications by outcome, the session lookups
 * they caused (the request path's only use of the session store) and how many of those read the database, logins,
 * refreshes, refresh-token reuse; the live sessions of the whole installation; how this node's verified-token and
 * session caches do; the data grid as this node sees it (members, events another node did not acknowledge in
 * time); and the revocation feed's streams on this node.
 */
@RequestScoped
@Path("admin/stats")
@Produces(MediaType.APPLICATION_JSON)
@GroupsAllowed(Groups.ADMIN)
public class AdminStatsResource {

    @Inject
    AuthStats stats;
    @Inject
    SessionService sessions;
    @Inject
    Cluster cluster;
    @Inject
    BearerAuthenticator authenticator;
    @Inject
    CachedSessionLookup sessionCache;
    @Inject
    AccountService accounts;
    @Inject
    RevocationFeed feed;

    @GET
    public String stats() {
        JsonObjectBuilder outcomes = Jsons.createObjectBuilder();
        for (AuthOutcome outcome : AuthOutcome.values()) {
            outcomes.add(outcome.label(), stats.count(outcome));
        }
        JsonObjectBuilder logins = Jsons.createObjectBuilder();
        JsonObjectBuilder refreshes = Jsons.createObjectBuilder();
        for (AuthStats.Grant grant : AuthStats.Grant.values()) {
            logins.add(grant.name().toLowerCase(Locale.ROOT), stats.logins(grant));
            refreshes.add(grant.name().toLowerCase(Locale.ROOT), stats.refreshes(grant));
        }
        return Jsons.createObjectBuilder()
                .add("authentications", outcomes)
                .add("session_lookups", stats.sessionLookups())
                .add("session_database_reads", stats.databaseReads())
                .add("validation_seconds", stats.validationNanos() / 1e9)
                .add("logins", logins)
                .add("refreshes", refreshes)
                .add("refresh_reuse_detections", stats.reuseDetections())
                .add("last_seen_writes", stats.lastSeenWrites())
                .add("password_hashes", accounts.passwordHashes())
                .add("active_sessions", sessions.liveSessions())
                .add("caches", Jsons.createObjectBuilder()
                        .add("verified_tokens", figures(authenticator.verifiedTokenCache()))
                        .add("sessions", figures(sessionCache.figures())))
                .add("cluster", Jsons.createObjectBuilder()
                        .add("members", cluster.members())
                        .add("unacknowledged_events", cluster.unacknowledgedEvents()))
                .add("revocation_feed", Jsons.createObjectBuilder()
                        .add("subscribers", feed.subscribers())
                        .add("subscriptions", feed.subscriptionsStarted())
                        .add("resumed_subscriptions", feed.subscriptionsResumed())
                        .add("events_sent", feed.eventsSent()))
                .build().toString();
    }

    private static JsonObjectBuilder figures(CacheFigures figures) {
        return Jsons.createObjectBuilder()
                .add("size", figures.size())
                .add("hits", figures.hits())
                .add("misses", figures.misses())
                .add("evictions", figures.evictions())
                .add("hit_rate", figures.hitRate());
    }
}
