-- Registered clients (front ends and services) and the outbox of back-channel logouts sent to them.

-- A client: its id, the audience of the access tokens of its sessions, the redirect URIs it may use (space-separated,
-- compared exactly), where it hears of ended sessions, and the SHA-256 of its secret (never the secret).
CREATE TABLE tm_client (
    client_id               VARCHAR(64)   NOT NULL PRIMARY KEY,
    name                    VARCHAR(128)  NOT NULL,
    audience                VARCHAR(255)  NOT NULL,
    redirect_uris           VARCHAR(8192) NOT NULL,
    backchannel_logout_uri  VARCHAR(512),
    secret_hash             VARCHAR(64),
    active                  BOOLEAN       NOT NULL,
    created_at              BIGINT        NOT NULL
);

-- The client a login session was started for (null: none). Kept after the client is deleted, as history.
ALTER TABLE tm_session ADD COLUMN client_id VARCHAR(64);
CREATE INDEX ix_session_client ON tm_session (client_id);

-- One row per ended session and client with a back-channel logout URI, written in the revoking transaction.
-- A node sends a row only while it holds the row's claim (claimed_by, claimed_until); state PENDING, DELIVERED or
-- ABANDONED (given up). The URI is the one the client had when the session ended.
CREATE TABLE tm_backchannel_logout (
    id               VARCHAR(22)  NOT NULL PRIMARY KEY,
    client_id        VARCHAR(64)  NOT NULL,
    session_id       VARCHAR(86)  NOT NULL,
    subject          VARCHAR(64)  NOT NULL,
    uri              VARCHAR(512) NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    created_at       BIGINT       NOT NULL,
    attempts         INTEGER      NOT NULL,
    next_attempt_at  BIGINT       NOT NULL,
    last_attempt_at  BIGINT,
    last_result      VARCHAR(255),
    finished_at      BIGINT,
    claimed_by       VARCHAR(64),
    claimed_until    BIGINT
);
CREATE UNIQUE INDEX ux_backchannel_logout_client_session ON tm_backchannel_logout (client_id, session_id);
CREATE INDEX ix_backchannel_logout_due ON tm_backchannel_logout (state, next_attempt_at);
CREATE INDEX ix_backchannel_logout_created ON tm_backchannel_logout (created_at);

INSERT INTO tm_job_lease (name, holder, lease_until) VALUES ('prune-backchannel-logouts', NULL, 0);
