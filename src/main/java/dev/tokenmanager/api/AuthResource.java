package dev.tokenmanager.api;

import dev.tokenmanager.auth.CurrentCaller;
import dev.tokenmanager.auth.GrantService;
import dev.tokenmanager.http.Problem;
import dev.tokenmanager.http.ProblemResponses;
import dev.tokenmanager.keys.SigningKeys;
import dev.tokenmanager.session.ClientInfo;
import dev.tokenmanager.session.SessionService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Login, logout and the public keys: {@code /api/auth/*}. */
@RequestScoped
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    static final int MAX_USERNAME = 64;
    static final int MAX_PASSWORD = 1024;
    static final int MAX_SESSION_NAME = 128;

    @Inject
    GrantService grants;
    @Inject
    SessionService sessions;
    @Inject
    SigningKeys keys;
    @Inject
    CurrentCaller caller;
    @Inject
    ClientInfoResolver clients;
    @Context
    HttpServletRequest request;

    @POST
    @Path("login")
    @Public
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(String body) {
        JsonObject json = Bodies.object(body);
        return login(Bodies.string(json, "username").orElse(null), Bodies.string(json, "password").orElse(null),
                Bodies.string(json, "device_name").orElse(null));
    }

    @POST
    @Path("login")
    @Public
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response loginForm(MultivaluedMap<String, String> form) {
        if (form == null) {
            throw ProblemException.badRequest("'username' is required.");
        }
        return login(form.getFirst("username"), form.getFirst("password"), form.getFirst("device_name"));
    }

    private Response login(String username, String password, String deviceName) {
        Bodies.required(username, "username", MAX_USERNAME);
        Bodies.required(password, "password", MAX_PASSWORD);
        if (deviceName != null && deviceName.length() > MAX_SESSION_NAME) {
            throw ProblemException.badRequest("'device_name' must be at most " + MAX_SESSION_NAME + " characters.");
        }
        ClientInfo client = clients.of(request);
        String name = sessionName(deviceName, request.getHeader("X-Device-Model"), client);
        GrantService.Granted granted = grants.login(username, password, name, client)
                .orElseThrow(() -> new ProblemException(Problem.of(401, "invalid-credentials",
                        "The username or password is wrong, or the account is disabled."),
                        Map.of("WWW-Authenticate", ProblemResponses.BEARER_CHALLENGE)));
        return tokenResponse(Json.createObjectBuilder()
                .add("access_token", granted.accessToken().token())
                .add("token_type", "Bearer")
                .add("expires_in", secondsUntil(granted.accessToken().expiresAt()))
                .add("session_id", granted.session().id())
                .build());
    }

    /** The session's name: {@code device_name}, else {@code X-Device-Model}, else the parsed User-Agent. */
    static String sessionName(String deviceName, String deviceModelHeader, ClientInfo client) {
        for (String candidate : new String[] {deviceName, deviceModelHeader}) {
            if (candidate != null && !candidate.isBlank()) {
                String trimmed = candidate.strip();
                return trimmed.length() <= MAX_SESSION_NAME ? trimmed : trimmed.substring(0, MAX_SESSION_NAME);
            }
        }
        return client.device().displayName();
    }

    static long secondsUntil(Instant instant) {
        return Math.max(0, Duration.between(Instant.now(), instant).toSeconds());
    }

    static Response tokenResponse(JsonObject body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .build();
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
}
