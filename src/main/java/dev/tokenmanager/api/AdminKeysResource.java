package dev.tokenmanager.api;

import dev.tokenmanager.account.Groups;
import dev.tokenmanager.admin.KeyAdministration;
import dev.tokenmanager.auth.CurrentCaller;
import dev.tokenmanager.http.ClientInfoResolver;
import dev.tokenmanager.http.Jsons;
import dev.tokenmanager.keys.SigningKeys;
import dev.tokenmanager.keys.StoredSigningKey;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** The signing keys: {@code /api/admin/keys}. */
@RequestScoped
@Path("admin/keys")
@Produces(MediaType.APPLICATION_JSON)
@GroupsAllowed(Groups.ADMIN)
public class AdminKeysResource {

    @Inject
    SigningKeys keys;
    @Inject
    CurrentCaller caller;
    @Inject
    KeyAdministration administration;
    @Inject
    ClientInfoResolver clients;
    @Context
    HttpServletRequest request;

    /** Every stored key, newest first: {@code [{"kid","algorithm","state","created_at","retired_at","verify_until"}]}. */
    @GET
    public String list() {
        JsonArrayBuilder array = Jsons.createArrayBuilder();
        for (StoredSigningKey key : keys.stored()) {
            array.add(Jsons.createObjectBuilder()
                    .add("kid", key.kid())
                    .add("algorithm", key.algorithm())
                    .add("state", key.state().name().toLowerCase(java.util.Locale.ROOT))
                    .add("created_at", Views.timestamp(key.createdAt()))
                    .add("retired_at", Views.timestamp(key.retiredAt()))
                    .add("verify_until", Views.timestamp(key.verifyUntil())));
        }
        return array.build().toString();
    }

    /** New tokens use a new key; tokens signed with older keys stay valid until they expire. */
    @POST
    @Path("rotate")
    public String rotate() {
        String kid = administration.rotate(caller.require(), clients.of(request).ip());
        return Jsons.createObjectBuilder().add("kid", kid).build().toString();
    }
}
