package dev.tokenmanager.keys;

import dev.tokenmanager.persistence.SchemaMigration;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Loads the signing keys at start-up, once the schema is in place, generating the first one if needed. */
@ApplicationScoped
public class KeyStartup {

    @Inject
    SigningKeys keys;

    void load(@Observes @Priority(SchemaMigration.PRIORITY + 10) @Initialized(ApplicationScoped.class) Object event) {
        keys.initialize();
    }
}
