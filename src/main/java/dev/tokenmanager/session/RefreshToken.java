package dev.tokenmanager.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A refresh token as stored: its hash, its session, when it was issued, when it was rotated away and by which
 * successor, and whether a retry of its predecessor superseded it before it was used.
 */
@Entity
@Table(name = "tm_refresh_token")
public class RefreshToken {

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @Column(name = "session_id", nullable = false, length = 86)
    private String sessionId;

    @Column(name = "issued_at", nullable = false)
    private long issuedAt;

    @Column(name = "used_at")
    private Long usedAt;

    @Column(name = "successor_hash", length = 64)
    private String successorHash;

    @Column(name = "superseded_at")
    private Long supersededAt;

    protected RefreshToken() {
    }

    public RefreshToken(String tokenHash, String sessionId, Instant issuedAt) {
        this.tokenHash = tokenHash;
        this.sessionId = sessionId;
        this.issuedAt = issuedAt.toEpochMilli();
    }

    public String sessionId() {
        return sessionId;
    }

    /** When it was rotated away, if it was. */
    public Optional<Instant> usedAt() {
        return Optional.ofNullable(usedAt).map(Instant::ofEpochMilli);
    }

    /** The hash of the token that replaced this one, if it was rotated (and successors were recorded then). */
    public Optional<String> successorHash() {
        return Optional.ofNullable(successorHash);
    }

    /** When a retry of its predecessor replaced it before it was ever used, if that happened. */
    public Optional<Instant> supersededAt() {
        return Optional.ofNullable(supersededAt).map(Instant::ofEpochMilli);
    }

    public String tokenHash() {
        return tokenHash;
    }

    /** Rotated away at {@code at} (only the first rotation counts), replaced by {@code successor}. */
    public void replacedBy(RefreshToken successor, Instant at) {
        if (usedAt == null) {
            this.usedAt = at.toEpochMilli();
        }
        this.successorHash = successor.tokenHash;
    }

    /** A retry of its predecessor replaced it, unused. */
    public void supersede(Instant at) {
        this.supersededAt = at.toEpochMilli();
    }
}
