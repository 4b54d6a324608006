package dev.tokenmanager.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Whether this node is part of a data grid, and the means to use it. On Payara with its data grid, events and
 * shared stores go through the grid's JCache and the grid's own membership says who is alive; everywhere else
 * (Payara Micro with {@code --nohazelcast}, WildFly) this node works alone: events stay local, stores live in
 * memory, and nothing breaks.
 */
@ApplicationScoped
public class Cluster {

    /** Where Payara binds its JCache CacheManager and its Hazelcast instance. */
    static final String PAYARA_CACHE_MANAGER = "payara/CacheManager";
    static final String PAYARA_HAZELCAST = "payara/Hazelcast";

    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());

    private String nodeId = UUID.randomUUID().toString();
    private DataGrid grid;
    private ClusterBus bus;

    @PostConstruct
    void connect() {
        grid = findGrid();
        if (grid != null) {
            try {
                bus = grid.bus();
                nodeId = grid.localMember();
                LOG.info("clustered through the server's data grid: revocations, key changes and login throttling"
                        + " are shared by every node");
                return;
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "the data grid is there but cannot be used; working alone", e);
                grid = null;
            }
        }
        bus = new LocalBus();
        LOG.info("no data grid: this node works alone");
    }

    /** An orderly stop: the other nodes stop waiting for this one's acknowledgements at once. */
    @PreDestroy
    void disconnect() {
        if (bus instanceof DataGrid.GridBus gridBus) {
            try {
                gridBus.leave();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "could not end this node's registration in the data grid; the grid's"
                        + " membership drops it", e);
            }
        }
    }

    // Fixed names the server binds, never a name from a request: nothing user-controlled is looked up.
    @SuppressWarnings("BanJNDI")
    private static DataGrid findGrid() {
        Object manager;
        Object hazelcast;
        try {
            InitialContext naming = new InitialContext();
            manager = naming.lookup(PAYARA_CACHE_MANAGER);
            hazelcast = naming.lookup(PAYARA_HAZELCAST);
        } catch (NamingException | RuntimeException e) {
            return null;
        }
        try {
            return manager == null || hazelcast == null ? null
                    : new DataGrid(manager, new HazelcastMembership(hazelcast));
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** Whether a data grid links this node with others. */
    public boolean isClustered() {
        return grid != null;
    }

    /** How many nodes of token-manager the data grid links, this one included (1 without a grid). */
    public int members() {
        return bus instanceof DataGrid.GridBus gridBus ? gridBus.members().size() : 1;
    }

    /** Events this node published that another node did not acknowledge in time (0 without a grid). */
    public long unacknowledgedEvents() {
        return bus instanceof DataGrid.GridBus gridBus ? gridBus.unacknowledgedEvents() : 0;
    }

    /** This node's identity for leases and logs. */
    public String nodeId() {
        return nodeId;
    }

    public ClusterBus bus() {
        return bus;
    }

    /**
     * A store of strings shared by all nodes (this node's memory without a grid); entries live {@code ttl} from
     * their last write.
     */
    public SharedStore store(String name, Duration ttl) {
        if (grid != null) {
            try {
                return grid.store(name, ttl);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "cannot share " + name + " through the data grid; keeping it on this node", e);
            }
        }
        return new LocalStore(ttl);
    }
}
