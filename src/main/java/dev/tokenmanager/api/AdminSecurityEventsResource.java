package dev.tokenmanager.api;

import dev.tokenmanager.account.Groups;
import dev.tokenmanager.events.SecurityEventRow;
import dev.tokenmanager.events.SecurityEvents;
import dev.tokenmanager.http.Jsons;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Recorded security events, newest first: {@code /api/admin/security-events}. */
@RequestScoped
@Path("admin/security-events")
@Produces(MediaType.APPLICATION_JSON)
@GroupsAllowed(Groups.ADMIN)
public class AdminSecurityEventsResource {

    static final int MAX_LIMIT = 500;

    @Inject
    SecurityEvents events;

    @GET
    public String latest(@QueryParam("limit") @DefaultValue("50") String limitText) {
        int limit = limit(limitText, MAX_LIMIT);
        JsonArrayBuilder array = Jsons.createArrayBuilder();
        for (SecurityEventRow event : events.latest(limit)) {
            array.add(Jsons.createObjectBuilder()
                    .add("occurred_at", Views.timestamp(event.occurredAt()))
                    .add("kind", event.kind())
                    .add("username", Views.nullable(event.username()))
                    .add("session_id", Views.nullable(event.sessionId()))
                    .add("ip", Views.nullable(event.ip()))
                    .add("detail", Views.nullable(event.detail())));
        }
        return array.build().toString();
    }

    /** The {@code limit} query parameter: a whole number from 1 to {@code max}, else 400. */
    static int limit(String text, int max) {
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > max) {
            throw ProblemException.badRequest("'limit' must be a whole number from 1 to " + max + ".");
        }
        return limit;
    }
}
