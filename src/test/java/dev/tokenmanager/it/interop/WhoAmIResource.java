package dev.tokenmanager.it.interop;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Answers who the verified token says the caller is. */
@Path("whoami")
@RequestScoped
public class WhoAmIResource {

    @Inject
    JsonWebToken jwt;

    @GET
    @RolesAllowed({"user", "admin"})
    @Produces(MediaType.APPLICATION_JSON)
    public String whoAmI() {
        return Json.createObjectBuilder()
                .add("name", jwt.getName())
                .add("groups", Json.createArrayBuilder(jwt.getGroups()))
                .add("sid", jwt.<String>getClaim("sid"))
                .build().toString();
    }
}
