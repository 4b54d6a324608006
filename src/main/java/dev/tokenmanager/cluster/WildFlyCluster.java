package dev.tokenmanager.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import org.wildfly.clustering.server.GroupMember;
import org.wildfly.clustering.server.dispatcher.CommandDispatcherFactory;

/**
 * The cluster through WildFly's own engine (standalone-ha.xml, prepared by server-config/wildfly/): events go to
 * every member of the JGroups channel through WildFly's command dispatcher ({@link WildFlyBus}), and the shared
 * stores live in a replicated Infinispan cache that server-config/wildfly/configure.cli declares. The deployment
 * reaches both by the names WEB-INF/jboss-web.xml maps; loaded only on WildFly.
 */
final class WildFlyCluster implements ClusterEngine {

    private final CommandDispatcherFactory<GroupMember> dispatchers;
    private final ConcurrentMap<String, String> cache;
    private final Clock clock;

    WildFlyCluster(Object dispatcherFactory, Object replicatedCache, Clock clock) {
        @SuppressWarnings("unchecked")
        CommandDispatcherFactory<GroupMember> factory = (CommandDispatcherFactory<GroupMember>) dispatcherFactory;
        @SuppressWarnings("unchecked")
        ConcurrentMap<String, String> map = (ConcurrentMap<String, String>) replicatedCache;
        this.dispatchers = factory;
        this.cache = map;
        this.clock = clock;
    }

    /** Whether the server's group links this node with others at all (false: standalone.xml, no JGroups). */
    boolean isClustered() {
        return !dispatchers.getGroup().isSingleton();
    }

    @Override
    public String describe() {
        return "WildFly's JGroups channel and a replicated Infinispan cache";
    }

    @Override
    public ClusterBus bus() {
        return new WildFlyBus(dispatchers);
    }

    @Override
    public SharedStore store(String name, Duration ttl) {
        return new CompareAndSetStore(new ExpiringCells(cache, name + ":", ttl, clock));
    }

    /**
     * One store's entries in the shared cache, under the store's prefix. The cache's own expiry is one bound for
     * all stores (configure.cli), so each value carries the instant it runs out, {@code <epoch millis>|<value>}, and
     * a value past it reads as absent.
     */
    record ExpiringCells(ConcurrentMap<String, String> cache, String prefix, Duration ttl, Clock clock)
            implements CompareAndSetStore.Cells {

        @Override
        public String get(String key) {
            return cache.get(prefix + key);
        }

        @Override
        public boolean putIfAbsent(String key, String value) {
            return cache.putIfAbsent(prefix + key, value) == null;
        }

        @Override
        public boolean replace(String key, String expected, String value) {
            return cache.replace(prefix + key, expected, value);
        }

        @Override
        public boolean remove(String key, String expected) {
            return cache.remove(prefix + key, expected);
        }

        @Override
        public void remove(String key) {
            cache.remove(prefix + key);
        }

        @Override
        public String decode(String raw) {
            int bar = raw.indexOf('|');
            if (bar < 0) {
                return null;
            }
            long until;
            try {
                until = Long.parseLong(raw.substring(0, bar));
            } catch (NumberFormatException e) {
                return null;
            }
            return clock.millis() < until ? raw.substring(bar + 1) : null;
        }

        @Override
        public String encode(String value) {
            return (clock.millis() + ttl.toMillis()) + "|" + value;
        }
    }
}
