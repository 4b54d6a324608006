package dev.tokenmanager.identity.oidc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import jakarta.inject.Inject;

/** The jti of every logout token accepted, until it expires: the database makes a replay lose on every node. */
@ApplicationScoped
public class SeenLogoutTokens {

    @PersistenceContext(unitName = "token-manager")
    EntityManager em;
    @Inject
    Clock clock;

    /**
     * Whether this is the first time {@code provider}'s token {@code jtiHash} is seen; remembers it until
     * {@code expiresAt}. Two nodes racing on one token: the primary key lets one insert win.
     */
    @Transactional
    public boolean firstTime(String provider, String jtiHash, long expiresAt) {
        em.createQuery("DELETE FROM SeenLogoutToken t WHERE t.expiresAt < :now")
                .setParameter("now", clock.millis()).executeUpdate();
        if (em.find(SeenLogoutToken.class, new SeenLogoutToken.Key(provider, jtiHash)) != null) {
            return false;
        }
        em.persist(new SeenLogoutToken(provider, jtiHash, expiresAt));
        em.flush();
        return true;
    }
}
