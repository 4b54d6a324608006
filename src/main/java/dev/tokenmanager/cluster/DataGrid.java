package dev.tokenmanager.cluster;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Factory;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * The cluster through the server's JCache data grid (Payara's Hazelcast): events travel as entries of a cache that
 * every node listens to, and each node acknowledges an event once it has handled it, so that publishing returns
 * when every live node knows; shared stores are caches of strings updated by compare-and-replace. Which nodes are
 * live is the grid's own knowledge ({@link GridMembership}): a node that dies stops being waited for as soon as the
 * grid has noticed. Loaded only when the server offers a JCache {@code CacheManager}.
 */
final class DataGrid implements ClusterEngine {

    private static final Logger LOG = Logger.getLogger(DataGrid.class.getName());
    private static final String EVENTS = "token-manager-events";
    private static final String ACKS = "token-manager-event-acks";
    private static final String NODES = "token-manager-nodes";

    /** How long an event and its acknowledgements stay in the grid. */
    private static final Duration EVENT_LIFETIME = Duration.ofMinutes(1);

    private final CacheManager manager;
    private final GridMembership membership;

    DataGrid(Object cacheManager, GridMembership membership) {
        this.manager = (CacheManager) cacheManager;
        this.membership = membership;
    }

    @Override
    public String describe() {
        return "Payara's data grid";
    }

    @Override
    public GridBus bus() {
        return new GridBus(cache(EVENTS, CreatedExpiryPolicy.factoryOf(lasting(EVENT_LIFETIME))),
                cache(ACKS, CreatedExpiryPolicy.factoryOf(lasting(EVENT_LIFETIME))),
                cache(NODES, EternalExpiryPolicy.factoryOf()),
                membership);
    }

    @Override
    public SharedStore store(String name, Duration ttl) {
        return new CompareAndSetStore(
                new JCacheCells(cache("token-manager-" + name, ModifiedExpiryPolicy.factoryOf(lasting(ttl)))));
    }

    /** {@code duration} as JCache expresses it. */
    private static javax.cache.expiry.Duration lasting(Duration duration) {
        return new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, Math.max(1, duration.toMillis()));
    }

    private Cache<String, String> cache(String name, Factory<? extends ExpiryPolicy> expiry) {
        Cache<String, String> existing = manager.getCache(name, String.class, String.class);
        if (existing != null) {
            return existing;
        }
        try {
            return manager.createCache(name, new MutableConfiguration<String, String>()
                    .setTypes(String.class, String.class)
                    .setExpiryPolicyFactory(expiry));
        } catch (javax.cache.CacheException e) {
            // Another node created it meanwhile.
            return manager.getCache(name, String.class, String.class);
        }
    }

    /**
     * Events as cache entries: the key is the event's id, the value {@code <origin node>|<event>}. Every node
     * listens, skips its own events (it handled them before publishing), handles the others and then acknowledges
     * them in a second cache. A publisher waits for the acknowledgements of every node that runs token-manager (it
     * registered itself in a third cache when it started) and that the grid still counts as a member, at most
     * {@link Acknowledgements#TIMEOUT}: a member the grid loses meanwhile is not waited for any longer, and a node that does not
     * answer in time is logged, its cached sessions running out with the session cache's TTL.
     */
    static final class GridBus implements ClusterBus {
        private final Cache<String, String> events;
        private final Cache<String, String> acks;
        private final Cache<String, String> nodes;
        private final GridMembership membership;
        private final String nodeId;
        private final List<Consumer<ClusterEvent>> listeners = new CopyOnWriteArrayList<>();
        private final ConcurrentMap<String, Acknowledgements> awaited = new ConcurrentHashMap<>();
        private final AtomicLong unacknowledged = new AtomicLong();

        GridBus(Cache<String, String> events, Cache<String, String> acks, Cache<String, String> nodes,
                GridMembership membership) {
            this.events = events;
            this.acks = acks;
            this.nodes = nodes;
            this.membership = membership;
            this.nodeId = membership.localMember();
            membership.onMemberLeft(this::lost);
            acks.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                    FactoryBuilder.factoryOf(new Relay((key, value) -> acknowledged(key))), null, false, false));
            events.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                    FactoryBuilder.factoryOf(new Relay(this::deliver)), null, false, false));
            nodes.put(nodeId, "");
        }

        @Override
        public void publish(ClusterEvent event) {
            String id = UUID.randomUUID().toString();
            Set<String> others = liveNodes();
            others.remove(nodeId);
            Acknowledgements acknowledgements = new Acknowledgements(others);
            awaited.put(id, acknowledgements);
            try {
                events.put(id, nodeId + "|" + event.encode());
                if (!acknowledgements.settle(membership.members())) {
                    unacknowledged.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                awaited.remove(id);
            }
        }

        @Override
        public void subscribe(Consumer<ClusterEvent> listener) {
            listeners.add(listener);
        }

        @Override
        public int members() {
            return liveNodes().size();
        }

        /** The nodes running token-manager that the grid counts as members now, this node among them. */
        private Set<String> liveNodes() {
            Set<String> gridMembers = membership.members();
            Set<String> live = new HashSet<>();
            for (Cache.Entry<String, String> node : nodes) {
                if (gridMembers.contains(node.getKey())) {
                    live.add(node.getKey());
                }
            }
            return live;
        }

        @Override
        public long unacknowledgedEvents() {
            return unacknowledged.get();
        }

        /** Ends this node's registration (an orderly stop): publishers stop waiting for it at once. */
        @Override
        public void close() {
            nodes.remove(nodeId);
        }

        /** The grid lost {@code member}: nobody waits for it, and it is no longer registered. */
        void lost(String member) {
            awaited.values().forEach(acknowledgements -> acknowledgements.received(member));
            try {
                nodes.remove(member);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "could not remove the registration of a lost member; another node does", e);
            }
        }

        void deliver(String id, String value) {
            int bar = value.indexOf('|');
            if (bar < 0 || value.substring(0, bar).equals(nodeId)) {
                return;
            }
            ClusterEvent event = ClusterEvent.decode(value.substring(bar + 1));
            for (Consumer<ClusterEvent> listener : listeners) {
                try {
                    listener.accept(event);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "handling a cluster event failed", e);
                }
            }
            acks.put(id + "|" + nodeId, "");
        }

        void acknowledged(String ackKey) {
            int bar = ackKey.lastIndexOf('|');
            Acknowledgements acknowledgements = bar < 0 ? null : awaited.get(ackKey.substring(0, bar));
            if (acknowledgements != null) {
                acknowledgements.received(ackKey.substring(bar + 1));
            }
        }
    }

    /**
     * A cache listener on this node: hands each created entry's key and value to {@code handler}. The handler is
     * transient: a copy the grid might deserialize elsewhere does nothing.
     */
    static final class Relay implements CacheEntryCreatedListener<String, String>, Serializable {
        private static final long serialVersionUID = 1L;
        private final transient BiConsumer<String, String> handler;

        Relay(BiConsumer<String, String> handler) {
            this.handler = handler;
        }

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> created) {
            if (handler == null) {
                return;
            }
            for (CacheEntryEvent<? extends String, ? extends String> event : created) {
                handler.accept(event.getKey(), event.getValue());
            }
        }
    }

    /** A JCache as the cells of a {@link CompareAndSetStore}: the cache's own expiry policy ends entries. */
    private record JCacheCells(Cache<String, String> cache) implements CompareAndSetStore.Cells {

        @Override
        public String get(String key) {
            return cache.get(key);
        }

        @Override
        public boolean putIfAbsent(String key, String value) {
            return cache.putIfAbsent(key, value);
        }

        @Override
        public boolean replace(String key, String expected, String value) {
            return cache.replace(key, expected, value);
        }

        @Override
        public boolean remove(String key, String expected) {
            return cache.remove(key, expected);
        }

        @Override
        public void remove(String key) {
            cache.remove(key);
        }
    }
}
