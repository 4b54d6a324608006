package dev.tokenmanager.api;

import dev.tokenmanager.account.Groups;
import dev.tokenmanager.account.PasswordPolicy;
import dev.tokenmanager.account.Usernames;
import dev.tokenmanager.auth.Authentication;
import dev.tokenmanager.auth.BearerAuthenticator;
import dev.tokenmanager.auth.Caller;
import dev.tokenmanager.auth.CurrentCaller;
import dev.tokenmanager.auth.GrantService.LoginResult;
import dev.tokenmanager.auth.GrantService;
import dev.tokenmanager.client.ClientRegistry;
import dev.tokenmanager.events.SecurityEvents;
import dev.tokenmanager.http.ClientInfoResolver;
import dev.tokenmanager.http.Jsons;
import dev.tokenmanager.http.Problem;
import dev.tokenmanager.http.ProblemResponses;
import dev.tokenmanager.http.Public;
import dev.tokenmanager.jwt.TokenFormat;
import dev.tokenmanager.keys.SigningKeys;
import dev.tokenmanager.session.ClientInfo;
import dev.tokenmanager.session.RefreshSecrets;
import dev.tokenmanager.session.SessionNames;
import dev.tokenmanager.session.SessionService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Login, refresh, logout, the public keys, introspection (RFC 7662) and revocation (RFC 7009): {@code /api/auth/*}. */
@RequestScoped
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    GrantService grants;
    @Inject
    SessionService sessions;
    @Inject
    BearerAuthenticator authenticator;
    @Inject
    SigningKeys keys;
    @Inject
    CurrentCaller caller;
    @Inject
    ClientInfoResolver clients;
    @Inject
    Clock clock;
    @Inject
    ClientRegistry registeredClients;
    @Inject
    SecurityEvents events;
    @Context
    HttpServletRequest request;

    @POST
    @Path("login")
    @Public
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(String body) {
        JsonObject json = Bodies.object(body);
        return login(Bodies.string(json, "username").orElse(null), Bodies.string(json, "password").orElse(null),
                Bodies.string(json, "device_name").orElse(null), Bodies.string(json, "client_id").orElse(null),
                Bodies.string(json, "client_secret").orElse(null));
    }

    @POST
    @Path("login")
    @Public
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response loginForm(MultivaluedMap<String, String> form) {
        if (form == null) {
            throw ProblemException.badRequest("'username' is required.");
        }
        return login(form.getFirst("username"), form.getFirst("password"), form.getFirst("device_name"),
                form.getFirst("client_id"), form.getFirst("client_secret"));
    }

    /**
     * A login whose media type is neither JSON nor a form. Without a body it is answered like an empty form (400),
     * with one, 415: what Jersey answers by itself. RESTEasy would match no method and answer 415 even to a
     * request with neither body nor Content-Type, so the answer is written out here.
     */
    @POST
    @Path("login")
    @Public
    public Response loginOtherMediaType(String body) {
        if (body == null || body.isEmpty()) {
            return loginForm(null);
        }
        throw new NotSupportedException();
    }

    private Response login(String username, String password, String deviceName, String clientId,
                           String clientSecret) {
        Bodies.required(username, "username", Usernames.MAX_LENGTH);
        Bodies.required(password, "password", PasswordPolicy.MAX_LENGTH);
        if (deviceName != null && deviceName.length() > SessionNames.MAX_LENGTH) {
            throw ProblemException.badRequest("'device_name' must be at most " + SessionNames.MAX_LENGTH
                    + " characters.");
        }
        ClientInfo client = clients.of(request);
        String registered = ClientChecks.require(registeredClients.check(clientId, clientSecret), events, client.ip());
        String name = SessionNames.of(deviceName, request.getHeader("X-Device-Model"), client.device());
        LoginResult result = grants.login(username, password, name, client, registered);
        if (result instanceof LoginResult.Success success) {
            return tokenResponse(success.granted(), clock.instant());
        }
        if (result instanceof LoginResult.Throttled throttled) {
            throw ProblemException.throttled(throttled.retryAfter(), "failed logins");
        }
        if (result instanceof LoginResult.SessionLimitReached) {
            throw new ProblemException(409, "session-limit-reached",
                    "This account has the most login sessions allowed; sign out on another device first.");
        }
        if (result instanceof LoginResult.SourceUnavailable unavailable) {
            throw sourceUnavailable(unavailable.retryAfter(), "The directory that signs this user in");
        }
        if (result instanceof LoginResult.AccountConflict) {
            throw usernameConflict();
        }
        throw new ProblemException(Problem.of(401, "invalid-credentials",
                "The username or password is wrong, or the account is disabled."),
                Map.of("WWW-Authenticate", ProblemResponses.BEARER_CHALLENGE));
    }

    /** 503 with {@code Retry-After}: a directory or provider that a sign-in needs does not answer. */
    static ProblemException sourceUnavailable(Duration retryAfter, String what) {
        return new ProblemException(Problem.of(503, "identity-source-unavailable", what + " cannot be reached;"
                        + " try again shortly. Other sign-ins and existing sessions are not affected."),
                Map.of("Retry-After", Long.toString(retryAfter.toSeconds())));
    }

    /** 409: the directory or provider vouched for the person, but another account has the username it gives. */
    static ProblemException usernameConflict() {
        return new ProblemException(409, "username-conflict", "Your directory or identity provider signed you in,"
                + " but another account has the same username here, or the name is not a valid username; accounts are"
                + " never linked by name. Ask an administrator.");
    }

    @POST
    @Path("refresh")
    @Public
    public Response refresh(@HeaderParam("Content-Type") String contentType,
                            @HeaderParam("Refresh-Token") String header, String body) {
        Optional<String> fromBody = FormOrJson.field(contentType, body, "refresh_token");
        if (header != null && fromBody.isPresent() && !header.equals(fromBody.get())) {
            throw ProblemException.badRequest("The Refresh-Token header and the body name different refresh tokens.");
        }
        String token = header != null ? header : fromBody.orElseThrow(() ->
                ProblemException.badRequest("'refresh_token' (or the Refresh-Token header) is required."));
        ClientInfo client = clients.of(request);
        ClientChecks.require(grants.refreshClient(token, FormOrJson.field(contentType, body, "client_id").orElse(null),
                FormOrJson.field(contentType, body, "client_secret").orElse(null)), events, client.ip());
        return grants.refresh(token, client)
                .map(granted -> tokenResponse(granted, clock.instant()))
                .orElseThrow(() -> new ProblemException(Problem.of(401, "invalid-refresh-token",
                        "The refresh token is unknown, expired, revoked, already used or replaced."),
                        Map.of("WWW-Authenticate", ProblemResponses.INVALID_TOKEN_CHALLENGE)));
    }

    /** The login body for {@code granted}, its lifetimes counted from {@code now}. */
    static Response tokenResponse(GrantService.Granted granted, Instant now) {
        return tokenResponse(tokenBody(granted, now));
    }

    /**
     * The login body, its lifetimes counted from {@code now}: {@code {"access_token","token_type","expires_in",
     * "refresh_token","refresh_expires_in","session_id"}}.
     */
    static JsonObjectBuilder tokenBody(GrantService.Granted granted, Instant now) {
        return Jsons.createObjectBuilder()
                .add("access_token", granted.accessToken().token())
                .add("token_type", "Bearer")
                .add("expires_in", secondsBetween(now, granted.accessToken().expiresAt()))
                .add("refresh_token", granted.refreshToken())
                .add("refresh_expires_in", secondsBetween(now, granted.session().expiresAt().orElse(now)))
                .add("session_id", granted.session().id());
    }

    /** A token answer, never cached. */
    static Response tokenResponse(JsonObjectBuilder body) {
        return Response.ok(body.build().toString(), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .build();
    }

    static long secondsBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toSeconds());
    }

    @POST
    @Path("logout")
    public Response logout() {
        sessions.revoke(caller.require().sessionId());
        return Response.noContent().build();
    }

    @GET
    @Path("jwks")
    @Public
    public Response jwks() {
        return Response.ok(keys.jwksJson(), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "public, max-age=60")
                .build();
    }

    @POST
    @Path("introspect")
    @GroupsAllowed({Groups.ADMIN, Groups.INTROSPECT})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response introspect(MultivaluedMap<String, String> form) {
        String token = tokenField(form);
        JsonObjectBuilder answer = Jsons.createObjectBuilder();
        // A refresh token is accepted only by refresh and revoke: here it is just not an active access token.
        if (!RefreshSecrets.isWellFormed(token)
                && authenticator.inspect(token) instanceof Authentication.Success success) {
            Caller found = success.caller();
            Long sessionExpiry = success.session().expiresAt();
            Instant exp = found.token().map(t -> t.expiresAt())
                    .orElse(sessionExpiry == null ? null : Instant.ofEpochMilli(sessionExpiry));
            Instant iat = found.token().map(t -> t.issuedAt()).orElse(null);
            active(answer, found, exp, iat).add("token_type", found.token().isPresent() ? "access_token"
                    : "named_token");
        } else {
            answer.add("active", false);
        }
        return Response.ok(answer.build().toString(), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").build();
    }

    private static JsonObjectBuilder active(JsonObjectBuilder answer, Caller caller, Instant exp, Instant iat) {
        answer.add("active", true)
                .add("sub", caller.token().map(t -> t.subject()).orElse(caller.accountId()))
                .add("username", caller.username())
                .add("groups", Jsons.createArrayBuilder(caller.groups()))
                .add("sid", caller.sessionId());
        caller.token().ifPresent(token -> {
            // RFC 7662 members for a token of a registered client's session.
            if (token.claims().get("client_id") instanceof String clientId) {
                answer.add("client_id", clientId);
            }
            if (token.claims().get("aud") instanceof String audience) {
                answer.add("aud", audience);
            }
        });
        if (exp != null) {
            answer.add("exp", exp.getEpochSecond());
        }
        if (iat != null) {
            answer.add("iat", iat.getEpochSecond());
        }
        return answer;
    }

    @POST
    @Path("revoke")
    @Public
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(MultivaluedMap<String, String> form) {
        String token = tokenField(form);
        if (RefreshSecrets.isWellFormed(token)) {
            sessions.byCurrentRefreshToken(token).ifPresent(session -> sessions.revoke(session.id()));
        } else if (authenticator.inspect(token) instanceof Authentication.Success success) {
            sessions.revoke(success.caller().sessionId());
        }
        return Response.ok().header("Cache-Control", "no-store").build();
    }

    private static String tokenField(MultivaluedMap<String, String> form) {
        return Bodies.required(form == null ? null : form.getFirst("token"), "token", TokenFormat.MAX_LENGTH);
    }
}
