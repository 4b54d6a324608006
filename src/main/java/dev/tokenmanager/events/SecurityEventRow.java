package dev.tokenmanager.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A recorded security event as stored: when, what, to whom, in which session, from where. Never a secret. */
@Entity
@Table(name = "tm_security_event")
public class SecurityEventRow {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "occurred_at", nullable = false)
    private long occurredAt;

    @Column(name = "kind", nullable = false, length = 32)
    private String kind;

    @Column(name = "account_id", length = 36)
    private String accountId;

    @Column(name = "username", length = 64)
    private String username;

    @Column(name = "session_id", length = 86)
    private String sessionId;

    @Column(name = "ip", length = 45)
    private String ip;

    @Column(name = "detail", length = 512)
    private String detail;

    protected SecurityEventRow() {
    }

    SecurityEventRow(Instant occurredAt, SecurityEvent event) {
        this.id = UUID.randomUUID().toString();
        this.occurredAt = occurredAt.toEpochMilli();
        this.kind = event.kind().label();
        this.accountId = event.accountId();
        this.username = bounded(event.username(), 64);
        this.sessionId = event.sessionId();
        this.ip = event.ip();
        this.detail = bounded(event.detail(), 512);
    }

    /** At most {@code length} characters, and no NUL: PostgreSQL's text cannot hold one (a login name may). */
    private static String bounded(String value, int length) {
        if (value == null) {
            return null;
        }
        String storable = value.replace('\u0000', '\uFFFD');
        return storable.length() <= length ? storable : storable.substring(0, length);
    }

    public Instant occurredAt() {
        return Instant.ofEpochMilli(occurredAt);
    }

    public String kind() {
        return kind;
    }

    public String username() {
        return username;
    }

    public String sessionId() {
        return sessionId;
    }

    public String ip() {
        return ip;
    }

    public String detail() {
        return detail;
    }
}
