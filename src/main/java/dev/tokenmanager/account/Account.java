package dev.tokenmanager.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A user who can log in: username, password hash, groups, whether the account is active, and where it comes from
 * ({@link #source()}): a local account has its password hash here, an external one (from an LDAP directory or an
 * OpenID Connect provider) is linked to its source by the stable id the source gives it and has no local password.
 */
@Entity
@Table(name = "tm_account")
public class Account {

    /** The source of accounts whose password hash is stored here. */
    public static final String LOCAL = "local";
    /** The password hash of an external account: no password ever verifies against it. */
    public static final String NO_LOCAL_PASSWORD = "external:no-local-password";

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "username", nullable = false, length = 64)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "groups_list", nullable = false, length = 1024)
    private String groupsList;

    @Column(name = "active", nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "source", nullable = false, length = 80)
    private String source;

    @Column(name = "external_id", length = 512)
    private String externalId;

    protected Account() {
    }

    /** An account of an external source: no local password, linked by {@code externalId}. */
    public Account(String username, List<String> groups, Instant createdAt, String source, String externalId) {
        this(username, NO_LOCAL_PASSWORD, groups, createdAt);
        this.source = source;
        this.externalId = externalId;
    }

    public Account(String username, String passwordHash, List<String> groups, Instant createdAt) {
        this.id = UUID.randomUUID().toString();
        this.username = username;
        this.passwordHash = passwordHash;
        this.groupsList = Groups.format(groups);
        this.active = true;
        this.createdAt = createdAt.toEpochMilli();
        this.source = LOCAL;
    }

    public String id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public List<String> groups() {
        return Groups.parse(groupsList);
    }

    public boolean isActive() {
        return active;
    }

    public Instant createdAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    /** {@code local}, {@code ldap:<name>} or {@code oidc:<name>}. */
    public String source() {
        return source;
    }

    /** Whether the password of this account is checked here (else its directory or provider owns it). */
    public boolean isLocal() {
        return LOCAL.equals(source);
    }

    /** The id the source gives this person; null for a local account. */
    public String externalId() {
        return externalId;
    }

    /** A new username, as the account's source now names the person; the caller has checked it is free. */
    public void rename(String username) {
        this.username = username;
    }

    public void changePasswordHash(String newHash) {
        this.passwordHash = newHash;
    }

    public void changeGroups(List<String> groups) {
        this.groupsList = Groups.format(groups);
    }

    public void changeActive(boolean active) {
        this.active = active;
    }
}
