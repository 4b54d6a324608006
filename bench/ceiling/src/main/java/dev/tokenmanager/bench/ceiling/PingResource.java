package dev.tokenmanager.bench.ceiling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The ceiling: a bare request on the same server and JAX-RS stack, answering as many bytes of JSON as
 * {@code GET /api/me} does, in an application without security, with no work at all. One instance, as token-manager's
 * {@code MeResource} is: a request-scoped resource costs Weld and HK2 some 8 µs per request to create and inject, on
 * Payara and WildFly alike, and would make c and d, which a is compared with, slower than the platform is.
 */
@Path("ping")
@ApplicationScoped
public class PingResource {

    /** The size of token-manager's answer for the benchmark's users: {@code bench-user-000}, one group, a sid. */
    private static final String ANSWER =
            "{\"username\":\"bench-user-000\",\"groups\":[\"user\"],\"session_id\":\"AAAAAAAAAAAAAAAAAAAAAA\"}";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String ping() {
        return ANSWER;
    }
}
