package dev.tokenmanager.api;

import dev.tokenmanager.account.Account;
import dev.tokenmanager.account.AccountService;
import dev.tokenmanager.account.Groups;
import dev.tokenmanager.account.PasswordPolicy;
import dev.tokenmanager.account.UserChanges;
import dev.tokenmanager.account.Usernames;
import dev.tokenmanager.admin.InvalidUserException;
import dev.tokenmanager.admin.UserAdministration;
import dev.tokenmanager.admin.UserSummary;
import dev.tokenmanager.auth.CurrentCaller;
import dev.tokenmanager.http.ClientInfoResolver;
import dev.tokenmanager.http.Jsons;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** User administration: {@code /api/admin/users}. */
@RequestScoped
@Path("admin/users")
@Produces(MediaType.APPLICATION_JSON)
@GroupsAllowed(Groups.ADMIN)
public class AdminUsersResource {

    private static final Set<String> CHANGEABLE = Set.of("active", "groups", "password");

    @Inject
    UserAdministration users;
    @Inject
    CurrentCaller caller;
    @Inject
    ClientInfoResolver clients;
    @Context
    HttpServletRequest request;

    @GET
    public String list() {
        JsonArrayBuilder array = Jsons.createArrayBuilder();
        users.users().forEach(user -> array.add(Views.user(user.account(), user.activeSessions())));
        return array.build().toString();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        JsonObject json = Bodies.object(body);
        String username = Bodies.requiredString(json, "username", Usernames.MAX_LENGTH);
        String password = Bodies.requiredString(json, "password", PasswordPolicy.MAX_LENGTH);
        List<String> groups = groups(json).orElse(List.of());
        Account account;
        try {
            account = users.create(username, password, groups, caller.require(), ip());
        } catch (InvalidUserException e) {
            throw ProblemException.badRequest(e.getMessage());
        } catch (AccountService.UsernameTakenException e) {
            throw new ProblemException(409, "username-taken", "A user with this username exists.");
        }
        return Response.created(UriBuilder.fromPath("/api/admin/users/{username}").build(username))
                .entity(Views.user(account, 0).build().toString())
                .build();
    }

    /**
     * Changes any of {@code active}, {@code groups}, {@code password}. Deactivating a user, or setting their
     * password, revokes all their sessions and tokens at once. The last active administrator cannot be
     * deactivated or leave group admin (409).
     */
    @PATCH
    @Path("{username}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public String update(@PathParam("username") String username, String body) {
        JsonObject json = Bodies.object(body);
        Bodies.onlyMembers(json, CHANGEABLE, "active, groups, password");
        Optional<Boolean> active = Bodies.bool(json, "active");
        Optional<String> password = Bodies.string(json, "password");
        UserChanges changes = new UserChanges(active, groups(json), password);
        if (changes.isEmpty()) {
            throw ProblemException.badRequest("Send at least one of active, groups, password.");
        }
        try {
            UserSummary user = users.update(username, changes, caller.require(), ip())
                    .orElseThrow(ProblemException::notFound);
            return Views.user(user.account(), user.activeSessions()).build().toString();
        } catch (InvalidUserException e) {
            throw ProblemException.badRequest(e.getMessage());
        } catch (AccountService.LastAdminException e) {
            throw new ProblemException(409, "last-admin",
                    "This would leave no active administrator; make another user an admin first.");
        } catch (AccountService.NotLocalAccountException e) {
            throw MeResource.notLocalPassword();
        }
    }

    @DELETE
    @Path("{username}/sessions")
    public String revokeSessions(@PathParam("username") String username) {
        int revoked = users.revokeSessions(username, caller.require(), ip()).orElseThrow(ProblemException::notFound);
        return SessionsResource.revoked(revoked);
    }

    private String ip() {
        return clients.of(request).ip();
    }

    /** The {@code groups} member: an array of group names (the service checks them), empty when absent. */
    static Optional<List<String>> groups(JsonObject json) {
        return Bodies.strings(json, "groups", "group names");
    }
}
