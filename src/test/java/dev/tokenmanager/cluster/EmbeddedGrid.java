package dev.tokenmanager.cluster;

import com.hazelcast.cache.impl.HazelcastServerCachingProvider;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.UUID;
import javax.cache.CacheManager;

/**
 * A real Hazelcast member in the test's JVM, on loopback, with its JCache cache manager: the same engine (the
 * version Payara Micro ships) and the same API the data grid code meets in Payara.
 */
final class EmbeddedGrid implements AutoCloseable {

    private static final int FIRST_PORT = 15701;
    private static final int PORTS = 8;

    final HazelcastInstance hazelcast;
    final CacheManager caches;

    private EmbeddedGrid(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        HazelcastServerCachingProvider provider = new HazelcastServerCachingProvider(hazelcast);
        this.caches = provider.getCacheManager(provider.getDefaultURI(), EmbeddedGrid.class.getClassLoader());
    }

    /** A member of the cluster {@code clusterName} (members of one name find each other on 127.0.0.1). */
    static EmbeddedGrid member(String clusterName) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName(clusterName + "-" + UUID.randomUUID());
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(FIRST_PORT).setPortAutoIncrement(true).setPortCount(PORTS);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        for (int port = FIRST_PORT; port < FIRST_PORT + PORTS; port++) {
            join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + port);
        }
        return new EmbeddedGrid(Hazelcast.newHazelcastInstance(config));
    }

    DataGrid grid() {
        return new DataGrid(caches, new HazelcastMembership(hazelcast));
    }

    /** Dies the way a killed process does: no goodbye to the other members. */
    void kill() {
        hazelcast.getLifecycleService().terminate();
    }

    @Override
    public void close() {
        if (hazelcast.getLifecycleService().isRunning()) {
            caches.close();
            hazelcast.shutdown();
        }
    }
}
