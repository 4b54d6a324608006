package dev.tokenmanager.discovery;

import dev.tokenmanager.api.TokenGrant;
import dev.tokenmanager.config.Settings;
import dev.tokenmanager.http.Jsons;
import dev.tokenmanager.http.PublicUrl;
import dev.tokenmanager.identity.IdentitySettings;
import dev.tokenmanager.keys.SigningKeys;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;

/**
 * token-manager described for resource servers and client libraries: {@code GET /.well-known/openid-configuration}
 * (OpenID Connect Discovery 1.0) and {@code GET /.well-known/oauth-authorization-server} (RFC 8414) answer the same
 * metadata. {@code issuer} is the tokens' {@code iss}; the endpoints are absolute URLs under the public URL.
 */
@WebServlet(urlPatterns = {MetadataServlet.OPENID_CONFIGURATION, MetadataServlet.AUTHORIZATION_SERVER})
public class MetadataServlet extends HttpServlet {

    static final String OPENID_CONFIGURATION = "/.well-known/openid-configuration";
    static final String AUTHORIZATION_SERVER = "/.well-known/oauth-authorization-server";

    private static final long serialVersionUID = 1L;

    @Inject
    transient Settings settings;
    @Inject
    transient IdentitySettings identity;
    @Inject
    transient SigningKeys keys;
    @Inject
    transient Instance<TokenGrant> grants;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = metadata(PublicUrl.base(identity.publicUrl(), request)).build().toString()
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "public, max-age=60");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    JsonObjectBuilder metadata(String base) {
        TreeSet<String> grantTypes = new TreeSet<>();
        grants.forEach(grant -> grantTypes.add(grant.grantType()));
        List<String> algorithms = List.of(keys.current().algorithm());
        return Jsons.createObjectBuilder()
                .add("issuer", settings.issuer())
                .add("jwks_uri", base + "/api/auth/jwks")
                .add("token_endpoint", base + "/api/auth/token")
                .add("introspection_endpoint", base + "/api/auth/introspect")
                .add("revocation_endpoint", base + "/api/auth/revoke")
                .add("grant_types_supported", Jsons.createArrayBuilder(grantTypes))
                .add("response_types_supported", Jsons.createArrayBuilder(List.of("code")))
                .add("code_challenge_methods_supported", Jsons.createArrayBuilder(List.of("S256")))
                .add("subject_types_supported", Jsons.createArrayBuilder(List.of("public")))
                // A public front end names itself without a secret; one with a secret sends it in the form or Basic.
                .add("token_endpoint_auth_methods_supported", Jsons.createArrayBuilder(
                        List.of("none", "client_secret_post", "client_secret_basic")))
                .add("revocation_endpoint_auth_methods_supported", Jsons.createArrayBuilder(List.of("none")))
                .add("id_token_signing_alg_values_supported", Jsons.createArrayBuilder(algorithms))
                // Registered clients with a back-channel logout URI get a logout token, with sid, when a session ends.
                .add("backchannel_logout_supported", true)
                .add("backchannel_logout_session_supported", true);
    }
}
