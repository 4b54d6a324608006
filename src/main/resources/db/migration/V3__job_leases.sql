-- Scheduled work that must run on one node of a cluster at a time: a node runs a job only while it holds its lease.
CREATE TABLE tm_job_lease (
    name         VARCHAR(64) NOT NULL PRIMARY KEY,
    holder       VARCHAR(64),
    lease_until  BIGINT      NOT NULL
);
INSERT INTO tm_job_lease (name, holder, lease_until) VALUES ('prune-sessions', NULL, 0);
INSERT INTO tm_job_lease (name, holder, lease_until) VALUES ('key-maintenance', NULL, 0);
