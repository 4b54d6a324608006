package dev.tokenmanager.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A recorded security event: what happened, to whom, in which session, from where. Never a secret. */
@Entity
@Table(name = "tm_security_event")
public class SecurityEvent {

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

    protected SecurityEvent() {
    }

    SecurityEvent(Instant occurredAt, String kind, String accountId, String username, String sessionId, String ip,
                  String detail) {
        this.id = UUID.randomUUID().toString();
        this.occurredAt = occurredAt.toEpochMilli();
        this.kind = kind;
        this.accountId = accountId;
        this.username = username;
        this.sessionId = sessionId;
        this.ip = ip;
        this.detail = detail == null || detail.length() <= 512 ? detail : detail.substring(0, 512);
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
