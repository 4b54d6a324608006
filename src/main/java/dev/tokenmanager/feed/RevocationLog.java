package dev.tokenmanager.feed;

import dev.tokenmanager.config.Settings;
import dev.tokenmanager.session.PruneDue;
import dev.tokenmanager.session.SessionKind;
import dev.tokenmanager.session.SessionsRevoked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The durable, cluster-wide list of ended sessions behind the revocation feed ({@code tm_revocation}). Rows are
 * written in the revoking transaction, numbered by {@code tm_revocation_sequence}: the numbering UPDATE is that
 * transaction's last lock, so writers serialize on it until they commit and rows become visible in the order of
 * their numbers. A reader that has seen number N has seen every row below it, and "after the last id I saw" never
 * skips a row committed late.
 */
@ApplicationScoped
public class RevocationLog {

    /**
     * How long past its {@code until} a row is kept: for subscribers whose verifiers allow a larger clock skew than
     * ours.
     */
    static final Duration PRUNE_MARGIN = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(RevocationLog.class.getName());

    @PersistenceContext(unitName = "token-manager")
    EntityManager em;
    @Inject
    Settings settings;

    /**
     * In the revoking transaction: one row per ended login session (named tokens carry no access token a stateless
     * service could hold), live until no access token of it can be: its revocation plus the access-token lifetime,
     * or its own end if sooner, plus the clock skew verifiers allow.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void record(@Observes(during = TransactionPhase.IN_PROGRESS) SessionsRevoked revoked) {
        List<Object[]> ended = em.createQuery("SELECT s.id, s.revokedAt, s.expiresAt FROM Session s"
                        + " WHERE s.id IN :ids AND s.kind = :kind AND s.revokedAt IS NOT NULL ORDER BY s.id",
                        Object[].class)
                .setParameter("ids", revoked.sessionIds())
                .setParameter("kind", SessionKind.LOGIN)
                .getResultList();
        if (ended.isEmpty()) {
            return;
        }
        em.createNativeQuery("UPDATE tm_revocation_sequence SET last_seq = last_seq + ?1 WHERE id = 1")
                .setParameter(1, ended.size())
                .executeUpdate();
        long seq = lastSequenceIn() - ended.size();
        long ttl = settings.accessTtl().toMillis();
        long skew = settings.clockSkew().toMillis();
        for (Object[] row : ended) {
            long revokedAt = ((Number) row[1]).longValue();
            long end = row[2] == null ? revokedAt + ttl : Math.min(revokedAt + ttl, ((Number) row[2]).longValue());
            em.createNativeQuery("INSERT INTO tm_revocation (seq, session_id, revoked_at, live_until)"
                            + " VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, ++seq)
                    .setParameter(2, row[0])
                    .setParameter(3, revokedAt)
                    .setParameter(4, end + skew)
                    .executeUpdate();
        }
    }

    /** The newest number handed out (0 before the first revocation); every row up to it is committed. */
    @Transactional(Transactional.TxType.REQUIRED)
    public long lastSequence() {
        return lastSequenceIn();
    }

    private long lastSequenceIn() {
        return ((Number) em.createNativeQuery("SELECT last_seq FROM tm_revocation_sequence WHERE id = 1")
                .getSingleResult()).longValue();
    }

    /**
     * Rows numbered above {@code after} and at most {@code upTo}, still live at {@code now} (epoch milliseconds),
     * oldest first, at most {@code limit}.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<EndedSession> after(long after, long upTo, long now, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT seq, session_id, live_until FROM tm_revocation"
                        + " WHERE seq > ?1 AND seq <= ?2 AND live_until > ?3 ORDER BY seq")
                .setParameter(1, after)
                .setParameter(2, upTo)
                .setParameter(3, now)
                .setMaxResults(limit)
                .getResultList();
        List<EndedSession> ended = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            ended.add(new EndedSession(((Number) row[0]).longValue(), (String) row[1], ((Number) row[2]).longValue()));
        }
        return ended;
    }

    /**
     * With the pruning of ended sessions (on one node of the cluster): deletes the rows whose {@code until} passed
     * more than {@link #PRUNE_MARGIN} ago. A subscriber resuming after a pruned row loses nothing: no token of that
     * session is accepted anywhere any more.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void prune(@Observes PruneDue due) {
        int deleted = em.createNativeQuery("DELETE FROM tm_revocation WHERE live_until < ?1")
                .setParameter(1, due.now().minus(PRUNE_MARGIN).toEpochMilli())
                .executeUpdate();
        if (deleted > 0) {
            LOG.info("pruned " + deleted + " events of the revocation feed whose tokens are all dead");
        }
    }
}
