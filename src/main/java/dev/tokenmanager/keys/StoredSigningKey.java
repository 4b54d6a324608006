package dev.tokenmanager.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A signing key as stored: public JWK in the clear, private part encrypted with the key-encryption key. */
@Entity
@Table(name = "tm_signing_key")
public class StoredSigningKey {

    /** Where a key is in its life. */
    public enum State {
        /** Signs new tokens (the newest active key does). */
        ACTIVE,
        /** Only verifies tokens it signed before, until {@code verify_until}. */
        RETIRED
    }

    @Id
    @Column(name = "kid", length = 64)
    private String kid;

    @Column(name = "algorithm", nullable = false, length = 16)
    private String algorithm;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private State state;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "retired_at")
    private Long retiredAt;

    @Column(name = "verify_until")
    private Long verifyUntil;

    @Column(name = "public_jwk", length = 4096)
    private String publicJwk;

    @Column(name = "private_key", nullable = false, length = 8192)
    private String privateKey;

    protected StoredSigningKey() {
    }

    public StoredSigningKey(String kid, String algorithm, Instant createdAt, String publicJwk,
                            String encryptedPrivateKey) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.state = State.ACTIVE;
        this.createdAt = createdAt.toEpochMilli();
        this.publicJwk = publicJwk;
        this.privateKey = encryptedPrivateKey;
    }

    public String kid() {
        return kid;
    }

    public String algorithm() {
        return algorithm;
    }

    public State state() {
        return state;
    }

    public Instant createdAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    public Optional<Instant> retiredAt() {
        return Optional.ofNullable(retiredAt).map(Instant::ofEpochMilli);
    }

    public Optional<Instant> verifyUntil() {
        return Optional.ofNullable(verifyUntil).map(Instant::ofEpochMilli);
    }

    public String publicJwk() {
        return publicJwk;
    }

    public String encryptedPrivateKey() {
        return privateKey;
    }

    /** Stops signing with this key; it keeps verifying until {@code verifyUntil}. */
    public void retire(Instant now, Instant verifyUntil) {
        if (state == State.ACTIVE) {
            this.state = State.RETIRED;
            this.retiredAt = now.toEpochMilli();
            this.verifyUntil = verifyUntil.toEpochMilli();
        }
    }
}
