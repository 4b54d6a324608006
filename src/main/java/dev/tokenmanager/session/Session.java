package dev.tokenmanager.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A login on one device, or a named API token: the row every request's token is checked against. Its id is the
 * random lookup id carried as {@code sid}.
 */
@Entity
@Table(name = "tm_session")
public class Session {

    @Id
    @Column(name = "id", length = 86)
    private String id;

    @Column(name = "account_id", nullable = false, length = 36)
    private String accountId;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 8)
    private SessionKind kind;

    @Column(name = "name", nullable = false, length = 128)
    private String name;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "last_seen_at", nullable = false)
    private long lastSeenAt;

    @Column(name = "expires_at")
    private Long expiresAt;

    @Column(name = "revoked_at")
    private Long revokedAt;

    @Column(name = "ip", length = 45)
    private String ip;

    @Column(name = "user_agent", length = 512)
    private String userAgent;

    @Column(name = "device_type", length = 64)
    private String deviceType;

    @Column(name = "device_os", length = 64)
    private String deviceOs;

    @Column(name = "device_browser", length = 64)
    private String deviceBrowser;

    @Column(name = "secret_hash", length = 64)
    private String secretHash;

    @Column(name = "client_id", length = 64)
    private String clientId;

    @Column(name = "source", nullable = false, length = 80)
    private String source = Origin.LOCAL.source();

    @Column(name = "provider_sid", length = 255)
    private String providerSid;

    protected Session() {
    }

    /** A new, live session created now; {@code expiresAt} null means it never expires (named tokens only). */
    public Session(String id, String accountId, SessionKind kind, String name, Instant now, Instant expiresAt,
                   String ip, String userAgent, DeviceInfo device) {
        this.id = id;
        this.accountId = accountId;
        this.kind = kind;
        this.name = name;
        this.createdAt = now.toEpochMilli();
        this.lastSeenAt = this.createdAt;
        this.expiresAt = expiresAt == null ? null : expiresAt.toEpochMilli();
        this.ip = ip;
        this.userAgent = userAgent;
        this.deviceType = device.type();
        this.deviceOs = device.os();
        this.deviceBrowser = device.browser();
    }

    public String id() {
        return id;
    }

    public String accountId() {
        return accountId;
    }

    public SessionKind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    public Instant lastSeenAt() {
        return Instant.ofEpochMilli(lastSeenAt);
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt).map(Instant::ofEpochMilli);
    }

    public Optional<Instant> revokedAt() {
        return Optional.ofNullable(revokedAt).map(Instant::ofEpochMilli);
    }

    public String ip() {
        return ip;
    }

    public String userAgent() {
        return userAgent;
    }

    public DeviceInfo device() {
        return new DeviceInfo(deviceType, deviceOs, deviceBrowser);
    }

    /** The registered client the session was started for, or null. */
    public String clientId() {
        return clientId;
    }

    /** How the session was signed in: {@code local}, {@code ldap:<name>} or {@code oidc:<name>}. */
    public String source() {
        return source;
    }

    /** The provider's session id of a provider sign-in, if it gave one. */
    public Optional<String> providerSid() {
        return Optional.ofNullable(providerSid);
    }

    /** Records how the session was signed in (before it is stored). */
    public void setOrigin(Origin origin) {
        this.source = origin.source();
        this.providerSid = origin.providerSid();
    }

    /** Whether the session can still authenticate at {@code now}. */
    public boolean isLive(Instant now) {
        return Liveness.isLive(revokedAt, expiresAt, now.toEpochMilli());
    }

    public void setSecretHash(String secretHash) {
        this.secretHash = secretHash;
    }

    /** Binds a new session to its registered client (null: none); a session's client never changes after. */
    void bindClient(String clientId) {
        this.clientId = clientId;
    }

    public void extendTo(Instant newExpiry) {
        this.expiresAt = newExpiry.toEpochMilli();
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            this.revokedAt = now.toEpochMilli();
        }
    }
}
