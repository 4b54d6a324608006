package dev.tokenmanager.logout;

import dev.tokenmanager.crypto.RandomIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * One back-channel logout to send: session {@code sessionId} of {@code subject} ended, and client {@code clientId}
 * is to hear of it at {@code uri}. Written in the transaction that ended the session; sent by whichever node holds
 * its claim; kept, delivered or abandoned, as history until pruned.
 */
@Entity
@Table(name = "tm_backchannel_logout")
public class LogoutDelivery {

    /** Where a delivery stands. */
    public enum State { PENDING, DELIVERED, ABANDONED }

    @Id
    @Column(name = "id", length = 22)
    private String id;

    @Column(name = "client_id", nullable = false, length = 64)
    private String clientId;

    @Column(name = "session_id", nullable = false, length = 86)
    private String sessionId;

    @Column(name = "subject", nullable = false, length = 64)
    private String subject;

    @Column(name = "uri", nullable = false, length = 512)
    private String uri;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private State state;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private long nextAttemptAt;

    @Column(name = "last_attempt_at")
    private Long lastAttemptAt;

    @Column(name = "last_result", length = 255)
    private String lastResult;

    @Column(name = "finished_at")
    private Long finishedAt;

    @Column(name = "claimed_by", length = 64)
    private String claimedBy;

    @Column(name = "claimed_until")
    private Long claimedUntil;

    protected LogoutDelivery() {
    }

    /** A delivery due at once, for a session that ended {@code now}. */
    LogoutDelivery(String clientId, String sessionId, String subject, String uri, Instant now) {
        this.id = RandomIds.newId();
        this.clientId = clientId;
        this.sessionId = sessionId;
        this.subject = subject;
        this.uri = uri;
        this.state = State.PENDING;
        this.createdAt = now.toEpochMilli();
        this.nextAttemptAt = this.createdAt;
    }

    public String id() {
        return id;
    }

    public String clientId() {
        return clientId;
    }

    public String sessionId() {
        return sessionId;
    }

    public String subject() {
        return subject;
    }

    public String uri() {
        return uri;
    }

    public State state() {
        return state;
    }

    /** When the session ended. */
    public Instant createdAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return Instant.ofEpochMilli(nextAttemptAt);
    }

    public Optional<Instant> lastAttemptAt() {
        return Optional.ofNullable(lastAttemptAt).map(Instant::ofEpochMilli);
    }

    /** What the last attempt got ({@code HTTP 200}, {@code timed out}, …); never a token. */
    public Optional<String> lastResult() {
        return Optional.ofNullable(lastResult);
    }

    public Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt).map(Instant::ofEpochMilli);
    }
}
