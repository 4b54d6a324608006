-- Retry-safe rotation. successor_hash: the refresh token that replaced this one (the latest, when a retry of this
-- one replaced its first successor). superseded_at: a retry of this token's predecessor replaced it before it was
-- ever used; it refreshes nothing any more (and presenting it is not reuse: a concurrent caller may hold it).
ALTER TABLE tm_refresh_token ADD COLUMN successor_hash VARCHAR(64);
ALTER TABLE tm_refresh_token ADD COLUMN superseded_at BIGINT;
