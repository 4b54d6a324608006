package dev.tokenmanager.api;

import dev.tokenmanager.http.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The token endpoint (RFC 6749 §3.2): {@code POST /api/auth/token}, a form whose {@code grant_type} picks one of the
 * {@link TokenGrant}s; its errors are the OAuth error JSON.
 */
@RequestScoped
@Path("auth/token")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    Instance<TokenGrant> grants;
    @Context
    HttpServletRequest request;

    @POST
    @Public
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response token(MultivaluedMap<String, String> form) {
        if (form == null) {
            throw OAuthErrorException.invalidRequest("'grant_type' is required.");
        }
        for (List<String> values : form.values()) {
            if (values.size() > 1) {
                throw OAuthErrorException.invalidRequest("Each parameter may be sent once (RFC 6749 §3.2).");
            }
        }
        String grantType = form.getFirst("grant_type");
        if (grantType == null || grantType.isEmpty()) {
            throw OAuthErrorException.invalidRequest("'grant_type' is required.");
        }
        for (TokenGrant grant : grants) {
            if (grant.grantType().equals(grantType)) {
                return grant.grant(form, request);
            }
        }
        throw new OAuthErrorException(400, "unsupported_grant_type", "This grant type is not supported here.");
    }

    /** A token request of another media type than a form: RFC 6749 §3.2 asks for a form. */
    @POST
    @Public
    public Response otherMediaType(String body) {
        throw OAuthErrorException.invalidRequest("Send the token request as application/x-www-form-urlencoded.");
    }
}
