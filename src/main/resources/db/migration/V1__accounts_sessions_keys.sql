-- token-manager schema, portable between H2 2.x and PostgreSQL 13+.
-- Times are epoch milliseconds (BIGINT): one representation on every database and JPA provider.

CREATE TABLE tm_account (
    id             VARCHAR(36)   NOT NULL PRIMARY KEY,
    username       VARCHAR(64)   NOT NULL,
    password_hash  VARCHAR(255)  NOT NULL,
    groups_list    VARCHAR(1024) NOT NULL,
    active         BOOLEAN       NOT NULL,
    created_at     BIGINT        NOT NULL
);
CREATE UNIQUE INDEX ux_account_username ON tm_account (username);

-- One row per login (kind LOGIN) or named API token (kind TOKEN). The id is the random session lookup id
-- carried as "sid" in access tokens: 128+ random bits, never sequential.
CREATE TABLE tm_session (
    id              VARCHAR(86)  NOT NULL PRIMARY KEY,
    account_id      VARCHAR(36)  NOT NULL REFERENCES tm_account (id) ON DELETE CASCADE,
    kind            VARCHAR(8)   NOT NULL,
    name            VARCHAR(128) NOT NULL,
    created_at      BIGINT       NOT NULL,
    last_seen_at    BIGINT       NOT NULL,
    expires_at      BIGINT,
    revoked_at      BIGINT,
    ip              VARCHAR(45),
    user_agent      VARCHAR(512),
    device_type     VARCHAR(64),
    device_os       VARCHAR(64),
    device_browser  VARCHAR(64),
    -- SHA-256 of the session's bearer secret when it has one (named token, console cookie); never the secret.
    secret_hash     VARCHAR(64)
);
CREATE INDEX ix_session_account ON tm_session (account_id, kind);
CREATE INDEX ix_session_last_seen ON tm_session (last_seen_at);
CREATE UNIQUE INDEX ux_session_secret_hash ON tm_session (secret_hash);

-- Signing keys. The private part is encrypted with the key-encryption key, which is not in the database.
CREATE TABLE tm_signing_key (
    kid            VARCHAR(64)   NOT NULL PRIMARY KEY,
    algorithm      VARCHAR(16)   NOT NULL,
    state          VARCHAR(16)   NOT NULL,
    created_at     BIGINT        NOT NULL,
    retired_at     BIGINT,
    verify_until   BIGINT,
    public_jwk     VARCHAR(4096),
    private_key    VARCHAR(8192) NOT NULL
);
