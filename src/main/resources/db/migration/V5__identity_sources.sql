-- Enterprise sign-in: accounts and sessions from LDAP directories and OpenID Connect providers.

-- Where an account comes from: 'local' (its password hash here), 'ldap:<name>' or 'oidc:<name>'. An external account
-- is linked by the stable id its source gives it (LDAP entryUUID/objectGUID; OIDC '<iss>#<sub>'), never by its name.
ALTER TABLE tm_account ADD COLUMN source VARCHAR(80) DEFAULT 'local' NOT NULL;
ALTER TABLE tm_account ADD COLUMN external_id VARCHAR(512);
CREATE UNIQUE INDEX ux_account_external ON tm_account (source, external_id);

-- How a session was signed in (the same forms as an account's source), and the provider's session id ('sid' of the
-- ID token) that a back-channel logout names.
ALTER TABLE tm_session ADD COLUMN source VARCHAR(80) DEFAULT 'local' NOT NULL;
ALTER TABLE tm_session ADD COLUMN provider_sid VARCHAR(255);
CREATE INDEX ix_session_provider_sid ON tm_session (source, provider_sid);

-- Browser sign-ins under way: one row per authorization request, found by the hash of its state and deleted when
-- the callback uses it. The PKCE verifier is encrypted with the key-encryption key; the nonce is kept as a hash.
CREATE TABLE tm_oidc_flow (
    state_hash        VARCHAR(43)   NOT NULL PRIMARY KEY,
    provider          VARCHAR(64)   NOT NULL,
    purpose           VARCHAR(8)    NOT NULL,
    redirect_uri      VARCHAR(2048),
    client_state      VARCHAR(512),
    client_challenge  VARCHAR(128),
    nonce_hash        VARCHAR(43)   NOT NULL,
    verifier          VARCHAR(256)  NOT NULL,
    browser_hash      VARCHAR(43),
    expires_at        BIGINT        NOT NULL
);
CREATE INDEX ix_oidc_flow_expiry ON tm_oidc_flow (expires_at);

-- One-time codes handed to a front end after a browser sign-in, stored as hashes, redeemed once at /api/auth/token.
CREATE TABLE tm_oidc_code (
    code_hash         VARCHAR(43)   NOT NULL PRIMARY KEY,
    provider          VARCHAR(64)   NOT NULL,
    account_id        VARCHAR(36)   NOT NULL REFERENCES tm_account (id) ON DELETE CASCADE,
    provider_sid      VARCHAR(255),
    redirect_uri      VARCHAR(2048) NOT NULL,
    client_challenge  VARCHAR(128),
    ip                VARCHAR(45),
    user_agent        VARCHAR(512),
    expires_at        BIGINT        NOT NULL
);
CREATE INDEX ix_oidc_code_expiry ON tm_oidc_code (expires_at);

-- The jti of every back-channel logout token accepted, kept until the token could no longer be valid: a replay is
-- refused.
CREATE TABLE tm_oidc_logout_jti (
    provider    VARCHAR(64)  NOT NULL,
    jti_hash    VARCHAR(43)  NOT NULL,
    expires_at  BIGINT       NOT NULL,
    PRIMARY KEY (provider, jti_hash)
);
CREATE INDEX ix_oidc_logout_jti_expiry ON tm_oidc_logout_jti (expires_at);
