package dev.tokenmanager.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A refresh token as stored: its hash, its session, when it was issued and when it was rotated away. */
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

    public void markUsed(Instant at) {
        this.usedAt = at.toEpochMilli();
    }
}
