-- The number of Idempotency-Key bindings, kept up to date by every change of them, under the queue lock that
-- every binding takes: a binding reads it to know whether the oldest must be forgotten, where it counted the
-- table, a scan of up to playground.idempotency.max-keys rows (0.8 ms at 10,000 on PostgreSQL) during which
-- every admission of the fleet waited for the lock. During a rolling upgrade, instances of the earlier release bind
-- keys without counting them; that only moves the point where the oldest are forgotten by as many.
ALTER TABLE queue_lock ADD COLUMN idempotency_keys BIGINT DEFAULT 0 NOT NULL;

UPDATE queue_lock SET idempotency_keys = (SELECT COUNT(*) FROM idempotency_key);
