package dev.tokenmanager.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Reads and writes signing-key rows; each method is one transaction. */
@ApplicationScoped
@Transactional
public class SigningKeyStore {

    @PersistenceContext(unitName = "token-manager")
    EntityManager em;

    /** Every stored key, newest first. */
    public List<StoredSigningKey> all() {
        return em.createQuery("SELECT k FROM StoredSigningKey k ORDER BY k.createdAt DESC", StoredSigningKey.class)
                .getResultList();
    }

    /**
     * Retires every active key (they keep verifying until {@code verifyUntil}) and stores {@code replacement} as the
     * one active key. The active rows are locked, so concurrent rotations on several nodes serialize.
     */
    public void replaceActive(StoredSigningKey replacement, Instant now, Instant verifyUntil) {
        List<StoredSigningKey> active = em.createQuery(
                        "SELECT k FROM StoredSigningKey k WHERE k.state = :state", StoredSigningKey.class)
                .setParameter("state", StoredSigningKey.State.ACTIVE)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        active.forEach(key -> key.retire(now, verifyUntil));
        em.persist(replacement);
    }

    /** Deletes retired keys that can no longer verify any live token; answers how many. */
    public int deleteExpired(Instant now) {
        return em.createQuery("DELETE FROM StoredSigningKey k WHERE k.state = :state AND k.verifyUntil < :now")
                .setParameter("state", StoredSigningKey.State.RETIRED)
                .setParameter("now", now.toEpochMilli())
                .executeUpdate();
    }
}
