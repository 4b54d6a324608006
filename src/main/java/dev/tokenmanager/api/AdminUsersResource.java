package dev.tokenmanager.api;

import dev.tokenmanager.account.Account;
import dev.tokenmanager.account.AccountService;
import dev.tokenmanager.account.Groups;
import dev.tokenmanager.account.PasswordPolicy;
import dev.tokenmanager.account.Usernames;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.ArrayList;
import java.util.List;

/** User administration: {@code /api/admin/users}. */
@RequestScoped
@Path("admin/users")
@Produces(MediaType.APPLICATION_JSON)
@GroupsAllowed(Groups.ADMIN)
public class AdminUsersResource {

    @Inject
    AccountService accounts;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        JsonObject json = Bodies.object(body);
        String username = Bodies.requiredString(json, "username", Usernames.MAX_LENGTH);
        if (!Usernames.isValid(username)) {
            throw ProblemException.badRequest("'username' may hold only letters, digits, '.', '_', '-' and '@'.");
        }
        String password = Bodies.requiredString(json, "password", PasswordPolicy.MAX_LENGTH);
        PasswordPolicy.violation(username, password).ifPresent(problem -> {
            throw ProblemException.badRequest("'password': " + problem + ".");
        });
        List<String> groups = groups(json);
        Account account;
        try {
            account = accounts.create(username, password, groups);
        } catch (AccountService.UsernameTakenException e) {
            throw new ProblemException(409, "username-taken", "A user with this username exists.");
        }
        return Response.created(UriBuilder.fromPath("/api/admin/users/{username}").build(username))
                .entity(Views.user(account, 0).build().toString())
                .build();
    }

    /** The {@code groups} member: an array of valid group names, empty when absent. */
    static List<String> groups(JsonObject json) {
        JsonValue value = json.get("groups");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ProblemException.badRequest("'groups' must be an array of group names.");
        }
        List<String> groups = new ArrayList<>();
        for (JsonValue item : (JsonArray) value) {
            if (item.getValueType() != JsonValue.ValueType.STRING) {
                throw ProblemException.badRequest("'groups' must be an array of group names.");
            }
            groups.add(((JsonString) item).getString());
        }
        if (!Groups.isValidList(groups)) {
            throw ProblemException.badRequest("'groups' may list at most 32 names of 1-64 letters, digits,"
                    + " '.', '_' or '-'.");
        }
        return groups;
    }
}
