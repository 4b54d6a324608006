package dev.tokenmanager.it.support;

import dev.tokenmanager.it.interop.ResourceServerApplication;
import dev.tokenmanager.it.interop.WhoAmIResource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Another service that trusts token-manager statelessly with its server's own MicroProfile JWT (only our JWKS and
 * issuer), as a WAR: {@code GET /api/whoami} answers who the verified token says the caller is.
 */
public final class ResourceServers {

    private ResourceServers() {
    }

    /** The WAR, trusting the token-manager at {@code tokenManagerPort} on loopback, with {@code config} added. */
    public static WebArchive war(String tokenManagerPort, Map<String, String> config) {
        return war("resource-server.war", tokenManagerPort, config);
    }

    /** {@link #war(String, Map)} under another archive name, for a second resource server beside the first. */
    public static WebArchive war(String archiveName, String tokenManagerPort, Map<String, String> config) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("mp.jwt.verify.publickey.location", "http://127.0.0.1:" + tokenManagerPort + "/api/auth/jwks");
        all.put("mp.jwt.verify.issuer", "token-manager");
        all.putAll(config);
        return ShrinkWrap.create(WebArchive.class, archiveName)
                .addClasses(ResourceServerApplication.class, WhoAmIResource.class)
                .addAsResource(new StringAsset(all.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("\n", "", "\n"))), "META-INF/microprofile-config.properties")
                // The @LoginConfig application class must be discovered for the server's MP-JWT to switch on.
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\""
                        + " version=\"4.0\" bean-discovery-mode=\"all\"/>"), "beans.xml")
                // RESTEasy (WildFly) enforces @RolesAllowed only when told to; Jersey (Payara) always does.
                .setWebXML(new StringAsset("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
                        + "<context-param><param-name>resteasy.role.based.security</param-name>"
                        + "<param-value>true</param-value></context-param></web-app>"));
    }

    /**
     * The same WAR with the revocation feed client in {@code WEB-INF/lib}, packed the way its own build packs it
     * (revocation-feed-client/: its classes and {@code META-INF/web-fragment.xml}), configured by {@code config}
     * ({@code revocation-feed.*}).
     */
    public static WebArchive withFeedClient(String tokenManagerPort, Map<String, String> config) {
        JavaArchive client = ShrinkWrap.create(JavaArchive.class, "revocation-feed-client.jar")
                .addPackage("dev.tokenmanager.feedclient")
                .addAsManifestResource("revocation-feed-client/META-INF/web-fragment.xml", "web-fragment.xml");
        return war(tokenManagerPort, config).addAsLibrary(client);
    }
}
