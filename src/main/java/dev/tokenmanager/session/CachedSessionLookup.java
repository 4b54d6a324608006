package dev.tokenmanager.session;

import dev.tokenmanager.account.AccountChanged;
import dev.tokenmanager.cluster.Cluster;
import dev.tokenmanager.cluster.ClusterEvent;
import dev.tokenmanager.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The session seam with a cache in front of the database: live sessions are remembered for a while (the TTL bounds
 * staleness should an invalidation ever be lost), and forgotten the moment they are revoked or their account
 * changes. Invalidation runs after the revoking transaction commits, on this node directly and on every other node
 * through the cluster bus before the revoking request answers; a load racing with an invalidation never caches
 * what it read.
 */
@Alternative
@Priority(100)
@ApplicationScoped
public class CachedSessionLookup implements SessionLookup {

    @Inject
    DatabaseSessionLookup database;
    @Inject
    Cluster cluster;
    @Inject
    Settings settings;
    @Inject
    Clock clock;

    private final ConcurrentMap<String, Entry> bySessionId = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> sessionIdBySecretHash = new ConcurrentHashMap<>();
    private final AtomicLong invalidations = new AtomicLong();
    private long ttlNanos;

    private record Entry(SessionState state, long freshUntilNanos) {
    }

    @PostConstruct
    void init() {
        ttlNanos = settings.sessionCacheTtl().toNanos();
        cluster.bus().subscribe(event -> {
            switch (event.kind()) {
                case SESSIONS_REVOKED -> forgetSessions(event.ids());
                case ACCOUNT_CHANGED -> event.ids().forEach(this::forgetAccount);
                default -> { }
            }
        });
    }

    @Override
    public Optional<SessionState> bySessionId(String sessionId) {
        Optional<SessionState> cached = cached(sessionId);
        return cached.isPresent() ? cached : load(() -> database.bySessionId(sessionId), null);
    }

    @Override
    public Optional<SessionState> bySecretHash(String secretHash) {
        String sessionId = sessionIdBySecretHash.get(secretHash);
        Optional<SessionState> cached = sessionId == null ? Optional.empty() : cached(sessionId);
        return cached.isPresent() ? cached : load(() -> database.bySecretHash(secretHash), secretHash);
    }

    /** A fresh, live cached state; anything else is looked up again (an expiry may have been extended). */
    private Optional<SessionState> cached(String sessionId) {
        Entry entry = bySessionId.get(sessionId);
        if (entry == null || System.nanoTime() - entry.freshUntilNanos() > 0 || !entry.state().isLive(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(entry.state());
    }

    private Optional<SessionState> load(Supplier<Optional<SessionState>> read, String secretHash) {
        long before = invalidations.get();
        Optional<SessionState> state = read.get();
        if (ttlNanos == 0 || state.isEmpty() || !state.get().isLive(clock.instant())) {
            return state;
        }
        if (bySessionId.size() >= settings.sessionCacheSize()) {
            bySessionId.clear();
            sessionIdBySecretHash.clear();
        }
        String id = state.get().sessionId();
        Entry entry = new Entry(state.get(), System.nanoTime() + ttlNanos);
        bySessionId.put(id, entry);
        if (secretHash != null) {
            sessionIdBySecretHash.put(secretHash, id);
        }
        if (invalidations.get() != before) {
            // An invalidation ran while this load read the database: what was read may be stale.
            bySessionId.remove(id, entry);
        }
        return state;
    }

    /** After a revocation commits: forget here, then tell every other node. */
    void onRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionsRevoked revoked) {
        forgetSessions(revoked.sessionIds());
        cluster.bus().publish(ClusterEvent.sessionsRevoked(revoked.sessionIds()));
    }

    /** After an account change commits (state, groups): forget its sessions here and everywhere. */
    void onAccountChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountChanged changed) {
        forgetAccount(changed.accountId());
        cluster.bus().publish(ClusterEvent.accountChanged(changed.accountId()));
    }

    private void forgetSessions(List<String> sessionIds) {
        invalidations.incrementAndGet();
        sessionIds.forEach(bySessionId::remove);
    }

    private void forgetAccount(String accountId) {
        invalidations.incrementAndGet();
        bySessionId.values().removeIf(entry -> entry.state().accountId().equals(accountId));
    }
}
