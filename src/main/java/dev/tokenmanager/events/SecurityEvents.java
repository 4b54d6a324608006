package dev.tokenmanager.events;

import dev.tokenmanager.session.SessionsRevoked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records security events: one structured log line each ({@code security-event kind=... user=... session=...
 * ip=...}) and a row that outlives the log. Callers pass names and ids, never a secret.
 */
@ApplicationScoped
public class SecurityEvents {

    private static final Logger LOG = Logger.getLogger("dev.tokenmanager.security");

    @PersistenceContext(unitName = "token-manager")
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    Event<SecurityEvent> recorded;

    /**
     * Records an event with the caller's work: inside the caller's transaction when there is one, so that an action
     * rolled back leaves no event of it behind, else in a transaction of its own. Its log line is written once the
     * event is committed.
     */
    @Transactional
    public void record(SecurityEvent event) {
        em.persist(new SecurityEventRow(clock.instant(), event));
        recorded.fire(event);
    }

    /** The log line of a committed event. */
    void log(@Observes(during = TransactionPhase.AFTER_SUCCESS) SecurityEvent event) {
        LOG.log(Level.INFO, () -> "security-event kind=" + event.kind().label() + " user=" + clean(event.username())
                + " session=" + clean(event.sessionId()) + " ip=" + clean(event.ip())
                + (event.detail() == null ? "" : " detail=\"" + clean(event.detail()) + "\""));
    }

    /** Logs every revocation once it is committed (who asked for it is logged by the action that did it). */
    void onRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionsRevoked revoked) {
        LOG.info(() -> "security-event kind=" + SecurityEventKind.SESSIONS_REVOKED.label() + " count="
                + revoked.sessionIds().size() + " sessions="
                + clean(String.join(",", revoked.sessionIds())));
    }

    /** The newest events first, at most {@code limit}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SecurityEventRow> latest(int limit) {
        return em.createQuery("SELECT e FROM SecurityEventRow e ORDER BY e.occurredAt DESC", SecurityEventRow.class)
                .setMaxResults(limit).getResultList();
    }

    /** A value safe for one log line: no line breaks or quotes, at most 2048 characters. */
    static String clean(String value) {
        if (value == null) {
            return "-";
        }
        String flat = value.replaceAll("[\\r\\n\\t\"]", "_");
        return flat.length() <= 2048 ? flat : flat.substring(0, 2048);
    }
}
