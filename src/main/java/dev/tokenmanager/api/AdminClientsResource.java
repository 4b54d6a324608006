package dev.tokenmanager.api;

import dev.tokenmanager.account.Groups;
import dev.tokenmanager.admin.ClientAdministration;
import dev.tokenmanager.auth.CurrentCaller;
import dev.tokenmanager.client.ClientDefinition;
import dev.tokenmanager.client.ClientRegistry;
import dev.tokenmanager.client.RegisteredClient;
import dev.tokenmanager.http.ClientInfoResolver;
import dev.tokenmanager.http.Jsons;
import dev.tokenmanager.logout.LogoutOutbox;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Registered clients: {@code /api/admin/clients}. */
@RequestScoped
@Path("admin/clients")
@Produces(MediaType.APPLICATION_JSON)
@GroupsAllowed(Groups.ADMIN)
public class AdminClientsResource {

    private static final Set<String> CHANGEABLE = Set.of("name", "audience", "redirect_uris",
            "backchannel_logout_uri", "active");
    private static final Set<String> ACCEPTED = Set.of("client_id", "name", "audience", "redirect_uris",
            "backchannel_logout_uri", "active", "secret");
    static final int MAX_DELIVERIES = 500;

    @Inject
    ClientAdministration clients;
    @Inject
    LogoutOutbox outbox;
    @Inject
    CurrentCaller caller;
    @Inject
    ClientInfoResolver clientInfo;
    @Context
    HttpServletRequest request;

    @GET
    public String list() {
        JsonArrayBuilder array = Jsons.createArrayBuilder();
        clients.clients().forEach(client -> array.add(Views.client(client)));
        return array.build().toString();
    }

    @GET
    @Path("{client_id}")
    public String get(@PathParam("client_id") String clientId) {
        return Views.client(clients.client(clientId).orElseThrow(ProblemException::notFound)).build().toString();
    }

    /**
     * Registers a client: {@code client_id} is required; {@code name} and {@code audience} default to it,
     * {@code redirect_uris} to none, {@code active} to true. With {@code "secret": true} a secret is generated and
     * answered this once.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        JsonObject json = Bodies.object(body);
        Bodies.onlyMembers(json, ACCEPTED, String.join(", ", ACCEPTED.stream().sorted().toList()));
        String clientId = Bodies.requiredString(json, "client_id", ClientDefinition.MAX_CLIENT_ID);
        ClientDefinition definition = changes(json).apply(ClientDefinition.of(clientId));
        boolean withSecret = Bodies.bool(json, "secret").orElse(false);
        ClientRegistry.CreatedClient created;
        try {
            created = clients.create(definition, withSecret, caller.require(), ip());
        } catch (ClientRegistry.InvalidClientException e) {
            throw ProblemException.badRequest(e.getMessage());
        } catch (ClientRegistry.ClientIdTakenException e) {
            throw new ProblemException(409, "client-id-taken", "A client with this client_id exists.");
        }
        JsonObjectBuilder answer = Views.client(created.client());
        created.secret().ifPresent(secret -> answer.add("secret", secret));
        return Response.created(UriBuilder.fromPath("/api/admin/clients/{client_id}").build(clientId))
                .header("Cache-Control", "no-store")
                .entity(answer.build().toString())
                .build();
    }

    /**
     * Changes any of {@code name}, {@code audience}, {@code redirect_uris}, {@code backchannel_logout_uri}
     * ({@code null} removes it) and {@code active}. Deactivating a client revokes its live sessions.
     */
    @PATCH
    @Path("{client_id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public String update(@PathParam("client_id") String clientId, String body) {
        JsonObject json = Bodies.object(body);
        Bodies.onlyMembers(json, CHANGEABLE, String.join(", ", CHANGEABLE.stream().sorted().toList()));
        if (json.isEmpty()) {
            throw ProblemException.badRequest("Send at least one of " + String.join(", ",
                    CHANGEABLE.stream().sorted().toList()) + ".");
        }
        UnaryOperator<ClientDefinition> change = changes(json);
        try {
            return Views.client(clients.update(clientId, change, caller.require(), ip())
                    .orElseThrow(ProblemException::notFound).client()).build().toString();
        } catch (ClientRegistry.InvalidClientException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }

    /** Deletes a client; its live sessions are revoked (and told at its back-channel logout URI): {@code {"revoked":n}}. */
    @DELETE
    @Path("{client_id}")
    public String delete(@PathParam("client_id") String clientId) {
        return SessionsResource.revoked(clients.delete(clientId, caller.require(), ip())
                .orElseThrow(ProblemException::notFound));
    }

    /** A new secret for the client, answered this once: {@code {"client_id","secret"}}; the old one stops working. */
    @POST
    @Path("{client_id}/secret")
    public Response newSecret(@PathParam("client_id") String clientId) {
        String secret = clients.newSecret(clientId, caller.require(), ip()).orElseThrow(ProblemException::notFound);
        return Response.ok(Jsons.createObjectBuilder().add("client_id", clientId).add("secret", secret).build()
                .toString(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
    }

    /** Removes the client's secret: from now on it names itself without one. */
    @DELETE
    @Path("{client_id}/secret")
    public Response removeSecret(@PathParam("client_id") String clientId) {
        if (!clients.removeSecret(clientId, caller.require(), ip())) {
            throw ProblemException.notFound();
        }
        return Response.noContent().build();
    }

    /** The client's back-channel logouts, newest first (by the time the session ended). */
    @GET
    @Path("{client_id}/backchannel-logouts")
    public String deliveries(@PathParam("client_id") String clientId,
                             @QueryParam("limit") @DefaultValue("50") String limitText) {
        RegisteredClient client = clients.client(clientId).orElseThrow(ProblemException::notFound);
        int limit = AdminSecurityEventsResource.limit(limitText, MAX_DELIVERIES);
        JsonArrayBuilder array = Jsons.createArrayBuilder();
        outbox.recent(client.clientId(), limit).forEach(delivery -> array.add(Views.logoutDelivery(delivery)));
        return array.build().toString();
    }

    /** The changes {@code json} asks for (each member checked for its type; the definition checks the values). */
    private static UnaryOperator<ClientDefinition> changes(JsonObject json) {
        Optional<String> name = Bodies.string(json, "name");
        Optional<String> audience = Bodies.string(json, "audience");
        Optional<List<String>> redirectUris = Bodies.strings(json, "redirect_uris", "URIs");
        boolean setsLogoutUri = json.containsKey("backchannel_logout_uri");
        Optional<String> logoutUri = Bodies.string(json, "backchannel_logout_uri");
        Optional<Boolean> active = Bodies.bool(json, "active");
        if (json.get("redirect_uris") == JsonValue.NULL) {
            redirectUris = Optional.of(List.of());
        }
        Optional<List<String>> uris = redirectUris;
        return definition -> {
            ClientDefinition changed = definition;
            changed = name.map(changed::withName).orElse(changed);
            changed = audience.map(changed::withAudience).orElse(changed);
            changed = uris.map(changed::withRedirectUris).orElse(changed);
            changed = setsLogoutUri ? changed.withBackchannelLogoutUri(logoutUri) : changed;
            return active.map(changed::withActive).orElse(changed);
        };
    }

    private String ip() {
        return clientInfo.of(request).ip();
    }
}
