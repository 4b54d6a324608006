package dev.tokenmanager.admin;

import dev.tokenmanager.auth.Caller;
import dev.tokenmanager.client.ClientDefinition;
import dev.tokenmanager.client.ClientRegistry;
import dev.tokenmanager.client.RegisteredClient;
import dev.tokenmanager.events.SecurityEventKind;
import dev.tokenmanager.events.SecurityEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What administrators do to registered clients, for the admin API and the console alike, each recorded as a
 * security event: register, change, deactivate (which revokes the client's sessions), delete (which revokes them
 * too), and give or take away a secret.
 */
@ApplicationScoped
public class ClientAdministration {

    @Inject
    ClientRegistry registry;
    @Inject
    SecurityEvents events;

    public List<RegisteredClient> clients() {
        return registry.all();
    }

    public Optional<RegisteredClient> client(String clientId) {
        return registry.find(clientId);
    }

    /** Registers a client; throws {@link ClientRegistry.InvalidClientException} or {@link ClientRegistry.ClientIdTakenException}. */
    public ClientRegistry.CreatedClient create(ClientDefinition definition, boolean withSecret, Caller admin,
                                               String ip) {
        ClientRegistry.CreatedClient created = registry.create(definition, withSecret);
        events.record(admin.securityEvent(SecurityEventKind.ADMIN_CLIENT_CREATED, ip).detail("registered client "
                + definition.clientId() + (withSecret ? " with a secret" : "")));
        return created;
    }

    /** Changes a client; empty when there is none. Throws {@link ClientRegistry.InvalidClientException}. */
    public Optional<ClientRegistry.ChangedClient> update(String clientId, UnaryOperator<ClientDefinition> change,
                                                         Caller admin, String ip) {
        Optional<ClientRegistry.ChangedClient> changed = registry.update(clientId, change);
        changed.ifPresent(done -> events.record(admin.securityEvent(SecurityEventKind.ADMIN_CLIENT_CHANGED, ip)
                .detail("changed client " + clientId + (done.client().isActive() ? "" : " (inactive)")
                        + (done.revokedSessions() > 0 ? ", " + done.revokedSessions() + " sessions revoked" : ""))));
        return changed;
    }

    /** Deletes a client, revoking its live sessions; answers how many, or empty when there is none. */
    public Optional<Integer> delete(String clientId, Caller admin, String ip) {
        Optional<Integer> revoked = registry.delete(clientId);
        revoked.ifPresent(count -> events.record(admin.securityEvent(SecurityEventKind.ADMIN_CLIENT_DELETED, ip)
                .detail("deleted client " + clientId + ", " + count + " sessions revoked")));
        return revoked;
    }

    /** Gives a client a new secret (shown once; the old one stops working); empty when there is no such client. */
    public Optional<String> newSecret(String clientId, Caller admin, String ip) {
        Optional<String> secret = registry.newSecret(clientId);
        secret.ifPresent(value -> events.record(admin.securityEvent(SecurityEventKind.ADMIN_CLIENT_SECRET_CHANGED, ip)
                .detail("new secret for client " + clientId)));
        return secret;
    }

    /** Takes a client's secret away; false when there is no such client. */
    public boolean removeSecret(String clientId, Caller admin, String ip) {
        boolean removed = registry.removeSecret(clientId);
        if (removed) {
            events.record(admin.securityEvent(SecurityEventKind.ADMIN_CLIENT_SECRET_CHANGED, ip)
                    .detail("removed the secret of client " + clientId));
        }
        return removed;
    }
}
