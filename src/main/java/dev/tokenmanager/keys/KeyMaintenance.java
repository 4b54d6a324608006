package dev.tokenmanager.keys;

import dev.tokenmanager.cluster.Cluster;
import dev.tokenmanager.cluster.JobLeases;
import dev.tokenmanager.config.Settings;
import dev.tokenmanager.persistence.StartupComplete;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the keys current: on one node at a time (the lease holder), drops keys that can no longer verify a live
 * token and, when a rotation interval is configured, rotates a key that has been signing for longer; on every node,
 * reloads the keys, so a change made elsewhere is known within a check period even without the data grid.
 */
@ApplicationScoped
public class KeyMaintenance {

    private static final Logger LOG = Logger.getLogger(KeyMaintenance.class.getName());
    private static final String JOB = "key-maintenance";

    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    SigningKeys keys;
    @Inject
    Settings settings;
    @Inject
    JobLeases leases;
    @Inject
    Cluster cluster;

    private ScheduledFuture<?> schedule;

    void start(@Observes StartupComplete event) {
        long period = checkPeriod(settings).toMillis();
        schedule = scheduler.scheduleWithFixedDelay(this::maintain, period, period, TimeUnit.MILLISECONDS);
    }

    /** How often to look: a third of the rotation interval, at least every minute, at most every second. */
    static Duration checkPeriod(Settings settings) {
        Duration period = settings.keyRotationInterval().map(interval -> interval.dividedBy(3))
                .filter(third -> third.compareTo(Duration.ofMinutes(1)) < 0).orElse(Duration.ofMinutes(1));
        return period.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : period;
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
            LOG.log(Level.FINE, "could not release the key maintenance lease on stop", e);
        }
    }

    void maintain() {
        try {
            if (leases.acquire(JOB, cluster.nodeId(), checkPeriod(settings).multipliedBy(3))) {
                keys.dropExpired();
                settings.keyRotationInterval().ifPresent(keys::rotateIfOlderThan);
            }
            // Every node picks up what another changed, even if a cluster message was lost.
            keys.reload();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "signing key maintenance failed; trying again later", e);
        }
    }
}
