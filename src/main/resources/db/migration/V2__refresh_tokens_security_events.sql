-- Refresh tokens: one row per token ever issued for a login session, stored only as a SHA-256 hash.
-- A row with used_at set was rotated away; presenting it again is reuse.
CREATE TABLE tm_refresh_token (
    token_hash  VARCHAR(64) NOT NULL PRIMARY KEY,
    session_id  VARCHAR(86) NOT NULL REFERENCES tm_session (id) ON DELETE CASCADE,
    issued_at   BIGINT      NOT NULL,
    used_at     BIGINT
);
CREATE INDEX ix_refresh_token_session ON tm_refresh_token (session_id);

-- Security events (refresh reuse, password changes, ...): who, which session, from where; never a secret.
CREATE TABLE tm_security_event (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    occurred_at BIGINT       NOT NULL,
    kind        VARCHAR(32)  NOT NULL,
    account_id  VARCHAR(36),
    username    VARCHAR(64),
    session_id  VARCHAR(86),
    ip          VARCHAR(45),
    detail      VARCHAR(512)
);
CREATE INDEX ix_security_event_time ON tm_security_event (occurred_at);
