package dev.tokenmanager.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Account rows. */
@ApplicationScoped
@Transactional
public class AccountRepository {

    @PersistenceContext(unitName = "token-manager")
    EntityManager em;

    public Optional<Account> byUsername(String username) {
        return em.createQuery("SELECT a FROM Account a WHERE a.username = :username", Account.class)
                .setParameter("username", username)
                .getResultStream().findFirst();
    }

    /** The account that {@code source} knows by {@code externalId}. */
    public Optional<Account> byExternalId(String source, String externalId) {
        return em.createQuery("SELECT a FROM Account a WHERE a.source = :source AND a.externalId = :externalId",
                        Account.class)
                .setParameter("source", source)
                .setParameter("externalId", externalId)
                .getResultStream().findFirst();
    }

    public Optional<Account> byId(String id) {
        return Optional.ofNullable(em.find(Account.class, id));
    }

    /** The account, locked until the transaction ends: per-user limits and name checks serialize here. */
    public Optional<Account> lock(String id) {
        return Optional.ofNullable(em.find(Account.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public boolean exists() {
        return !em.createQuery("SELECT a.id FROM Account a", String.class).setMaxResults(1).getResultList().isEmpty();
    }

    public List<Account> all() {
        return em.createQuery("SELECT a FROM Account a ORDER BY a.username", Account.class).getResultList();
    }

    public void insert(Account account) {
        em.persist(account);
        em.flush();
    }

    /** How many active accounts other than {@code exceptId} are in group {@code admin}. */
    public long activeAdminsOtherThan(String exceptId) {
        return em.createQuery("SELECT COUNT(a) FROM Account a WHERE a.active = TRUE AND a.id <> :id AND ("
                        + "a.groupsList = :only OR a.groupsList LIKE :first OR a.groupsList LIKE :last"
                        + " OR a.groupsList LIKE :middle)", Long.class)
                .setParameter("id", exceptId)
                .setParameter("only", Groups.ADMIN)
                .setParameter("first", Groups.ADMIN + ",%")
                .setParameter("last", "%," + Groups.ADMIN)
                .setParameter("middle", "%," + Groups.ADMIN + ",%")
                .getSingleResult();
    }
}
