package dev.tokenmanager.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tokenmanager.account.AccountChanged;
import dev.tokenmanager.cluster.Cluster;
import dev.tokenmanager.cluster.ClusterBus;
import dev.tokenmanager.cluster.ClusterEvent;
import dev.tokenmanager.config.Settings;
import dev.tokenmanager.metrics.CacheFigures;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The session seam with a cache in front of the database: live sessions are remembered for a while (the TTL bounds
 * staleness should an invalidation ever be lost), and forgotten the moment they are revoked or their account
 * changes. Invalidation runs after the revoking transaction commits, on this node directly and on every other node
 * through the cluster bus before the revoking request answers; a load racing with an invalidation never caches
 * what it read. Bounded with Caffeine's frequency-aware eviction: a full cache keeps its hot sessions.
 */
@Alternative
@Priority(100)
@ApplicationScoped
public class CachedSessionLookup implements SessionLookup {

    private final SessionLookup database;
    private final ClusterBus bus;
    private final Clock clock;
    private final boolean enabled;
    private final Cache<String, SessionState> bySessionId;
    private final Cache<String, String> sessionIdBySecretHash;
    private final AtomicLong invalidations = new AtomicLong();

    @Inject
    public CachedSessionLookup(DatabaseSessionLookup database, Cluster cluster, Settings settings, Clock clock) {
        this(database, cluster.bus(), settings.sessionCacheTtl(), settings.sessionCacheSize(), clock);
    }

    /**
     * The cache outside CDI (tests and tools).
     *
     * @param ttl  how long a loaded session is answered from memory; zero turns the cache off
     * @param size the most sessions remembered
     */
    public CachedSessionLookup(SessionLookup database, ClusterBus bus, Duration ttl, int size, Clock clock) {
        this.database = database;
        this.bus = bus;
        this.clock = clock;
        this.enabled = !ttl.isZero();
        Duration lifetime = enabled ? ttl : Duration.ofNanos(1);
        // Read on every request: upkeep on the reading thread (see VerifiedTokenCache).
        this.bySessionId = Caffeine.newBuilder().executor(Runnable::run).maximumSize(size)
                .expireAfterWrite(lifetime).recordStats().build();
        this.sessionIdBySecretHash = Caffeine.newBuilder().executor(Runnable::run).maximumSize(size)
                .expireAfterWrite(lifetime).build();
        bus.subscribe(event -> {
            switch (event.kind()) {
                case SESSIONS_REVOKED -> forgetSessions(event.ids());
                case ACCOUNT_CHANGED -> event.ids().forEach(this::forgetAccount);
                default -> { }
            }
        });
    }

    /** CDI's no-argument constructor for the client proxy. */
    protected CachedSessionLookup() {
        database = null;
        bus = null;
        clock = null;
        enabled = false;
        bySessionId = null;
        sessionIdBySecretHash = null;
    }

    @Override
    public Optional<SessionState> bySessionId(String sessionId) {
        Optional<SessionState> cached = cached(sessionId);
        return cached.isPresent() ? cached : load(() -> database.bySessionId(sessionId), null);
    }

    @Override
    public Optional<SessionState> bySecretHash(String secretHash) {
        String sessionId = sessionIdBySecretHash.getIfPresent(secretHash);
        Optional<SessionState> cached = sessionId == null ? Optional.empty() : cached(sessionId);
        return cached.isPresent() ? cached : load(() -> database.bySecretHash(secretHash), secretHash);
    }

    /** How the cache has done on this node. */
    public CacheFigures figures() {
        return CacheFigures.of(bySessionId);
    }

    /** A cached state that is still live; anything else is looked up again (an expiry may have been extended). */
    private Optional<SessionState> cached(String sessionId) {
        if (!enabled) {
            return Optional.empty();
        }
        SessionState state = bySessionId.getIfPresent(sessionId);
        return state == null || !state.isLive(clock.instant()) ? Optional.empty() : Optional.of(state);
    }

    private Optional<SessionState> load(Supplier<Optional<SessionState>> read, String secretHash) {
        long before = invalidations.get();
        Optional<SessionState> state = read.get();
        if (!enabled || state.isEmpty() || !state.get().isLive(clock.instant())) {
            return state;
        }
        String id = state.get().sessionId();
        bySessionId.put(id, state.get());
        if (secretHash != null) {
            sessionIdBySecretHash.put(secretHash, id);
        }
        if (invalidations.get() != before) {
            // An invalidation ran while this load read the database: what was read may be stale.
            bySessionId.asMap().remove(id, state.get());
        }
        return state;
    }

    /** After a revocation commits: forget here, then tell every other node. */
    void onRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionsRevoked revoked) {
        forgetSessions(revoked.sessionIds());
        bus.publish(ClusterEvent.sessionsRevoked(revoked.sessionIds()));
    }

    /** After an account change commits (state, groups): forget its sessions here and everywhere. */
    void onAccountChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountChanged changed) {
        forgetAccount(changed.accountId());
        bus.publish(ClusterEvent.accountChanged(changed.accountId()));
    }

    private void forgetSessions(List<String> sessionIds) {
        invalidations.incrementAndGet();
        bySessionId.invalidateAll(sessionIds);
    }

    private void forgetAccount(String accountId) {
        invalidations.incrementAndGet();
        bySessionId.asMap().values().removeIf(state -> state.accountId().equals(accountId));
    }
}
