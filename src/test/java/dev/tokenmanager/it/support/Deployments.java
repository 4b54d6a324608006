package dev.tokenmanager.it.support;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The deployments of the container tests: the WAR {@code mvn package} built, unchanged, plus a jar holding this
 * test class's settings as a MicroProfile Config source that outranks the WAR's defaults.
 */
public final class Deployments {

    private Deployments() {
    }

    /**
     * @param name     the test's name: its data folder under {@code target/it-data}
     * @param settings MicroProfile Config properties for this server ({@code token-manager.access-ttl} and so on)
     */
    public static WebArchive tokenManager(String name, Map<String, String> settings) {
        return tokenManager(name, name, settings);
    }

    /**
     * @param name     the server's name: its data folder under {@code target/it-data}
     * @param testName the test class it serves (servers of one test share its logs)
     */
    static WebArchive tokenManager(String name, String testName, Map<String, String> settings) {
        Api.forgetAdminSessions(); // a new server, perhaps at an address an earlier one had
        ServerLogs.beginServerOf(testName);
        File war = new File(System.getProperty("it.war", "target/token-manager.war"));
        WebArchive archive = ShrinkWrap.create(ZipImporter.class, "token-manager.war").importFrom(war)
                .as(WebArchive.class);
        Properties properties = new Properties();
        properties.setProperty("config_ordinal", "150");
        properties.setProperty("token-manager.data-dir", dataDir(name).toString());
        properties.putAll(settings);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "settings of " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        archive.addAsLibrary(ShrinkWrap.create(JavaArchive.class, "it-config.jar")
                .addAsManifestResource(new StringAsset(text.toString()), "microprofile-config.properties"));
        return archive;
    }

    /** The data folder of the server of test {@code name}. */
    public static Path dataDir(String name) {
        return Path.of(System.getProperty("it.data", "target/it-data"), name).toAbsolutePath();
    }

    /** The log file the server under test writes (see arquillian.xml; each test's server gets its own). */
    public static Path serverLog() {
        return ServerLogs.directory().resolve("payara.log");
    }

    /** What the server (or servers) of the running test class logged so far: never an earlier test's lines. */
    public static String serverLogText() {
        return ServerLogs.text();
    }

    /**
     * Where the server's MicroProfile Health endpoints are: Payara Micro serves them on the application's port,
     * WildFly on its management port ({@code it.health.base}).
     */
    public static Api health(Api api) {
        String base = System.getProperty("it.health.base");
        return base == null || base.isBlank() ? api : new Api(java.net.URI.create(base));
    }

    /** The password of the first admin of every server under test (see pom.xml). */
    public static String adminPassword() {
        String password = System.getenv("TOKEN_MANAGER_ADMIN_PASSWORD");
        return password == null ? "it-admin-password-0" : password;
    }
}
