package dev.tokenmanager.client;

import dev.tokenmanager.crypto.SecretHash;
import dev.tokenmanager.session.SessionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The registered clients: what grants may name ({@link #check}), and their registration. Deactivating or deleting
 * a client revokes its live sessions in the same transaction (so each gets its back-channel logout).
 */
@ApplicationScoped
public class ClientRegistry {

    /** A new client, with its secret (shown once) when one was asked for. */
    public record CreatedClient(RegisteredClient client, Optional<String> secret) {
        @Override
        public String toString() {
            return "CreatedClient[" + client.clientId() + "]";
        }
    }

    /** A changed client and how many of its sessions the change revoked. */
    public record ChangedClient(RegisteredClient client, int revokedSessions) {
    }

    /** Thrown when a client of that id exists. */
    public static final class ClientIdTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ClientIdTakenException() {
            super("client id taken", null, false, false);
        }
    }

    /** Thrown when a definition is not valid; the message is written for the administrator. */
    public static final class InvalidClientException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidClientException(String problem) {
            super(problem, null, false, false);
        }
    }

    @PersistenceContext(unitName = "token-manager")
    EntityManager em;
    @Inject
    SessionService sessions;
    @Inject
    Clock clock;

    /**
     * Whether a grant may name {@code clientId}, proven by {@code secret} (may be null): null names no client;
     * an unknown or disabled client is refused; a client with a secret needs it, and one without refuses one.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ClientCheck check(String clientId, String secret) {
        if (clientId == null) {
            return secret == null ? new ClientCheck.NoClient()
                    : new ClientCheck.Refused("'client_secret' is only sent with 'client_id'.");
        }
        Optional<RegisteredClient> client = find(clientId).filter(RegisteredClient::isActive);
        if (client.isEmpty()) {
            return new ClientCheck.Refused("'client_id' names no active client.");
        }
        if (!client.get().hasSecret()) {
            return secret == null ? new ClientCheck.Accepted(clientId)
                    : new ClientCheck.Refused("This client has no secret: send no 'client_secret'.");
        }
        return client.get().secretMatches(secret) ? new ClientCheck.Accepted(clientId)
                : new ClientCheck.Unauthenticated(clientId);
    }

    /** The audience of the access tokens of {@code clientId}'s sessions, if the client exists. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> audienceOf(String clientId) {
        return find(clientId).map(RegisteredClient::audience);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<RegisteredClient> find(String clientId) {
        if (!ClientDefinition.isValidClientId(clientId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(RegisteredClient.class, clientId));
    }

    /** Every client, by id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RegisteredClient> all() {
        return em.createQuery("SELECT c FROM RegisteredClient c ORDER BY c.clientId", RegisteredClient.class)
                .getResultList();
    }

    /** Registers a client; with {@code withSecret}, generates its secret (stored as its hash, answered once). */
    @Transactional
    public CreatedClient create(ClientDefinition definition, boolean withSecret) {
        definition.problem().ifPresent(problem -> {
            throw new InvalidClientException(problem);
        });
        if (find(definition.clientId()).isPresent()) {
            throw new ClientIdTakenException();
        }
        RegisteredClient client = new RegisteredClient(definition, clock.instant());
        Optional<String> secret = withSecret ? Optional.of(ClientSecrets.generate()) : Optional.empty();
        secret.ifPresent(value -> client.replaceSecretHash(SecretHash.of(value)));
        try {
            em.persist(client);
            em.flush();
        } catch (PersistenceException e) {
            // A concurrent registration of the same id lost the race on the primary key.
            throw new ClientIdTakenException();
        }
        return new CreatedClient(client, secret);
    }

    /**
     * Applies {@code change} to client {@code clientId} (its row locked meanwhile); empty when there is none.
     * Deactivating it revokes its live sessions.
     */
    @Transactional
    public Optional<ChangedClient> update(String clientId, UnaryOperator<ClientDefinition> change) {
        Optional<RegisteredClient> found = lock(clientId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RegisteredClient client = found.get();
        ClientDefinition changed = change.apply(client.definition());
        if (!changed.clientId().equals(clientId)) {
            throw new InvalidClientException("'client_id' cannot be changed.");
        }
        changed.problem().ifPresent(problem -> {
            throw new InvalidClientException(problem);
        });
        boolean deactivated = client.isActive() && !changed.active();
        client.apply(changed);
        int revoked = deactivated ? sessions.revokeAllOfClient(clientId) : 0;
        return Optional.of(new ChangedClient(client, revoked));
    }

    /**
     * Deletes client {@code clientId}: its live sessions are revoked first (each told at the back-channel logout
     * URI the client had); answers how many, or empty when there is no such client.
     */
    @Transactional
    public Optional<Integer> delete(String clientId) {
        Optional<RegisteredClient> found = lock(clientId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        int revoked = sessions.revokeAllOfClient(clientId);
        em.remove(found.get());
        return Optional.of(revoked);
    }

    /** Gives client {@code clientId} a new secret (the old one stops working at once); empty when there is none. */
    @Transactional
    public Optional<String> newSecret(String clientId) {
        return lock(clientId).map(client -> {
            String secret = ClientSecrets.generate();
            client.replaceSecretHash(SecretHash.of(secret));
            return secret;
        });
    }

    /** Removes client {@code clientId}'s secret; false when there is no such client. */
    @Transactional
    public boolean removeSecret(String clientId) {
        return lock(clientId).map(client -> {
            client.replaceSecretHash(null);
            return true;
        }).orElse(false);
    }

    private Optional<RegisteredClient> lock(String clientId) {
        if (!ClientDefinition.isValidClientId(clientId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(RegisteredClient.class, clientId, LockModeType.PESSIMISTIC_WRITE));
    }
}
