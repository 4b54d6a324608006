package dev.tokenmanager.api;

import dev.tokenmanager.account.Account;
import dev.tokenmanager.account.AccountRepository;
import dev.tokenmanager.auth.Caller;
import dev.tokenmanager.auth.CurrentCaller;
import dev.tokenmanager.auth.NamedTokens;
import dev.tokenmanager.http.ClientInfoResolver;
import dev.tokenmanager.http.Jsons;
import dev.tokenmanager.session.SessionKind;
import dev.tokenmanager.session.SessionService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Named, long-lived API tokens for devices and third-party apps: {@code /api/tokens}. Only a login session may
 * create or list them; any of the caller's credentials may revoke one.
 */
@RequestScoped
@Path("tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokensResource {

    @Inject
    CurrentCaller currentCaller;
    @Inject
    SessionService sessions;
    @Inject
    AccountRepository accounts;
    @Inject
    ClientInfoResolver clients;
    @Inject
    Clock clock;
    @Context
    HttpServletRequest request;

    @POST
    @LoginSessionOnly
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        JsonObject json = Bodies.object(body);
        String name = Bodies.string(json, "name").map(String::strip).orElse("");
        if (name.isEmpty() || name.length() > NamedTokens.MAX_NAME_LENGTH) {
            throw ProblemException.badRequest("'name' must be 1 to " + NamedTokens.MAX_NAME_LENGTH
                    + " characters.");
        }
        Instant expiresAt = expiry(json.get("expires_in_days"));
        Caller caller = currentCaller.require();
        Account account = accounts.byId(caller.accountId()).orElseThrow(ProblemException::notFound);
        SessionService.CreatedToken created;
        try {
            created = sessions.createToken(account, name, expiresAt, clients.of(request), NamedTokens.generate());
        } catch (SessionService.TokenNameTakenException e) {
            throw new ProblemException(409, "token-name-taken", "You already have an active token named so.");
        }
        return Response.created(UriBuilder.fromPath("/api/tokens/{id}").build(created.session().id()))
                .header("Cache-Control", "no-store")
                .entity(Jsons.createObjectBuilder()
                        .add("id", created.session().id())
                        .add("name", created.session().name())
                        .add("token", created.token())
                        .add("expires_at", Views.timestamp(created.session().expiresAt()))
                        .build().toString())
                .build();
    }

    private Instant expiry(JsonValue days) {
        if (days == null || days.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (days.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) days).isIntegral()
                || ((JsonNumber) days).longValue() < 1
                || ((JsonNumber) days).longValue() > NamedTokens.MAX_LIFETIME_DAYS) {
            throw ProblemException.badRequest("'expires_in_days' must be a whole number from 1 to "
                    + NamedTokens.MAX_LIFETIME_DAYS
                    + ", or null for a token that never expires.");
        }
        return clock.instant().plus(Duration.ofDays(((JsonNumber) days).longValue()));
    }

    @GET
    @LoginSessionOnly
    public String list() {
        Caller caller = currentCaller.require();
        return Views.sessions(sessions.live(caller.accountId(), SessionKind.TOKEN), caller.sessionId())
                .build().toString();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        if (!sessions.revokeOwn(currentCaller.require().accountId(), id, SessionKind.TOKEN)) {
            throw ProblemException.notFound();
        }
        return Response.noContent().build();
    }
}
