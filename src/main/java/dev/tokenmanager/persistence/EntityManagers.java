package dev.tokenmanager.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The container-managed entity manager of the persistence unit as a CDI bean, so that classes on the request path
 * take it in their constructor (and tools outside a server hand them their own).
 */
@ApplicationScoped
public class EntityManagers {

    @Produces
    @PersistenceContext(unitName = "token-manager")
    EntityManager entityManager;
}
