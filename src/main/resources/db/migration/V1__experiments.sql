-- The same history on H2 (the embedded store) and PostgreSQL (a fleet's store): only portable SQL, and
-- ${binaryCollation} where the two differ (PostgreSQL's default collation would sort ids by locale rules).
-- Times are epoch nanoseconds, so ordering is exact and no time zone is involved.

-- One row per experiment: its JSON document (the record, as the store's mapper writes it) plus the
-- columns that lists filter and sort on and that the fleet coordinates through.
CREATE TABLE experiment (
    id              VARCHAR(64) ${binaryCollation} NOT NULL PRIMARY KEY,
    -- Admission order, fleet-wide (assigned under the queue lock): the queue runs in it, even for
    -- experiments submitted within one millisecond.
    seq             BIGINT NOT NULL,
    status          VARCHAR(16) NOT NULL,
    submitted_at    BIGINT NOT NULL,
    started_at      BIGINT,
    finished_at     BIGINT,
    -- Lower-cased in Java (Locale.ROOT), as ListQuery defines the name filter.
    name_lower      VARCHAR(1000),
    -- ",atomic,synchronized,": a strategy filter is a LIKE on ",id,".
    strategies      VARCHAR(4000) NOT NULL,
    -- The instance running it, while RUNNING.
    owner           VARCHAR(64),
    -- A DELETE made on another instance than the owner: the owner sees it and stops the experiment.
    stop_reason     VARCHAR(500),
    -- The admission estimate, for Retry-After across the fleet.
    planned_seconds DOUBLE PRECISION NOT NULL,
    -- The document's layout version; readers accept older ones.
    format          INTEGER NOT NULL,
    document        TEXT NOT NULL
);

CREATE INDEX experiment_newest_first ON experiment (submitted_at, id);
CREATE INDEX experiment_queue ON experiment (status, seq);
-- The next seq is MAX(seq) + 1: an index lookup, not a scan of every experiment ever kept.
CREATE UNIQUE INDEX experiment_seq ON experiment (seq);

CREATE TABLE idempotency_key (
    idempotency_key VARCHAR(255) ${binaryCollation} NOT NULL PRIMARY KEY,
    fingerprint     VARCHAR(128) NOT NULL,
    experiment_id   VARCHAR(64) NOT NULL,
    expires_at      BIGINT NOT NULL
);

CREATE INDEX idempotency_key_expiry ON idempotency_key (expires_at);

-- Live instances and their last heartbeat.
CREATE TABLE instance (
    id           VARCHAR(64) NOT NULL PRIMARY KEY,
    host_name    VARCHAR(255) NOT NULL,
    heartbeat_at BIGINT NOT NULL
);

-- Jobs that one instance at a time does (retention).
CREATE TABLE lease (
    name     VARCHAR(64) NOT NULL PRIMARY KEY,
    holder   VARCHAR(64) NOT NULL,
    until_at BIGINT NOT NULL
);

-- Admissions lock this row, so that counting the queue and adding to it is one step fleet-wide.
CREATE TABLE queue_lock (
    id INTEGER NOT NULL PRIMARY KEY
);

INSERT INTO queue_lock (id) VALUES (1);
