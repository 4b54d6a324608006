package dev.tokenmanager.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user who can log in: username, password hash, groups, and whether the account is active. */
@Entity
@Table(name = "tm_account")
public class Account {

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

    protected Account() {
    }

    public Account(String username, String passwordHash, List<String> groups, Instant createdAt) {
        this.id = UUID.randomUUID().toString();
        this.username = username;
        this.passwordHash = passwordHash;
        this.groupsList = Groups.format(groups);
        this.active = true;
        this.createdAt = createdAt.toEpochMilli();
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
