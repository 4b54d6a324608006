package dev.tokenmanager.console;

import dev.tokenmanager.admin.ClientAdministration;
import dev.tokenmanager.auth.CurrentCaller;
import dev.tokenmanager.client.ClientDefinition;
import dev.tokenmanager.client.ClientRegistry;
import dev.tokenmanager.client.RegisteredClient;
import dev.tokenmanager.http.ClientInfoResolver;
import dev.tokenmanager.logout.LogoutDelivery;
import dev.tokenmanager.logout.LogoutOutbox;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The clients page: list, register (a generated secret is shown once), deactivate or reactivate, new secret,
 * delete; and the latest back-channel logouts with how each went.
 */
@Named
@ViewScoped
public class ClientsView implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int DELIVERIES_SHOWN = 50;

    @Inject
    ClientAdministration clients;
    @Inject
    LogoutOutbox outbox;
    @Inject
    CurrentCaller caller;
    @Inject
    ClientInfoResolver clientInfo;

    private List<ClientRow> rows;
    private List<DeliveryRow> deliveries;
    private String newClientId;
    private String newName;
    private String newRedirectUris;
    private String newLogoutUri;
    private boolean newWithSecret;
    private String secretClientId;
    private String secret;

    @PostConstruct
    void load() {
        rows = clients.clients().stream().map(ClientRow::new).toList();
        deliveries = outbox.recent(null, DELIVERIES_SHOWN).stream().map(DeliveryRow::new).toList();
    }

    /** Shows the latest state of the deliveries (and the clients) again. */
    public void refresh() {
        forgetSecret();
        load();
    }

    public void create() {
        forgetSecret();
        String clientId = newClientId == null ? "" : newClientId.strip();
        ClientDefinition definition = ClientDefinition.of(clientId)
                .withRedirectUris(lines(newRedirectUris))
                .withBackchannelLogoutUri(Optional.ofNullable(newLogoutUri).map(String::strip)
                        .filter(uri -> !uri.isEmpty()));
        if (newName != null && !newName.isBlank()) {
            definition = definition.withName(newName.strip());
        }
        try {
            ClientRegistry.CreatedClient created = clients.create(definition, newWithSecret, caller.require(), ip());
            Faces.info("Client " + clientId + " registered.");
            created.secret().ifPresent(value -> showSecret(clientId, value));
            newClientId = null;
            newName = null;
            newRedirectUris = null;
            newLogoutUri = null;
            newWithSecret = false;
        } catch (ClientRegistry.InvalidClientException e) {
            Faces.error(e.getMessage());
        } catch (ClientRegistry.ClientIdTakenException e) {
            Faces.error("A client " + clientId + " exists.");
        }
        load();
    }

    public void setActive(ClientRow row, boolean active) {
        forgetSecret();
        clients.update(row.getClientId(), definition -> definition.withActive(active), caller.require(), ip())
                .ifPresentOrElse(changed -> Faces.info(active ? "Client " + row.getClientId() + " reactivated."
                                : "Client " + row.getClientId() + " deactivated; " + changed.revokedSessions()
                                + " of its sessions revoked."),
                        () -> Faces.error("No client " + row.getClientId() + "."));
        load();
    }

    public void newSecret(ClientRow row) {
        forgetSecret();
        clients.newSecret(row.getClientId(), caller.require(), ip()).ifPresentOrElse(
                value -> showSecret(row.getClientId(), value),
                () -> Faces.error("No client " + row.getClientId() + "."));
        load();
    }

    public void delete(ClientRow row) {
        forgetSecret();
        clients.delete(row.getClientId(), caller.require(), ip()).ifPresentOrElse(
                revoked -> Faces.info("Client " + row.getClientId() + " deleted; " + revoked
                        + " of its sessions revoked."),
                () -> Faces.error("No client " + row.getClientId() + "."));
        load();
    }

    private void showSecret(String clientId, String value) {
        secretClientId = clientId;
        secret = value;
    }

    /** A secret is shown until the next action on the page, and never again. */
    private void forgetSecret() {
        secretClientId = null;
        secret = null;
    }

    private String ip() {
        return clientInfo.of(Faces.request()).ip();
    }

    static List<String> lines(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\r\\n]+")).map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    public List<ClientRow> getRows() {
        return rows;
    }

    public List<DeliveryRow> getDeliveries() {
        return deliveries;
    }

    public String getNewClientId() {
        return newClientId;
    }

    public void setNewClientId(String newClientId) {
        this.newClientId = newClientId;
    }

    public String getNewName() {
        return newName;
    }

    public void setNewName(String newName) {
        this.newName = newName;
    }

    public String getNewRedirectUris() {
        return newRedirectUris;
    }

    public void setNewRedirectUris(String newRedirectUris) {
        this.newRedirectUris = newRedirectUris;
    }

    public String getNewLogoutUri() {
        return newLogoutUri;
    }

    public void setNewLogoutUri(String newLogoutUri) {
        this.newLogoutUri = newLogoutUri;
    }

    public boolean isNewWithSecret() {
        return newWithSecret;
    }

    public void setNewWithSecret(boolean newWithSecret) {
        this.newWithSecret = newWithSecret;
    }

    public String getSecretClientId() {
        return secretClientId;
    }

    public String getSecret() {
        return secret;
    }

    /** One row of the clients table. */
    public static final class ClientRow implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String clientId;
        private final String name;
        private final String audience;
        private final String redirectUris;
        private final String logoutUri;
        private final boolean active;
        private final boolean secret;

        ClientRow(RegisteredClient client) {
            this.clientId = client.clientId();
            this.name = client.name();
            this.audience = client.audience();
            this.redirectUris = String.join(" ", client.redirectUris());
            this.logoutUri = client.backchannelLogoutUri().orElse("");
            this.active = client.isActive();
            this.secret = client.hasSecret();
        }

        public String getClientId() {
            return clientId;
        }

        public String getName() {
            return name;
        }

        public String getAudience() {
            return audience;
        }

        public String getRedirectUris() {
            return redirectUris;
        }

        public String getLogoutUri() {
            return logoutUri;
        }

        public boolean isActive() {
            return active;
        }

        public boolean isSecret() {
            return secret;
        }
    }

    /** One row of the back-channel logouts table. */
    public static final class DeliveryRow implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String id;
        private final String ended;
        private final String clientId;
        private final String sessionId;
        private final String state;
        private final int attempts;
        private final String lastResult;
        private final String next;

        DeliveryRow(LogoutDelivery delivery) {
            this.id = delivery.id();
            this.ended = KeysView.format(delivery.createdAt());
            this.clientId = delivery.clientId();
            this.sessionId = delivery.sessionId();
            this.state = delivery.state().name().toLowerCase(Locale.ROOT);
            this.attempts = delivery.attempts();
            this.lastResult = delivery.lastResult().orElse("");
            this.next = delivery.state() == LogoutDelivery.State.PENDING ? KeysView.format(delivery.nextAttemptAt())
                    : "";
        }

        public String getId() {
            return id;
        }

        public String getEnded() {
            return ended;
        }

        public String getClientId() {
            return clientId;
        }

        public String getSessionId() {
            return sessionId;
        }

        public String getState() {
            return state;
        }

        public int getAttempts() {
            return attempts;
        }

        public String getLastResult() {
            return lastResult;
        }

        public String getNext() {
            return next;
        }
    }
}
