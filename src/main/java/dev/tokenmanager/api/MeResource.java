package dev.tokenmanager.api;

import dev.tokenmanager.auth.Caller;
import dev.tokenmanager.auth.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The caller: {@code /api/me}. */
@RequestScoped
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    CurrentCaller currentCaller;

    @GET
    public String me() {
        Caller caller = currentCaller.require();
        return Json.createObjectBuilder()
                .add("username", caller.username())
                .add("groups", Json.createArrayBuilder(caller.groups()))
                .add("session_id", caller.sessionId())
                .build().toString();
    }
}
