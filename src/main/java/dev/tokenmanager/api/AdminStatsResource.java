package dev.tokenmanager.api;

import dev.tokenmanager.account.Groups;
import dev.tokenmanager.auth.AuthOutcome;
import dev.tokenmanager.auth.AuthStats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * This node's authentication counters since start-up: {@code /api/admin/stats}. Counts by outcome, and the
 * session lookups they caused (the only database reads of the request path).
 */
@RequestScoped
@Path("admin/stats")
@Produces(MediaType.APPLICATION_JSON)
@GroupsAllowed(Groups.ADMIN)
public class AdminStatsResource {

    @Inject
    AuthStats stats;

    @GET
    public String stats() {
        JsonObjectBuilder outcomes = Json.createObjectBuilder();
        for (AuthOutcome outcome : AuthOutcome.values()) {
            outcomes.add(outcome.label(), stats.count(outcome));
        }
        return Json.createObjectBuilder()
                .add("authentications", outcomes)
                .add("session_lookups", stats.sessionLookups())
                .add("validation_seconds", stats.validationNanos() / 1e9)
                .build().toString();
    }
}
