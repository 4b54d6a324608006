package dev.tokenmanager.session;

import dev.tokenmanager.account.Groups;
import dev.tokenmanager.metrics.AuthStats;
import dev.tokenmanager.persistence.DatabaseBreaker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Reads a session and its account with one indexed query; while the database is known not to answer, the
 * {@link DatabaseBreaker} refuses the read at once.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DatabaseSessionLookup implements SessionLookup {

    private static final String SELECT = "SELECT s.id, s.kind, s.expires_at, s.revoked_at, s.last_seen_at,"
            + " a.id, a.username, a.groups_list, a.active"
            + " FROM tm_session s JOIN tm_account a ON a.id = s.account_id WHERE ";

    private final EntityManager em;
    private final AuthStats stats;
    private final DatabaseBreaker breaker;

    @Inject
    public DatabaseSessionLookup(EntityManager em, AuthStats stats, DatabaseBreaker breaker) {
        this.em = em;
        this.stats = stats;
        this.breaker = breaker;
    }

    /** CDI's no-argument constructor for the client proxy. */
    protected DatabaseSessionLookup() {
        this(null, null, null);
    }

    @Override
    public Optional<SessionState> bySessionId(String sessionId) {
        return first(SELECT + "s.id = ?1", sessionId);
    }

    @Override
    public Optional<SessionState> bySecretHash(String secretHash) {
        return first(SELECT + "s.secret_hash = ?1", secretHash);
    }

    private Optional<SessionState> first(String sql, String parameter) {
        breaker.check();
        stats.recordDatabaseRead();
        List<Object[]> rows;
        try {
            rows = rows(sql, parameter);
        } catch (RuntimeException e) {
            breaker.failed(e);
            throw e;
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        return Optional.of(new SessionState(
                (String) row[0],
                SessionKind.valueOf((String) row[1]),
                (String) row[5],
                (String) row[6],
                Groups.parse((String) row[7]),
                Boolean.TRUE.equals(row[8]),
                toLong(row[2]),
                toLong(row[3]),
                toLong(row[4])));
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, String parameter) {
        return em.createNativeQuery(sql).setParameter(1, parameter).getResultList();
    }

    private static Long toLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
