package dev.tokenmanager.it.support;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Deployments for two nodes of one cluster: one shared database (PostgreSQL when the run uses it, else one H2 file
 * both nodes open in H2's mixed mode), and the APIs of the two nodes. The nodes are two Payara Micro processes of one
 * data grid, or two WildFly servers of one JGroups channel (mvn verify -Dserver=wildfly -Dwildfly.cluster): each on
 * its own ports, WildFly's given by the port offsets of arquillian-wildfly-cluster.xml.
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
        return new Api(URI.create("http://127.0.0.1:" + httpPort(1) + "/"));
    }

    public static Api node2() {
        return new Api(URI.create("http://127.0.0.1:" + httpPort(2) + "/"));
    }

    /** Where node {@code node}'s MicroProfile Health answers: WildFly's management port, else the node itself. */
    public static Api health(int node) {
        if (!onWildFly()) {
            return node == 1 ? node1() : node2();
        }
        String port = System.getProperty(node == 1 ? "it.wildfly.management.port" : "it.wildfly.node2.management.port");
        return new Api(URI.create("http://127.0.0.1:" + port + "/"));
    }

    /** Kills node {@code node} like a crash would (SIGKILL: no shutdown hooks, no orderly close). */
    public static void kill(int node) {
        if (onWildFly()) {
            ServerProcesses.killWildFly(offset(node));
        } else {
            ServerProcesses.kill(String.valueOf(httpPort(node)));
        }
    }

    private static boolean onWildFly() {
        return "wildfly".equals(System.getProperty("it.server"));
    }

    private static int httpPort(int node) {
        return onWildFly() ? 8080 + offset(node) : Integer.parseInt(System.getProperty("it.node" + node + ".port"));
    }

    private static int offset(int node) {
        return Integer.parseInt(System.getProperty(node == 1 ? "it.wildfly.offset" : "it.wildfly.node2.offset"));
    }
}
