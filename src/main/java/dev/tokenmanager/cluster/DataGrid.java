package dev.tokenmanager.cluster;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.expiry.CreatedExpiryPolicy;

/**
 * The cluster through the server's JCache data grid (Payara's Hazelcast): events travel as entries of a cache whose
 * synchronous listeners run on every node before the publishing put returns; shared stores are caches of strings
 * updated by compare-and-replace. Loaded only when the server offers a JCache {@code CacheManager}.
 */
final class DataGrid {

    private static final Logger LOG = Logger.getLogger(DataGrid.class.getName());
    private static final String EVENTS = "token-manager-events";

    private final CacheManager manager;

    DataGrid(Object cacheManager) {
        this.manager = (CacheManager) cacheManager;
    }

    ClusterBus bus(String nodeId) {
        MutableConfiguration<String, String> config = new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.MINUTES, 1)));
        Cache<String, String> events = cache(EVENTS, config);
        return new GridBus(events, nodeId);
    }

    SharedStore store(String name, Duration ttl) {
        MutableConfiguration<String, String> config = new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.SECONDS, Math.max(1, ttl.toSeconds()))));
        return new GridStore(cache("token-manager-" + name, config));
    }

    private Cache<String, String> cache(String name, MutableConfiguration<String, String> config) {
        Cache<String, String> existing = manager.getCache(name, String.class, String.class);
        if (existing != null) {
            return existing;
        }
        try {
            return manager.createCache(name, config);
        } catch (javax.cache.CacheException e) {
            // Another node created it meanwhile.
            return manager.getCache(name, String.class, String.class);
        }
    }

    /**
     * Events as cache entries with random keys, {@code <origin node>|<event>}; every node listens synchronously and
     * skips its own events (it handled them before publishing).
     */
    private static final class GridBus implements ClusterBus {
        private final Cache<String, String> events;
        private final String nodeId;
        private final List<Consumer<ClusterEvent>> listeners = new CopyOnWriteArrayList<>();

        GridBus(Cache<String, String> events, String nodeId) {
            this.events = events;
            this.nodeId = nodeId;
            events.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                    FactoryBuilder.factoryOf(new Relay(this)), null, false, true));
        }

        @Override
        public void publish(ClusterEvent event) {
            events.put(UUID.randomUUID().toString(), nodeId + "|" + event.encode());
        }

        @Override
        public void subscribe(Consumer<ClusterEvent> listener) {
            listeners.add(listener);
        }

        void deliver(String value) {
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
        }
    }

    /** The listener registered on this node: hands every event of the grid to this node's bus. */
    static final class Relay implements CacheEntryCreatedListener<String, String>, Serializable {
        private static final long serialVersionUID = 1L;
        private final transient GridBus bus;

        Relay(GridBus bus) {
            this.bus = bus;
        }

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> created) {
            if (bus == null) {
                return;
            }
            for (CacheEntryEvent<? extends String, ? extends String> event : created) {
                bus.deliver(event.getValue());
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
