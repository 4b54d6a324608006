package dev.tokenmanager.logout;

import dev.tokenmanager.session.SessionsRevoked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The outbox of back-channel logouts: a delivery row per ended session and client with a back-channel logout URI,
 * written inside the transaction that ends the session (so a crash loses none and a rolled-back revocation sends
 * none), and the claims by which one node at a time sends each.
 */
@ApplicationScoped
@Transactional
public class LogoutOutbox {

    @PersistenceContext(unitName = "token-manager")
    EntityManager em;
    @Inject
    Clock clock;

    /** In the revoking transaction (every revocation announces itself there): one delivery per client to tell. */
    void onRevoked(@Observes SessionsRevoked revoked) {
        Instant now = clock.instant();
        em.createQuery("SELECT s.id, s.accountId, c.clientId, c.backchannelLogoutUri FROM Session s,"
                        + " RegisteredClient c WHERE c.clientId = s.clientId AND s.id IN :ids"
                        + " AND c.backchannelLogoutUri IS NOT NULL", Object[].class)
                .setParameter("ids", revoked.sessionIds())
                .getResultList()
                .forEach(row -> em.persist(new LogoutDelivery((String) row[2], (String) row[0], (String) row[1],
                        (String) row[3], now)));
    }

    /** Pending deliveries due at {@code now} that no node holds, the longest waiting first; at most {@code limit}. */
    public List<LogoutDelivery> due(Instant now, int limit) {
        return em.createQuery("SELECT d FROM LogoutDelivery d WHERE d.state = :pending AND d.nextAttemptAt <= :now"
                        + " AND (d.claimedUntil IS NULL OR d.claimedUntil < :now) ORDER BY d.nextAttemptAt",
                        LogoutDelivery.class)
                .setParameter("pending", LogoutDelivery.State.PENDING)
                .setParameter("now", now.toEpochMilli())
                .setMaxResults(limit)
                .getResultList();
    }

    /** Claims delivery {@code id} for {@code node} until {@code until}; false when another node has it or it is done. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean claim(String id, String node, Instant now, Instant until) {
        return em.createQuery("UPDATE LogoutDelivery d SET d.claimedBy = :node, d.claimedUntil = :until"
                        + " WHERE d.id = :id AND d.state = :pending AND d.nextAttemptAt <= :now"
                        + " AND (d.claimedUntil IS NULL OR d.claimedUntil < :now)")
                .setParameter("node", node)
                .setParameter("until", until.toEpochMilli())
                .setParameter("id", id)
                .setParameter("pending", LogoutDelivery.State.PENDING)
                .setParameter("now", now.toEpochMilli())
                .executeUpdate() == 1;
    }

    /**
     * Records an attempt by {@code node}, which must still hold the claim: the delivery ends in {@code finalState}
     * ({@code DELIVERED} or {@code ABANDONED}). False when the claim was lost.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean finish(String id, String node, Instant now, String result, LogoutDelivery.State finalState) {
        return attempted("d.state = :state, d.finishedAt = :now", id, node, now, result)
                .setParameter("state", finalState)
                .executeUpdate() == 1;
    }

    /**
     * Records a failed attempt by {@code node}, which must still hold the claim: the delivery waits until
     * {@code nextAttemptAt}. False when the claim was lost.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean retryLater(String id, String node, Instant now, String result, Instant nextAttemptAt) {
        return attempted("d.nextAttemptAt = :next", id, node, now, result)
                .setParameter("next", nextAttemptAt.toEpochMilli())
                .executeUpdate() == 1;
    }

    private Query attempted(String changes, String id, String node, Instant now, String result) {
        return em.createQuery("UPDATE LogoutDelivery d SET d.attempts = d.attempts + 1, d.lastAttemptAt = :now,"
                        + " d.lastResult = :result, d.claimedBy = NULL, d.claimedUntil = NULL, " + changes
                        + " WHERE d.id = :id AND d.claimedBy = :node AND d.state = :pending")
                .setParameter("now", now.toEpochMilli())
                .setParameter("result", result.length() <= 255 ? result : result.substring(0, 255))
                .setParameter("id", id)
                .setParameter("node", node)
                .setParameter("pending", LogoutDelivery.State.PENDING);
    }

    /** Gives up every claim {@code node} holds (an orderly stop), so another node or the next start sends them. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int releaseClaims(String node) {
        return em.createQuery("UPDATE LogoutDelivery d SET d.claimedBy = NULL, d.claimedUntil = NULL"
                        + " WHERE d.claimedBy = :node AND d.state = :pending")
                .setParameter("node", node)
                .setParameter("pending", LogoutDelivery.State.PENDING)
                .executeUpdate();
    }

    /** The newest deliveries (by the time their session ended), at most {@code limit}; of one client, or of all. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<LogoutDelivery> recent(String clientId, int limit) {
        TypedQuery<LogoutDelivery> query = clientId == null
                ? em.createQuery("SELECT d FROM LogoutDelivery d ORDER BY d.createdAt DESC, d.id", LogoutDelivery.class)
                : em.createQuery("SELECT d FROM LogoutDelivery d WHERE d.clientId = :client"
                        + " ORDER BY d.createdAt DESC, d.id", LogoutDelivery.class).setParameter("client", clientId);
        return query.setMaxResults(limit).getResultList();
    }

    /** Deletes deliveries that were delivered or abandoned before {@code cutoff}; answers how many. */
    public int deleteFinishedBefore(Instant cutoff) {
        return em.createQuery("DELETE FROM LogoutDelivery d WHERE d.state <> :pending AND d.finishedAt < :cutoff")
                .setParameter("pending", LogoutDelivery.State.PENDING)
                .setParameter("cutoff", cutoff.toEpochMilli())
                .executeUpdate();
    }
}
