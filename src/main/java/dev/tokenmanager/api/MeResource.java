package dev.tokenmanager.api;

import dev.tokenmanager.account.AccountService;
import dev.tokenmanager.account.LoginThrottle;
import dev.tokenmanager.account.PasswordPolicy;
import dev.tokenmanager.auth.Caller;
import dev.tokenmanager.auth.CurrentCaller;
import dev.tokenmanager.events.SecurityEventKind;
import dev.tokenmanager.events.SecurityEvents;
import dev.tokenmanager.http.ClientInfoResolver;
import dev.tokenmanager.http.Jsons;
import dev.tokenmanager.session.SessionService;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The caller, and their password: {@code /api/me}. */
@ApplicationScoped
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    CurrentCaller currentCaller;
    @Inject
    AccountService accounts;
    @Inject
    SessionService sessions;
    @Inject
    LoginThrottle throttle;
    @Inject
    SecurityEvents events;
    @Inject
    ClientInfoResolver clients;
    @Inject
    Clock clock;
    @Context
    HttpServletRequest request;

    @GET
    public String me() {
        Caller caller = currentCaller.require();
        return Jsons.createObjectBuilder()
                .add("username", caller.username())
                .add("groups", Jsons.createArrayBuilder(caller.groups()))
                .add("session_id", caller.sessionId())
                .build().toString();
    }

    /**
     * Changes the caller's password: the current one is required (403 when wrong; wrong guesses count as failed
     * logins), the new one must meet the policy (400). Every other session and named token of the caller is
     * revoked; the calling session stays.
     */
    @POST
    @Path("password")
    @LoginSessionOnly
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(String body) {
        JsonObject json = Bodies.object(body);
        String current = Bodies.requiredString(json, "current_password", PasswordPolicy.MAX_LENGTH);
        String replacement = Bodies.requiredString(json, "new_password", PasswordPolicy.MAX_LENGTH);
        Caller caller = currentCaller.require();
        String ip = clients.of(request).ip();
        Optional<Duration> wait = throttle.check(caller.username(), ip, clock.instant());
        if (wait.isPresent()) {
            throw ProblemException.throttled(wait.get(), "wrong passwords");
        }
        PasswordPolicy.violation(caller.username(), replacement).ifPresent(problem -> {
            throw ProblemException.badRequest("'new_password': " + problem + ".");
        });
        if (accounts.changePassword(caller.accountId(), current, replacement)
                == AccountService.PasswordChange.WRONG_CURRENT_PASSWORD) {
            throttle.recordFailure(caller.username(), ip, clock.instant());
            events.record(caller.securityEvent(SecurityEventKind.PASSWORD_CHANGE_REFUSED, ip)
                    .detail("wrong current password"));
            throw new ProblemException(403, "wrong-password", "The current password is wrong.");
        }
        int revoked = sessions.revokeEverything(caller.accountId(), caller.sessionId());
        events.record(caller.securityEvent(SecurityEventKind.PASSWORD_CHANGED, ip)
                .detail(revoked + " other sessions and tokens revoked"));
        return Response.noContent().build();
    }
}
