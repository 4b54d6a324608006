-- The revocation feed (GET /api/auth/revocations): one row per ended login session whose access tokens may still
-- be live somewhere, written in the revoking transaction. seq is taken from tm_revocation_sequence by an UPDATE that
-- is the revoking transaction's last lock: writers serialize on that row until they commit, so rows become visible
-- in the order of their numbers and a reader that saw seq N has seen every row below N.
CREATE TABLE tm_revocation (
    seq         BIGINT      NOT NULL PRIMARY KEY,
    session_id  VARCHAR(86) NOT NULL,
    revoked_at  BIGINT      NOT NULL,
    -- After this (epoch milliseconds) no access token of the session can be live: the row is then pruned.
    live_until  BIGINT      NOT NULL
);
CREATE INDEX ix_revocation_live_until ON tm_revocation (live_until);

CREATE TABLE tm_revocation_sequence (
    id        INTEGER NOT NULL PRIMARY KEY,
    last_seq  BIGINT  NOT NULL
);
INSERT INTO tm_revocation_sequence (id, last_seq) VALUES (1, 0);
