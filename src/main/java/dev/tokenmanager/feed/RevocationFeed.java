package dev.tokenmanager.feed;

import dev.tokenmanager.cluster.Cluster;
import dev.tokenmanager.cluster.ClusterEvent;
import dev.tokenmanager.session.SessionsRevoked;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Streams the {@link RevocationLog} to this node's subscribers. Each node reads the database itself, so every node's
 * feed carries every revocation of the cluster in one order: it looks as soon as a revocation commits here, as
 * soon as the data grid tells of one on another node, and every poll interval in case neither did. Each subscriber
 * is served by its own task, one at a time, so a slow connection holds up nobody else.
 */
@ApplicationScoped
public class RevocationFeed {

    private static final Logger LOG = Logger.getLogger(RevocationFeed.class.getName());

    @Resource
    ManagedExecutorService executor;
    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    RevocationLog log;
    @Inject
    FeedAccess access;
    @Inject
    FeedSettings settings;
    @Inject
    Cluster cluster;
    @Inject
    Clock clock;

    private final Set<FeedSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger passesRequested = new AtomicInteger();
    private final AtomicLong subscribed = new AtomicLong();
    private final AtomicLong resumed = new AtomicLong();
    private final AtomicLong eventsSent = new AtomicLong();
    private ScheduledFuture<?> poll;
    private ScheduledFuture<?> heartbeat;

    @PostConstruct
    void start() {
        cluster.bus().subscribe(event -> {
            if (event.kind() == ClusterEvent.Kind.SESSIONS_REVOKED) {
                wake();
            }
        });
        long pollMillis = settings.pollInterval().toMillis();
        poll = scheduler.scheduleWithFixedDelay(this::wake, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        long beatMillis = settings.heartbeat().toMillis();
        heartbeat = scheduler.scheduleWithFixedDelay(this::heartbeat, beatMillis, beatMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        poll.cancel(false);
        heartbeat.cancel(false);
        subscriptions.forEach(FeedSubscription::close);
        subscriptions.clear();
    }

    /**
     * Starts streaming to {@code sink}: every live ended session numbered above {@code after} (from the oldest one
     * still live when there is none), then a comment once caught up, then each new one as it commits.
     */
    public void subscribe(SseEventSink sink, Sse sse, FeedAccess.Subscriber subscriber, Long after) {
        FeedSubscription subscription = new FeedSubscription(this, sink, sse, subscriber, after == null ? 0 : after);
        subscriptions.add(subscription);
        subscribed.incrementAndGet();
        if (after != null) {
            resumed.incrementAndGet();
        }
        LOG.info(() -> "revocation feed: " + subscriber.name() + " subscribed"
                + (after == null ? "" : ", resuming after event " + after));
        subscription.poke(log.lastSequence(), false);
    }

    /** After a revocation committed on this node: look at once (before other observers' slower work). */
    void onRevoked(@Observes(notifyObserver = Reception.IF_EXISTS, during = TransactionPhase.AFTER_SUCCESS)
                   @Priority(Interceptor.Priority.APPLICATION) SessionsRevoked revoked) {
        wake();
    }

    /** Asks for one look at the log; looks never overlap, and a request during one causes another. */
    void wake() {
        if (passesRequested.getAndIncrement() == 0) {
            try {
                executor.execute(this::passes);
            } catch (RuntimeException e) {
                passesRequested.set(0);
                LOG.log(Level.FINE, "could not look at the revocation log now; the next poll will", e);
            }
        }
    }

    private void passes() {
        int requested;
        do {
            requested = passesRequested.get();
            try {
                if (!subscriptions.isEmpty()) {
                    long last = log.lastSequence();
                    subscriptions.forEach(subscription -> subscription.poke(last, false));
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "reading the revocation log failed; trying again at the next poll", e);
            }
        } while (passesRequested.addAndGet(-requested) != 0);
    }

    private void heartbeat() {
        try {
            long last = subscriptions.isEmpty() ? 0 : log.lastSequence();
            subscriptions.forEach(subscription -> subscription.poke(last, true));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reading the revocation log failed; trying again at the next heartbeat", e);
        }
    }

    // ---------------------------------------------------------------------- what subscriptions use

    void run(Runnable work) {
        executor.execute(work);
    }

    List<EndedSession> read(long after, long upTo, int limit) {
        return log.after(after, upTo, clock.millis(), limit);
    }

    boolean stillAdmitted(FeedAccess.Subscriber subscriber) {
        return access.stillAdmitted(subscriber);
    }

    void sent(int events) {
        eventsSent.addAndGet(events);
    }

    void ended(FeedSubscription subscription, String why) {
        if (subscriptions.remove(subscription)) {
            LOG.info(() -> "revocation feed: " + subscription.subscriber().name() + " unsubscribed (" + why + ")");
        }
    }

    // ---------------------------------------------------------------------- counters

    /** Streams open on this node now. */
    public int subscribers() {
        return subscriptions.size();
    }

    /** Subscriptions since start-up, and those of them that resumed after a {@code Last-Event-ID}. */
    public long subscriptionsStarted() {
        return subscribed.get();
    }

    public long subscriptionsResumed() {
        return resumed.get();
    }

    /** Events sent to all subscribers since start-up. */
    public long eventsSent() {
        return eventsSent.get();
    }
}
