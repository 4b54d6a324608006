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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
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
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * The cluster through the server's JCache data grid (Payara's Hazelcast): events travel as entries of a cache that
 * every node listens to, and each node acknowledges an event once it has handled it, so that publishing returns
 * when every live node knows; shared stores are caches of strings updated by compare-and-replace. Loaded only when
 * the server offers a JCache {@code CacheManager}.
 */
final class DataGrid {

    private static final Logger LOG = Logger.getLogger(DataGrid.class.getName());
    private static final String EVENTS = "token-manager-events";
    private static final String ACKS = "token-manager-event-acks";
    private static final String MEMBERS = "token-manager-members";

    /** How often a node renews its membership, and how long a membership lasts without renewal. */
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final Duration MEMBERSHIP = HEARTBEAT.multipliedBy(4);
    /** How long an event and its acknowledgements stay in the grid. */
    private static final Duration EVENT_LIFETIME = Duration.ofMinutes(1);
    /** The longest a publisher waits for the other nodes' acknowledgements. */
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(1);

    private final CacheManager manager;

    DataGrid(Object cacheManager) {
        this.manager = (CacheManager) cacheManager;
    }

    GridBus bus(String nodeId) {
        return new GridBus(cache(EVENTS, CreatedExpiryPolicy.factoryOf(lasting(EVENT_LIFETIME))),
                cache(ACKS, CreatedExpiryPolicy.factoryOf(lasting(EVENT_LIFETIME))),
                cache(MEMBERS, ModifiedExpiryPolicy.factoryOf(lasting(MEMBERSHIP))),
                nodeId);
    }

    SharedStore store(String name, Duration ttl) {
        return new GridStore(cache("token-manager-" + name, CreatedExpiryPolicy.factoryOf(
                lasting(Duration.ofSeconds(Math.max(1, ttl.toSeconds()))))));
    }

    /** {@code duration} as JCache expresses it. */
    private static javax.cache.expiry.Duration lasting(Duration duration) {
        return new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, duration.toMillis());
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
     * them in a second cache. A publisher waits for the acknowledgements of every live member (the nodes whose
     * membership entry, renewed every {@link #HEARTBEAT}, has not run out), at most {@link #ACK_TIMEOUT}: a node that
     * does not answer in time is logged, and its cached sessions run out with the session cache's TTL.
     */
    static final class GridBus implements ClusterBus {
        private final Cache<String, String> events;
        private final Cache<String, String> acks;
        private final Cache<String, String> members;
        private final String nodeId;
        private final List<Consumer<ClusterEvent>> listeners = new CopyOnWriteArrayList<>();
        private final ConcurrentMap<String, Awaited> awaited = new ConcurrentHashMap<>();
        private final AtomicLong unacknowledged = new AtomicLong();

        GridBus(Cache<String, String> events, Cache<String, String> acks, Cache<String, String> members,
                String nodeId) {
            this.events = events;
            this.acks = acks;
            this.members = members;
            this.nodeId = nodeId;
            heartbeat();
            acks.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                    FactoryBuilder.factoryOf(new Relay((key, value) -> acknowledged(key))), null, false, false));
            events.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                    FactoryBuilder.factoryOf(new Relay(this::deliver)), null, false, false));
        }

        @Override
        public void publish(ClusterEvent event) {
            String id = UUID.randomUUID().toString();
            Set<String> others = members();
            others.remove(nodeId);
            Awaited acknowledgements = new Awaited(others);
            awaited.put(id, acknowledgements);
            try {
                events.put(id, nodeId + "|" + event.encode());
                if (!acknowledgements.await(ACK_TIMEOUT)) {
                    unacknowledged.incrementAndGet();
                    LOG.warning("nodes " + acknowledgements.missing() + " did not acknowledge a cluster event within "
                            + ACK_TIMEOUT.toMillis() + " ms; their session caches catch up within their TTL");
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

        /** The live members of the grid, this node among them. */
        Set<String> members() {
            Set<String> live = new HashSet<>();
            for (Cache.Entry<String, String> member : members) {
                live.add(member.getKey());
            }
            return live;
        }

        /** Events this node published that some live node did not acknowledge in time. */
        long unacknowledgedEvents() {
            return unacknowledged.get();
        }

        /** Renews this node's membership: publishers wait for its acknowledgements while it lasts. */
        void heartbeat() {
            members.put(nodeId, Long.toString(System.currentTimeMillis()));
        }

        /** Ends this node's membership (an orderly stop): publishers stop waiting for it at once. */
        void leave() {
            members.remove(nodeId);
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
            Awaited acknowledgements = bar < 0 ? null : awaited.get(ackKey.substring(0, bar));
            if (acknowledgements != null) {
                acknowledgements.received(ackKey.substring(bar + 1));
            }
        }
    }

    /** The nodes whose acknowledgement of one event is still awaited. */
    private static final class Awaited {
        private final Set<String> missing;
        private final CountDownLatch done = new CountDownLatch(1);

        Awaited(Set<String> nodes) {
            this.missing = ConcurrentHashMap.newKeySet();
            this.missing.addAll(nodes);
            if (nodes.isEmpty()) {
                done.countDown();
            }
        }

        void received(String node) {
            if (missing.remove(node) && missing.isEmpty()) {
                done.countDown();
            }
        }

        boolean await(Duration timeout) throws InterruptedException {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        Set<String> missing() {
            return Set.copyOf(missing);
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

    /** Strings updated by compare-and-replace, retried on conflict. */
    private record GridStore(Cache<String, String> cache) implements SharedStore {

        @Override
        public String get(String key) {
            return cache.get(key);
        }

        @Override
        public void update(String key, UnaryOperator<String> update) {
            for (int attempt = 0; attempt < 50; attempt++) {
                String old = cache.get(key);
                String replacement = update.apply(old);
                boolean done;
                if (old == null) {
                    done = replacement == null || cache.putIfAbsent(key, replacement);
                } else if (replacement == null) {
                    done = cache.remove(key, old);
                } else {
                    done = cache.replace(key, old, replacement);
                }
                if (done) {
                    return;
                }
            }
            LOG.warning("gave up updating " + key + " after 50 conflicting attempts");
        }

        @Override
        public void remove(String key) {
            cache.remove(key);
        }
    }
}
