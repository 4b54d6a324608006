package dev.tokenmanager.bench.stateless;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The stateless twin of token-manager's {@code GET /api/me}: the same answer, built the same way (one JSON provider
 * looked up once), from the verified token alone.
 */
@Path("me")
@RequestScoped
public class MeResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    JsonWebToken jwt;

    @GET
    @RolesAllowed({"user", "admin"})
    @Produces(MediaType.APPLICATION_JSON)
    public String me() {
        return JSON.createObjectBuilder()
                .add("username", jwt.getName())
                .add("groups", JSON.createArrayBuilder(jwt.getGroups()))
                .add("session_id", jwt.<String>getClaim("sid"))
                .build().toString();
    }
}
