package dev.tokenmanager.logout;

import dev.tokenmanager.account.Account;
import dev.tokenmanager.account.AccountRepository;
import dev.tokenmanager.cluster.Cluster;
import dev.tokenmanager.cluster.JobLeases;
import dev.tokenmanager.config.Settings;
import dev.tokenmanager.events.SecurityEvent;
import dev.tokenmanager.events.SecurityEventKind;
import dev.tokenmanager.events.SecurityEvents;
import dev.tokenmanager.keys.SigningKeys;
import dev.tokenmanager.persistence.SchemaMigration;
import dev.tokenmanager.session.SessionsRevoked;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the outbox's back-channel logouts, off the request path: at once after a revocation commits on this node,
 * and every poll interval on every node (so what another node or an earlier run left is sent too). A node sends
 * a delivery only while it holds its claim; each attempt is bounded in time, a failure is retried with doubling
 * waits until the give-up age, and each delivery, failure and abandonment is a security event.
 */
@ApplicationScoped
public class BackchannelLogoutWorker {

    private static final Logger LOG = Logger.getLogger(BackchannelLogoutWorker.class.getName());
    private static final String PRUNE_JOB = "prune-backchannel-logouts";

    @Resource
    ManagedScheduledExecutorService scheduler;
    @Resource
    ManagedExecutorService executor;
    @Resource
    ContextService context;
    @Inject
    LogoutOutbox outbox;
    @Inject
    SigningKeys keys;
    @Inject
    Settings settings;
    @Inject
    BackchannelLogoutSettings logoutSettings;
    @Inject
    AccountRepository accounts;
    @Inject
    SecurityEvents events;
    @Inject
    JobLeases leases;
    @Inject
    Cluster cluster;
    @Inject
    Clock clock;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();
    private volatile boolean stopping;
    private LogoutSender sender;
    private LogoutTokens tokens;
    private Semaphore inFlight;

    void start(@Observes @Priority(SchemaMigration.PRIORITY + 20) @Initialized(ApplicationScoped.class) Object event) {
        sender = new LogoutSender(executor, logoutSettings.connectTimeout(), logoutSettings.responseTimeout());
        tokens = new LogoutTokens(settings.issuer(), logoutSettings.tokenLifetime());
        inFlight = new Semaphore(logoutSettings.concurrency());
        long poll = logoutSettings.pollInterval().toMillis();
        long prune = settings.pruneInterval().toMillis();
        schedules.add(scheduler.scheduleWithFixedDelay(this::deliverDue, 0, poll, TimeUnit.MILLISECONDS));
        schedules.add(scheduler.scheduleWithFixedDelay(this::prune, prune, prune, TimeUnit.MILLISECONDS));
    }

    /** A revocation committed here: its deliveries go out now rather than at the next poll. */
    void onRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionsRevoked revoked) {
        if (sender != null && !stopping) {
            executor.execute(this::deliverDue);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        schedules.forEach(schedule -> schedule.cancel(false));
        try {
            // What is in flight is sent again by the next holder: a receiver may hear of a session twice.
            outbox.releaseClaims(cluster.nodeId());
            leases.release(PRUNE_JOB, cluster.nodeId());
        } catch (RuntimeException e) {
            // The claims then run out by themselves.
            LOG.log(Level.FINE, "could not release back-channel logout claims on stop", e);
        }
    }

    /** Starts every due delivery there is room for; runs once at a time, again when asked meanwhile. */
    void deliverDue() {
        again.set(true);
        while (again.get() && !stopping && running.compareAndSet(false, true)) {
            try {
                again.set(false);
                startDue();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "looking for due back-channel logouts failed; trying again in "
                        + logoutSettings.pollInterval(), e);
            } finally {
                running.set(false);
            }
        }
    }

    private void startDue() {
        int room = inFlight.availablePermits();
        if (room == 0) {
            return; // a finishing delivery looks again
        }
        Instant now = clock.instant();
        for (LogoutDelivery due : outbox.due(now, room)) {
            if (!inFlight.tryAcquire()) {
                return;
            }
            boolean started = false;
            try {
                if (outbox.claim(due.id(), cluster.nodeId(), now, now.plus(claimDuration()))) {
                    attempt(due);
                    started = true;
                }
            } finally {
                if (!started) {
                    inFlight.release();
                }
            }
        }
    }

    /** Longer than any attempt can take, so no other node sends a delivery while this one may still be at it. */
    private Duration claimDuration() {
        return logoutSettings.attemptTimeout().multipliedBy(2).plusSeconds(30);
    }

    private void attempt(LogoutDelivery delivery) {
        CompletableFuture<LogoutSender.Outcome> outcome;
        try {
            String token = tokens.sign(keys.current(), delivery.clientId(), delivery.subject(),
                    delivery.sessionId(), clock.instant());
            outcome = sender.send(delivery.uri(), token);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot make a logout token", e);
            outcome = CompletableFuture.completedFuture(new LogoutSender.Outcome(false, "no signing key"));
        }
        // The rest runs on a managed thread in this application's context (captured here), whatever thread
        // completed the attempt: the HTTP client's, or a timeout's. Then the next due delivery may start.
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                inFlight.release();
            }
        };
        outcome.thenAcceptAsync(context.contextualConsumer(result -> {
            try {
                record(delivery, result);
            } finally {
                release.run();
                deliverDue();
            }
        }), executor).exceptionally(failure -> {
            release.run();
            LOG.log(Level.WARNING, "recording a back-channel logout attempt failed; it is retried once its claim"
                    + " runs out", failure);
            return null;
        });
    }

    private void record(LogoutDelivery delivery, LogoutSender.Outcome outcome) {
        Instant now = clock.instant();
        int attempt = delivery.attempts() + 1;
        String node = cluster.nodeId();
        String detail = "client " + delivery.clientId() + ", " + withoutQuery(delivery.uri()) + ": " + outcome.result()
                + " (attempt " + attempt + ")";
        if (outcome.delivered()) {
            if (outbox.finish(delivery.id(), node, now, outcome.result(), LogoutDelivery.State.DELIVERED)) {
                events.record(event(SecurityEventKind.BACKCHANNEL_LOGOUT_DELIVERED, delivery).detail(detail));
            }
            return;
        }
        Instant next = now.plus(logoutSettings.retryDelay(attempt));
        if (next.isAfter(delivery.createdAt().plus(logoutSettings.giveUpAfter()))) {
            if (outbox.finish(delivery.id(), node, now, outcome.result(), LogoutDelivery.State.ABANDONED)) {
                events.record(event(SecurityEventKind.BACKCHANNEL_LOGOUT_ABANDONED, delivery)
                        .detail(detail + "; given up " + logoutSettings.giveUpAfter() + " after the session ended"));
            }
        } else if (outbox.retryLater(delivery.id(), node, now, outcome.result(), next)) {
            events.record(event(SecurityEventKind.BACKCHANNEL_LOGOUT_FAILED, delivery)
                    .detail(detail + "; next attempt at " + next));
        }
    }

    private SecurityEvent event(SecurityEventKind kind, LogoutDelivery delivery) {
        String username = accounts.byId(delivery.subject()).map(Account::username).orElse(null);
        return SecurityEvent.of(kind).account(delivery.subject(), username).session(delivery.sessionId());
    }

    /** The URI without its query, which might carry something the receiver considers secret. */
    static String withoutQuery(String uri) {
        try {
            URI parsed = URI.create(uri);
            return parsed.getScheme() + "://" + parsed.getRawAuthority() + (parsed.getRawPath() == null ? ""
                    : parsed.getRawPath());
        } catch (IllegalArgumentException e) {
            return "(unusable URI)";
        }
    }

    /** On the one node holding the job's lease, deletes deliveries that ended longer ago than the retention. */
    void prune() {
        try {
            if (!leases.acquire(PRUNE_JOB, cluster.nodeId(), settings.pruneInterval().multipliedBy(2))) {
                return;
            }
            int deleted = outbox.deleteFinishedBefore(clock.instant().minus(settings.sessionRetention()));
            if (deleted > 0) {
                LOG.info("pruned " + deleted + " finished back-channel logouts");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "pruning back-channel logouts failed; trying again in "
                    + settings.pruneInterval(), e);
        }
    }
}
