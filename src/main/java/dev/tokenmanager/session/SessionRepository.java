package dev.tokenmanager.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Session rows: the queries and writes, each method joining the caller's transaction or starting one. */
@ApplicationScoped
@Transactional
public class SessionRepository {

    @PersistenceContext(unitName = "token-manager")
    EntityManager em;

    /** Inserts the row at once, so rows that refer to it (refresh tokens) can follow in the same transaction. */
    public void insert(Session session) {
        em.persist(session);
        em.flush();
    }

    public Optional<Session> find(String id) {
        return Optional.ofNullable(em.find(Session.class, id));
    }

    /** The row, locked until the transaction ends: concurrent refreshes of one session serialize here. */
    public Optional<Session> findForUpdate(String id) {
        return Optional.ofNullable(em.find(Session.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The account's live sessions of {@code kind}, most recently seen first. */
    public List<Session> live(String accountId, SessionKind kind, Instant now) {
        return em.createQuery("SELECT s FROM Session s WHERE s.accountId = :account AND s.kind = :kind"
                        + " AND s.revokedAt IS NULL AND (s.expiresAt IS NULL OR s.expiresAt > :now)"
                        + " ORDER BY s.lastSeenAt DESC, s.createdAt DESC", Session.class)
                .setParameter("account", accountId)
                .setParameter("kind", kind)
                .setParameter("now", now.toEpochMilli())
                .getResultList();
    }

    /**
     * Revokes the account's live sessions of the given kinds, except {@code keep} (may be null); answers the ids
     * revoked.
     */
    public List<String> revokeLive(String accountId, List<SessionKind> kinds, String keep, Instant now) {
        List<String> ids = em.createQuery("SELECT s.id FROM Session s WHERE s.accountId = :account"
                        + " AND s.kind IN :kinds AND s.revokedAt IS NULL"
                        + " AND (s.expiresAt IS NULL OR s.expiresAt > :now)", String.class)
                .setParameter("account", accountId)
                .setParameter("kinds", kinds)
                .setParameter("now", now.toEpochMilli())
                .getResultList()
                .stream().filter(id -> !id.equals(keep)).toList();
        return revokeIds(ids, now);
    }

    /** Revokes the live sessions among {@code ids}; answers the ids that were live and are revoked now. */
    public List<String> revokeIds(List<String> ids, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> live = em.createQuery("SELECT s.id FROM Session s WHERE s.id IN :ids AND s.revokedAt IS NULL",
                        String.class)
                .setParameter("ids", ids)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        if (!live.isEmpty()) {
            em.createQuery("UPDATE Session s SET s.revokedAt = :now WHERE s.id IN :ids AND s.revokedAt IS NULL")
                    .setParameter("now", now.toEpochMilli())
                    .setParameter("ids", live)
                    .executeUpdate();
        }
        return live;
    }

    /** Writes a use at {@code now} unless one at or after {@code dueBefore} is already stored. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void touch(String id, Instant now, long dueBefore) {
        em.createQuery("UPDATE Session s SET s.lastSeenAt = :now WHERE s.id = :id AND s.lastSeenAt <= :due")
                .setParameter("now", now.toEpochMilli())
                .setParameter("id", id)
                .setParameter("due", dueBefore)
                .executeUpdate();
    }

    /** Deletes sessions revoked or expired before {@code cutoff}; answers how many. */
    public int deleteEndedBefore(Instant cutoff) {
        return em.createQuery("DELETE FROM Session s WHERE s.revokedAt < :cutoff OR s.expiresAt < :cutoff")
                .setParameter("cutoff", cutoff.toEpochMilli())
                .executeUpdate();
    }
}
