package dev.tokenmanager.it.support;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Deployments for two nodes of one cluster: one shared database (PostgreSQL when the run uses it, else one H2 file
 * both nodes open in H2's mixed mode), and the APIs of the two nodes.
 */
public final class ClusterDeployments {

    private ClusterDeployments() {
    }

    /** The WAR for one node of the cluster of test {@code name}. */
    public static WebArchive node(String name, int node, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("token-manager.db.url", TestDatabase.mixedModeUrl(Deployments.dataDir(name)));
        return Deployments.tokenManager(name + "-node-" + node, name, all);
    }

    public static Api node1() {
        return new Api(URI.create("http://127.0.0.1:" + System.getProperty("it.node1.port") + "/"));
    }

    public static Api node2() {
        return new Api(URI.create("http://127.0.0.1:" + System.getProperty("it.node2.port") + "/"));
    }
}
