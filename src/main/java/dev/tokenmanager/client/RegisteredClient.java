package dev.tokenmanager.client;

import dev.tokenmanager.crypto.SecretHash;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A registered front end or service: the sessions started for it carry its {@code client_id} and audience, it may
 * be sent back to its redirect URIs, and it hears of its ended sessions at its back-channel logout URI.
 */
@Entity
@Table(name = "tm_client")
public class RegisteredClient {

    @Id
    @Column(name = "client_id", length = 64)
    private String clientId;

    @Column(name = "name", nullable = false, length = 128)
    private String name;

    @Column(name = "audience", nullable = false, length = 255)
    private String audience;

    /** Space-separated: a URI has no spaces. */
    @Column(name = "redirect_uris", nullable = false, length = 8192)
    private String redirectUris;

    @Column(name = "backchannel_logout_uri", length = 512)
    private String backchannelLogoutUri;

    @Column(name = "secret_hash", length = 64)
    private String secretHash;

    @Column(name = "active", nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected RegisteredClient() {
    }

    /** A new client as {@code definition} describes it (already validated), without a secret. */
    RegisteredClient(ClientDefinition definition, Instant createdAt) {
        this.clientId = definition.clientId();
        this.createdAt = createdAt.toEpochMilli();
        apply(definition);
    }

    /** Takes on everything {@code definition} says but the id (which never changes). */
    void apply(ClientDefinition definition) {
        this.name = definition.name();
        this.audience = definition.audience();
        this.redirectUris = String.join(" ", definition.redirectUris());
        this.backchannelLogoutUri = definition.backchannelLogoutUri().orElse(null);
        this.active = definition.active();
    }

    public String clientId() {
        return clientId;
    }

    public String name() {
        return name;
    }

    public String audience() {
        return audience;
    }

    public List<String> redirectUris() {
        return redirectUris.isEmpty() ? List.of() : Arrays.asList(redirectUris.split(" "));
    }

    public Optional<String> backchannelLogoutUri() {
        return Optional.ofNullable(backchannelLogoutUri);
    }

    public boolean isActive() {
        return active;
    }

    public Instant createdAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    /** Whether the client must prove itself with its secret. */
    public boolean hasSecret() {
        return secretHash != null;
    }

    /** Whether {@code secret} is this client's secret (constant time); false when it has none. */
    public boolean secretMatches(String secret) {
        return SecretHash.matches(secret, secretHash);
    }

    /** Whether the client's secret is still the one that hashed to {@code hash} (constant time). */
    public boolean secretHashIs(String hash) {
        return SecretHash.sameHash(hash, secretHash);
    }

    /** Whether the client may be sent to {@code uri}: exactly one of its redirect URIs, character for character. */
    public boolean allowsRedirectTo(String uri) {
        return uri != null && redirectUris().contains(uri);
    }

    void replaceSecretHash(String secretHash) {
        this.secretHash = secretHash;
    }

    /** Everything but the secret, as an editable definition. */
    public ClientDefinition definition() {
        return new ClientDefinition(clientId, name, audience, redirectUris(), backchannelLogoutUri(), active);
    }
}
