-- The number of QUEUED experiments, kept up to date by every change that enters or leaves that status,
-- in the same transaction and under this row's lock: an admission reads it instead of counting the queue,
-- which took the longer the longer the queue was (thousands, with a raised capacity).
ALTER TABLE queue_lock ADD COLUMN queued BIGINT DEFAULT 0 NOT NULL;

UPDATE queue_lock SET queued = (SELECT COUNT(*) FROM experiment WHERE status = 'QUEUED');
