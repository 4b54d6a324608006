package dev.tokenmanager.identity.oidc;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A back-channel logout token accepted once: its provider and the hash of its {@code jti}, until it expires. */
@Entity
@Table(name = "tm_oidc_logout_jti")
@IdClass(SeenLogoutToken.Key.class)
public class SeenLogoutToken {

    /** The primary key: provider and jti hash. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        String provider;
        String jtiHash;

        public Key() {
        }

        Key(String provider, String jtiHash) {
            this.provider = provider;
            this.jtiHash = jtiHash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.provider.equals(provider) && key.jtiHash.equals(jtiHash);
        }

        @Override
        public int hashCode() {
            return Objects.hash(provider, jtiHash);
        }
    }

    @Id
    @Column(name = "provider", length = 64)
    private String provider;

    @Id
    @Column(name = "jti_hash", length = 43)
    private String jtiHash;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    protected SeenLogoutToken() {
    }

    SeenLogoutToken(String provider, String jtiHash, long expiresAt) {
        this.provider = provider;
        this.jtiHash = jtiHash;
        this.expiresAt = expiresAt;
    }
}
