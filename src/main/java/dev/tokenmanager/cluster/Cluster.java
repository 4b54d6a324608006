package dev.tokenmanager.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Whether this node is part of a cluster, and the means to use it. On Payara with its data grid, events and shared
 * stores go through the grid's JCache and the grid's own membership says who is alive; on WildFly with
 * standalone-ha.xml (prepared by server-config/wildfly/), through its JGroups channel and a replicated Infinispan
 * cache. Everywhere else (Payara Micro with {@code --nohazelcast}, WildFly's standalone.xml) this node works alone:
 * events stay local, stores live in memory, and nothing breaks.
 */
@ApplicationScoped
public class Cluster {

    /** Where Payara binds its JCache CacheManager and its Hazelcast instance. */
    static final String PAYARA_CACHE_MANAGER = "payara/CacheManager";
    static final String PAYARA_HAZELCAST = "payara/Hazelcast";
    /** The names WEB-INF/jboss-web.xml gives WildFly's command dispatcher factory and the shared Infinispan cache. */
    static final String WILDFLY_DISPATCHERS = "java:comp/env/token-manager/command-dispatcher-factory";
    static final String WILDFLY_SHARED_CACHE = "java:comp/env/token-manager/shared-cache";

    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());

    @Inject
    Clock clock;

    private final String nodeId = UUID.randomUUID().toString();
    private ClusterEngine engine;
    private ClusterBus bus;

    @PostConstruct
    void connect() {
        engine = findEngine();
        if (engine != null) {
            try {
                bus = engine.bus();
                LOG.info("clustered through " + engine.describe() + ": revocations, key changes and login throttling"
                        + " are shared by every node");
                return;
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, engine.describe() + " is there but cannot be used; working alone", e);
                engine = null;
            }
        }
        bus = new LocalBus();
        LOG.info("no data grid: this node works alone");
    }

    /** An orderly stop: the other nodes stop waiting for this one's acknowledgements at once. */
    @PreDestroy
    void disconnect() {
        try {
            bus.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not end this node's registration in the cluster; its membership drops it", e);
        }
    }

    private ClusterEngine findEngine() {
        ClusterEngine payara = findPayaraGrid();
        return payara != null ? payara : findWildFlyCluster(clock);
    }

    private static ClusterEngine findPayaraGrid() {
        Object[] bound = lookUp(PAYARA_CACHE_MANAGER, PAYARA_HAZELCAST);
        if (bound == null) {
            return null;
        }
        try {
            return new DataGrid(bound[0], new HazelcastMembership(bound[1]));
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    private static ClusterEngine findWildFlyCluster(Clock clock) {
        Object[] bound = lookUp(WILDFLY_DISPATCHERS, WILDFLY_SHARED_CACHE);
        if (bound == null) {
            return null;
        }
        try {
            WildFlyCluster wildfly = new WildFlyCluster(bound[0], bound[1], clock);
            return wildfly.isClustered() ? wildfly : null;
        } catch (LinkageError | RuntimeException e) {
            LOG.log(Level.WARNING, "WildFly's clustering services are there but cannot be used; working alone", e);
            return null;
        }
    }

    /** What the server binds at {@code names}, all of them, or null when one is missing. */
    // Fixed names the server binds (or this deployment's own WEB-INF/jboss-web.xml maps), never a name from a
    // request: nothing user-controlled is looked up.
    @SuppressWarnings("BanJNDI")
    private static Object[] lookUp(String... names) {
        Object[] bound = new Object[names.length];
        try {
            InitialContext naming = new InitialContext();
            for (int i = 0; i < names.length; i++) {
                bound[i] = naming.lookup(names[i]);
                if (bound[i] == null) {
                    return null;
                }
            }
        } catch (NamingException | RuntimeException e) {
            return null;
        }
        return bound;
    }

    /** Whether a data grid links this node with others. */
    public boolean isClustered() {
        return engine != null;
    }

    /** How many nodes of token-manager the cluster links, this one included (1 without a cluster). */
    public int members() {
        return bus.members();
    }

    /** Events this node published that another node did not acknowledge in time (0 without a cluster). */
    public long unacknowledgedEvents() {
        return bus.unacknowledgedEvents();
    }

    /** This node's identity for leases and logs. */
    public String nodeId() {
        return nodeId;
    }

    public ClusterBus bus() {
        return bus;
    }

    /**
     * A store of strings shared by all nodes (this node's memory without a cluster); entries live {@code ttl} from
     * their last write.
     */
    public SharedStore store(String name, Duration ttl) {
        if (engine != null) {
            try {
                return engine.store(name, ttl);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "cannot share " + name + " through " + engine.describe()
                        + "; keeping it on this node", e);
            }
        }
        return new LocalStore(ttl);
    }
}
