package dev.tokenmanager.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Session rows: the queries and writes, each method joining the caller's transaction or starting one. */
@ApplicationScoped
@Transactional
public class SessionRepository implements LastSeenStore {

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
                        + " AND " + Liveness.LIVE + " ORDER BY s.lastSeenAt DESC, s.createdAt DESC", Session.class)
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
                        + " AND s.kind IN :kinds AND " + Liveness.LIVE, String.class)
                .setParameter("account", accountId)
                .setParameter("kinds", kinds)
                .setParameter("now", now.toEpochMilli())
                .getResultList()
                .stream().filter(id -> !id.equals(keep)).toList();
        return revokeIds(ids, now);
    }

    /** The ids of the live sessions of the registered client {@code clientId}. */
    public List<String> liveIdsOfClient(String clientId, Instant now) {
        return em.createQuery("SELECT s.id FROM Session s WHERE s.clientId = :client AND " + Liveness.LIVE,
                        String.class)
                .setParameter("client", clientId)
                .setParameter("now", now.toEpochMilli())
                .getResultList();
    }

    /** The live login sessions signed in through {@code source} in the provider's session {@code providerSid}. */
    public List<String> liveIdsFromProviderSession(String source, String providerSid, Instant now) {
        return em.createQuery("SELECT s.id FROM Session s WHERE s.source = :source AND s.providerSid = :sid"
                        + " AND s.kind = :kind AND " + Liveness.LIVE, String.class)
                .setParameter("source", source)
                .setParameter("sid", providerSid)
                .setParameter("kind", SessionKind.LOGIN)
                .setParameter("now", now.toEpochMilli())
                .getResultList();
    }

    /** The account's live login sessions signed in through {@code source}. */
    public List<String> liveLoginIdsFrom(String accountId, String source, Instant now) {
        return em.createQuery("SELECT s.id FROM Session s WHERE s.accountId = :account AND s.source = :source"
                        + " AND s.kind = :kind AND " + Liveness.LIVE, String.class)
                .setParameter("account", accountId)
                .setParameter("source", source)
                .setParameter("kind", SessionKind.LOGIN)
                .setParameter("now", now.toEpochMilli())
                .getResultList();
    }

    /** Revokes the live sessions among {@code ids}; answers the ids that were live and are revoked now. */
    public List<String> revokeIds(List<String> ids, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> live = em.createQuery("SELECT s.id FROM Session s WHERE s.id IN :ids AND " + Liveness.LIVE,
                        String.class)
                .setParameter("ids", ids)
                .setParameter("now", now.toEpochMilli())
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

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int touchAll(Map<String, Long> usedAt, LastSeenPolicy policy) {
        int written = 0;
        for (Map.Entry<String, Long> use : usedAt.entrySet()) {
            written += em.createQuery("UPDATE Session s SET s.lastSeenAt = :now WHERE s.id = :id"
                            + " AND s.lastSeenAt <= :due")
                    .setParameter("now", use.getValue())
                    .setParameter("id", use.getKey())
                    .setParameter("due", policy.dueBefore(Instant.ofEpochMilli(use.getValue())))
                    .executeUpdate();
        }
        return written;
    }

    /** Deletes sessions revoked or expired before {@code cutoff}; answers how many. */
    public int deleteEndedBefore(Instant cutoff) {
        return em.createQuery("DELETE FROM Session s WHERE s.revokedAt < :cutoff OR s.expiresAt < :cutoff")
                .setParameter("cutoff", cutoff.toEpochMilli())
                .executeUpdate();
    }

    private static final String LIVE_WITH_OWNER = " FROM Session s, Account a WHERE a.id = s.accountId AND "
            + Liveness.LIVE;

    /** One page of live sessions with their owners, filtered and sorted as asked; paged by the database. */
    public List<AdminSessionRow> search(SessionQuery query, Instant now) {
        String order = " ORDER BY " + query.sort().field + (query.descending() ? " DESC" : " ASC") + ", s.id";
        TypedQuery<Object[]> select = em.createQuery(
                "SELECT s, a.username" + LIVE_WITH_OWNER + filters(query) + order, Object[].class);
        bind(select, query, now);
        return select.setFirstResult(query.offset()).setMaxResults(query.limit()).getResultList().stream()
                .map(row -> new AdminSessionRow((Session) row[0], (String) row[1])).toList();
    }

    /** How many live sessions the query's filters match. */
    public long count(SessionQuery query, Instant now) {
        TypedQuery<Long> count = em.createQuery(
                "SELECT COUNT(s)" + LIVE_WITH_OWNER + filters(query), Long.class);
        bind(count, query, now);
        return count.getSingleResult();
    }

    private static String filters(SessionQuery query) {
        StringBuilder where = new StringBuilder();
        if (query.username() != null) {
            where.append(" AND a.username = :username");
        }
        if (query.usernamePrefix() != null) {
            where.append(" AND LOWER(a.username) LIKE :usernamePrefix ESCAPE '!'");
        }
        if (query.kind() != null) {
            where.append(" AND s.kind = :kind");
        }
        if (query.deviceType() != null) {
            where.append(" AND s.deviceType = :deviceType");
        }
        if (query.ipPrefix() != null) {
            where.append(" AND s.ip LIKE :ipPrefix ESCAPE '!'");
        }
        return where.toString();
    }

    private static void bind(Query jpql, SessionQuery query, Instant now) {
        jpql.setParameter("now", now.toEpochMilli());
        if (query.username() != null) {
            jpql.setParameter("username", query.username());
        }
        if (query.usernamePrefix() != null) {
            jpql.setParameter("usernamePrefix", likePrefix(query.usernamePrefix().toLowerCase(Locale.ROOT)));
        }
        if (query.kind() != null) {
            jpql.setParameter("kind", query.kind());
        }
        if (query.deviceType() != null) {
            jpql.setParameter("deviceType", query.deviceType());
        }
        if (query.ipPrefix() != null) {
            jpql.setParameter("ipPrefix", likePrefix(query.ipPrefix()));
        }
    }

    /** A LIKE pattern (escape character {@code !}) matching values that start with {@code prefix} literally. */
    private static String likePrefix(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /** Live sessions per parsed device type. */
    public Map<String, Long> liveByDeviceType(Instant now) {
        Map<String, Long> counts = new TreeMap<>();
        em.createQuery("SELECT s.deviceType, COUNT(s) FROM Session s WHERE " + Liveness.LIVE
                        + " GROUP BY s.deviceType", Object[].class)
                .setParameter("now", now.toEpochMilli())
                .getResultList()
                .forEach(row -> counts.put(row[0] == null ? "Unknown" : (String) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    /** Live sessions (both kinds) per account id. */
    public Map<String, Long> liveByAccount(Instant now) {
        Map<String, Long> counts = new HashMap<>();
        em.createQuery("SELECT s.accountId, COUNT(s) FROM Session s WHERE " + Liveness.LIVE
                        + " GROUP BY s.accountId", Object[].class)
                .setParameter("now", now.toEpochMilli())
                .getResultList()
                .forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
        return counts;
    }
}
