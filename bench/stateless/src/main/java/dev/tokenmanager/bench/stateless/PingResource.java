package dev.tokenmanager.bench.stateless;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The ceiling: an answer the size of {@code GET /api/me}'s, on the same server and JAX-RS stack, with no
 * authentication at all.
 */
@Path("ping")
@RequestScoped
public class PingResource {

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public String ping() {
        return Json.createObjectBuilder()
                .add("username", "bench-user-0000")
                .add("groups", Json.createArrayBuilder(List.of("user")))
                .add("session_id", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .build().toString();
    }
}
