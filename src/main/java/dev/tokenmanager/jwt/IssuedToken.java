package dev.tokenmanager.jwt;

import java.time.Instant;

/** A signed access token, as handed to the caller once. */
public record IssuedToken(String token, String tokenId, Instant issuedAt, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedToken[tokenId=" + tokenId + ", expiresAt=" + expiresAt + "]";
    }
}
