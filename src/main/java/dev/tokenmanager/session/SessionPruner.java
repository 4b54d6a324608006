package dev.tokenmanager.session;

import dev.tokenmanager.cluster.Cluster;
import dev.tokenmanager.cluster.JobLeases;
import dev.tokenmanager.config.Settings;
import dev.tokenmanager.persistence.StartupComplete;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes sessions that ended (revoked or expired) longer ago than the retention period, every prune interval, on
 * one node of the cluster at a time (the holder of the job's lease), and tells other keepers of ended sessions to
 * prune theirs ({@link PruneDue}).
 */
@ApplicationScoped
public class SessionPruner {

    private static final Logger LOG = Logger.getLogger(SessionPruner.class.getName());
    private static final String JOB = "prune-sessions";

    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    SessionRepository repository;
    @Inject
    Settings settings;
    @Inject
    Clock clock;
    @Inject
    JobLeases leases;
    @Inject
    Cluster cluster;
    @Inject
    Event<PruneDue> pruning;

    private ScheduledFuture<?> schedule;

    void start(@Observes StartupComplete event) {
        long interval = settings.pruneInterval().toMillis();
        schedule = scheduler.scheduleWithFixedDelay(this::prune, interval, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
        try {
            leases.release(JOB, cluster.nodeId());
        } catch (RuntimeException e) {
            // The lease then runs out by itself.
            LOG.log(Level.FINE, "could not release the pruning lease on stop", e);
        }
    }

    /** On the one node holding the job's lease, deletes the sessions that ended before the retention period. */
    public int prune() {
        try {
            if (!leases.acquire(JOB, cluster.nodeId(), settings.pruneInterval().multipliedBy(2))) {
                return 0;
            }
            Instant now = clock.instant();
            pruning.fire(new PruneDue(now));
            int deleted = repository.deleteEndedBefore(now.minus(settings.sessionRetention()));
            if (deleted > 0) {
                LOG.info("pruned " + deleted + " ended sessions");
            }
            return deleted;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "pruning ended sessions failed; trying again in " + settings.pruneInterval(), e);
            return 0;
        }
    }
}
