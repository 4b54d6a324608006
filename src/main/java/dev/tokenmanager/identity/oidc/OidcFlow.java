package dev.tokenmanager.identity.oidc;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A browser sign-in under way: found by the hash of its {@code state}, used once. Holds where it returns to, the
 * hash of the nonce sent, and the PKCE verifier encrypted with the key-encryption key.
 */
@Entity
@Table(name = "tm_oidc_flow")
public class OidcFlow {

    /** Where a browser sign-in ends: a front end (a one-time code to its redirect URI) or the admin console. */
    public enum Purpose { API, CONSOLE }

    @Id
    @Column(name = "state_hash", length = 43)
    private String stateHash;

    @Column(name = "provider", nullable = false, length = 64)
    private String provider;

    @Enumerated(EnumType.STRING)
    @Column(name = "purpose", nullable = false, length = 8)
    private Purpose purpose;

    @Column(name = "redirect_uri", length = 2048)
    private String redirectUri;

    @Column(name = "client_state", length = 512)
    private String clientState;

    @Column(name = "client_challenge", length = 128)
    private String clientChallenge;

    @Column(name = "nonce_hash", nullable = false, length = 43)
    private String nonceHash;

    @Column(name = "verifier", nullable = false, length = 256)
    private String verifier;

    @Column(name = "browser_hash", length = 43)
    private String browserHash;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    protected OidcFlow() {
    }

    OidcFlow(String stateHash, String provider, Purpose purpose, String redirectUri, String clientState,
             String clientChallenge, String nonceHash, String encryptedVerifier, String browserHash, long expiresAt) {
        this.stateHash = stateHash;
        this.provider = provider;
        this.purpose = purpose;
        this.redirectUri = redirectUri;
        this.clientState = clientState;
        this.clientChallenge = clientChallenge;
        this.nonceHash = nonceHash;
        this.verifier = encryptedVerifier;
        this.browserHash = browserHash;
        this.expiresAt = expiresAt;
    }

    String stateHash() {
        return stateHash;
    }

    String provider() {
        return provider;
    }

    Purpose purpose() {
        return purpose;
    }

    String redirectUri() {
        return redirectUri;
    }

    String clientState() {
        return clientState;
    }

    String clientChallenge() {
        return clientChallenge;
    }

    String nonceHash() {
        return nonceHash;
    }

    String encryptedVerifier() {
        return verifier;
    }

    String browserHash() {
        return browserHash;
    }

    long expiresAt() {
        return expiresAt;
    }
}
