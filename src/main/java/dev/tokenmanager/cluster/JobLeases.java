package dev.tokenmanager.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;

/**
 * Leases in the shared database that let scheduled work run on one node of a cluster at a time, with or without a
 * data grid: a node runs a job only when it could take (or keep) the job's lease.
 */
@ApplicationScoped
public class JobLeases {

    @PersistenceContext(unitName = "token-manager")
    EntityManager em;
    @Inject
    Clock clock;

    /** Takes or renews the lease of {@code job} for {@code holder}; false while another holder's lease runs. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean acquire(String job, String holder, Duration lease) {
        long now = clock.millis();
        return em.createNativeQuery("UPDATE tm_job_lease SET holder = ?1, lease_until = ?2"
                        + " WHERE name = ?3 AND (lease_until < ?4 OR holder = ?1)")
                .setParameter(1, holder)
                .setParameter(2, now + lease.toMillis())
                .setParameter(3, job)
                .setParameter(4, now)
                .executeUpdate() == 1;
    }

    /** Gives up {@code holder}'s lease of {@code job}, so another node may run it at once (a graceful stop). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(String job, String holder) {
        em.createNativeQuery("UPDATE tm_job_lease SET lease_until = 0 WHERE name = ?1 AND holder = ?2")
                .setParameter(1, job)
                .setParameter(2, holder)
                .executeUpdate();
    }
}
