package dev.tokenmanager.api;

import dev.tokenmanager.account.PasswordPolicy;
import dev.tokenmanager.auth.Caller;
import dev.tokenmanager.auth.CurrentCaller;
import dev.tokenmanager.auth.PasswordChanges;
import dev.tokenmanager.http.ClientInfoResolver;
import dev.tokenmanager.http.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The caller, and their password: {@code /api/me}. */
@ApplicationScoped
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    CurrentCaller currentCaller;
    @Inject
    PasswordChanges passwords;
    @Inject
    ClientInfoResolver clients;
    @Context
    HttpServletRequest request;

    /**
     * The caller: username, groups and session id. The most frequent request of all, so the JSON is written
     * straight into a string, and the caller read from the request JAX-RS injected (no CDI proxy on the way). The
     * request stays a field: as a parameter it costs Jersey the same lookup, and RESTEasy would validate it.
     */
    @GET
    public String me() {
        Caller caller = CurrentCaller.require(request);
        StringBuilder json = Jsons.appendString(new StringBuilder(128).append("{\"username\":"), caller.username())
                .append(",\"groups\":[");
        for (int i = 0; i < caller.groups().size(); i++) {
            Jsons.appendString(i == 0 ? json : json.append(','), caller.groups().get(i));
        }
        return Jsons.appendString(json.append("],\"session_id\":"), caller.sessionId()).append('}').toString();
    }

    /**
     * Changes the caller's password: the current one is required (403 when wrong; wrong guesses count as failed
     * logins), the new one must meet the policy (400). Every other session and named token of the caller is
     * revoked with it; the calling session stays.
     */
    @POST
    @Path("password")
    @LoginSessionOnly
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(String body) {
        JsonObject json = Bodies.object(body);
        String current = Bodies.requiredString(json, "current_password", PasswordPolicy.MAX_LENGTH);
        String replacement = Bodies.requiredString(json, "new_password", PasswordPolicy.MAX_LENGTH);
        PasswordChanges.Outcome outcome = passwords.change(currentCaller.require(), current, replacement,
                clients.of(request).ip());
        if (outcome instanceof PasswordChanges.Outcome.Throttled throttled) {
            throw ProblemException.throttled(throttled.retryAfter(), "wrong passwords");
        }
        if (outcome instanceof PasswordChanges.Outcome.Weak weak) {
            throw ProblemException.badRequest("'new_password': " + weak.problem() + ".");
        }
        if (outcome instanceof PasswordChanges.Outcome.NotLocal) {
            throw notLocalPassword();
        }
        if (outcome instanceof PasswordChanges.Outcome.WrongCurrentPassword) {
            throw new ProblemException(403, "wrong-password", "The current password is wrong.");
        }
        return Response.noContent().build();
    }

    /** 409: the account's directory or identity provider owns its password. */
    static ProblemException notLocalPassword() {
        return new ProblemException(409, "password-not-local", "This account signs in through a directory or"
                + " identity provider, which owns its password; change it there.");
    }
}
