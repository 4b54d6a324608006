package dev.tokenmanager.admin;

import dev.tokenmanager.auth.Caller;
import dev.tokenmanager.events.SecurityEventKind;
import dev.tokenmanager.events.SecurityEvents;
import dev.tokenmanager.keys.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What administrators do to signing keys, for the admin API and the console alike. */
@ApplicationScoped
public class KeyAdministration {

    @Inject
    SigningKeys keys;
    @Inject
    SecurityEvents events;

    /** Rotates the signing key and records who did; answers the new key id. */
    public String rotate(Caller admin, String ip) {
        String kid = keys.rotate();
        events.record(admin.securityEvent(SecurityEventKind.SIGNING_KEY_ROTATED, ip).detail("new kid " + kid));
        return kid;
    }
}
