package dev.tokenmanager.it;

import dev.tokenmanager.testing.Jwts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Api.Tokens;
import dev.tokenmanager.it.support.Api.User;
import dev.tokenmanager.it.support.Deployments;
import dev.tokenmanager.it.support.Reply;
import dev.tokenmanager.it.support.ResourceServers;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Another service verifies our access tokens with its own server's MicroProfile JWT, trusting only our JWKS and
 * issuer: it accepts genuine tokens and rejects tampered ones.
 */
@ExtendWith(ArquillianExtension.class)
class MicroProfileJwtInteropIT {

    private static final String PORT = System.getProperty("it.fixed.port");

    @Deployment(name = "token-manager", order = 1, testable = false)
    @TargetsContainer("payara-fixed-port")
    static WebArchive tokenManager() {
        return Deployments.tokenManager("MicroProfileJwtInteropIT", Map.of());
    }

    @Deployment(name = "resource-server", order = 2, testable = false)
    @TargetsContainer("payara")
    static WebArchive resourceServer() {
        return ResourceServers.war(PORT, Map.of());
    }

    /** A service that also checks the audience (mp.jwt.verify.audiences): our tokens' default aud. */
    @Deployment(name = "audience-checking-resource-server", order = 3, testable = false)
    @TargetsContainer("payara-second")
    static WebArchive audienceCheckingResourceServer() {
        return ResourceServers.war("audience-checking-resource-server.war", PORT,
                Map.of("mp.jwt.verify.audiences", "token-manager"));
    }

    @ArquillianResource
    @OperateOnDeployment("resource-server")
    URL resourceServer;

    @ArquillianResource
    @OperateOnDeployment("audience-checking-resource-server")
    URL audienceCheckingResourceServer;

    private final Api tokenManager = new Api(URI.create("http://127.0.0.1:" + PORT + "/"));

    private Reply whoAmI(String token) {
        return Api.of(resourceServer).get("/api/whoami", token);
    }

    @Test
    void resourceServerAcceptsOurAccessTokens() {
        User user = tokenManager.createUser("interop", "user");
        Tokens tokens = tokenManager.loginOk(user.username(), user.password(), null);

        Reply reply = whoAmI(tokens.access());

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        JsonObject who = reply.json();
        assertThat(who.getString("name")).isEqualTo(user.username());
        assertThat(who.getJsonArray("groups").getString(0)).isEqualTo("user");
        assertThat(who.getString("sid")).isEqualTo(tokens.sessionId());
    }

    @Test
    void aResourceServerThatChecksTheAudienceAcceptsOurTokens() {
        User user = tokenManager.createUser("audience", "user");
        Tokens tokens = tokenManager.loginOk(user.username(), user.password(), null);
        assertThat(Jwts.claims(tokens.access()).getString("aud")).isEqualTo("token-manager");

        Reply reply = Api.of(audienceCheckingResourceServer).get("/api/whoami", tokens.access());

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json().getString("name")).isEqualTo(user.username());
    }

    @Test
    void resourceServerRejectsTamperedAndForeignTokens() {
        User user = tokenManager.createUser("interop", "user");
        String token = tokenManager.loginOk(user.username(), user.password(), null).access();
        String[] parts = token.split("\\.");
        String elevated = Jwts.b64url(Jwts.claims(token).toString().replace("\"user\"", "\"admin\""));

        assertThat(whoAmI(parts[0] + "." + elevated + "." + parts[2]).status()).isEqualTo(401);
        assertThat(whoAmI(parts[0] + "." + parts[1] + ".AAAA" + parts[2].substring(4)).status()).isEqualTo(401);
        assertThat(whoAmI(null).status()).isEqualTo(401);
        assertThat(whoAmI(token).status()).isEqualTo(200);
    }
}
