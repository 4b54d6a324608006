package dev.tokenmanager.api;

import dev.tokenmanager.auth.Caller;
import dev.tokenmanager.auth.CurrentCaller;
import dev.tokenmanager.http.Jsons;
import dev.tokenmanager.session.SessionKind;
import dev.tokenmanager.session.SessionService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The caller's own login sessions, one per device: {@code /api/sessions}. */
@RequestScoped
@Path("sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    @Inject
    CurrentCaller currentCaller;
    @Inject
    SessionService sessions;

    /** Listing is for login sessions: a named token may not look around (403). */
    @GET
    @LoginSessionOnly
    public String list() {
        Caller caller = currentCaller.require();
        return Views.sessions(sessions.live(caller.accountId(), SessionKind.LOGIN), caller.sessionId())
                .build().toString();
    }

    @DELETE
    @Path("others")
    public String revokeOthers() {
        Caller caller = currentCaller.require();
        return revoked(sessions.revokeOtherLogins(caller.accountId(), caller.sessionId()));
    }

    @DELETE
    public String revokeAll() {
        return revoked(sessions.revokeAllLogins(currentCaller.require().accountId()));
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        if (!sessions.revokeOwn(currentCaller.require().accountId(), id, SessionKind.LOGIN)) {
            throw ProblemException.notFound();
        }
        return Response.noContent().build();
    }

    static String revoked(int count) {
        return Jsons.createObjectBuilder().add("revoked", count).build().toString();
    }
}
