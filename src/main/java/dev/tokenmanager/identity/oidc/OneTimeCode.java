package dev.tokenmanager.identity.oidc;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The one-time code a browser sign-in hands its front end: found by its hash, redeemed once, within a minute. It
 * remembers the account, the provider's session, and the browser's address and User-Agent, which the session gets.
 */
@Entity
@Table(name = "tm_oidc_code")
public class OneTimeCode {

    @Id
    @Column(name = "code_hash", length = 43)
    private String codeHash;

    @Column(name = "provider", nullable = false, length = 64)
    private String provider;

    @Column(name = "account_id", nullable = false, length = 36)
    private String accountId;

    @Column(name = "provider_sid", length = 255)
    private String providerSid;

    @Column(name = "redirect_uri", nullable = false, length = 2048)
    private String redirectUri;

    @Column(name = "client_challenge", length = 128)
    private String clientChallenge;

    @Column(name = "ip", length = 45)
    private String ip;

    @Column(name = "user_agent", length = 512)
    private String userAgent;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    protected OneTimeCode() {
    }

    OneTimeCode(String codeHash, String provider, String accountId, String providerSid, String redirectUri,
                String clientChallenge, String ip, String userAgent, long expiresAt) {
        this.codeHash = codeHash;
        this.provider = provider;
        this.accountId = accountId;
        this.providerSid = providerSid;
        this.redirectUri = redirectUri;
        this.clientChallenge = clientChallenge;
        this.ip = ip;
        this.userAgent = userAgent;
        this.expiresAt = expiresAt;
    }

    String codeHash() {
        return codeHash;
    }

    String provider() {
        return provider;
    }

    String accountId() {
        return accountId;
    }

    String providerSid() {
        return providerSid;
    }

    String redirectUri() {
        return redirectUri;
    }

    String clientChallenge() {
        return clientChallenge;
    }

    String ip() {
        return ip;
    }

    String userAgent() {
        return userAgent;
    }

    long expiresAt() {
        return expiresAt;
    }
}
