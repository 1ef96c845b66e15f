package dev.concurrency.playground.store;

import java.util.Map;

/** What differs between the databases a durable store runs on; everything else is the same SQL. */
public enum Dialect {

    /**
     * The embedded store. Compares strings by code unit already. Takes no row locks: only this process
     * opens the file (H2's file lock sees to it), and the store orders its write transactions with a lock
     * of the JVM, so a transaction's reads already see all that can change before it commits. In H2 a
     * {@code FOR UPDATE} is itself a write (the row is rewritten with its lock and an undo entry) that the
     * commit then stores in the file: with them, a claim wrote the experiment's row twice and an admission
     * the queue's row once more, and the embedded store accepted half as many submissions per second.
     * (Its {@code SKIP LOCKED} would not serve anyway: H2 applies a {@code LIMIT} before skipping.)
     */
    H2("/* H2 compares by code unit */", "", "", "/* no notifications */"),

    /**
     * A fleet's store. Sorts ids by code unit like Java ({@code COLLATE "C"}), not by the locale's rules;
     * a claim skips rows another instance has locked instead of queueing behind it, as job queues on
     * PostgreSQL do (pg-boss, Oban, graphile-worker).
     */
    POSTGRESQL("COLLATE \"C\"", " FOR UPDATE", " FOR UPDATE SKIP LOCKED", """
            CREATE FUNCTION experiment_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('%1$s', OLD.id); -- sent at the commit
                RETURN NULL;
            END $$;
            CREATE TRIGGER experiment_deleted AFTER DELETE ON experiment
                FOR EACH ROW EXECUTE FUNCTION experiment_deleted();
            """.formatted(ChangeFeed.CHANNEL));

    private final String binaryCollation;
    private final String forUpdate;
    private final String forUpdateSkipLocked;
    private final String changeNotifications;

    Dialect(String binaryCollation, String forUpdate, String forUpdateSkipLocked, String changeNotifications) {
        this.binaryCollation = binaryCollation;
        this.forUpdate = forUpdate;
        this.forUpdateSkipLocked = forUpdateSkipLocked;
        this.changeNotifications = changeNotifications;
    }

    /** Flyway placeholders of the migrations. */
    public Map<String, String> placeholders() {
        return Map.of("binaryCollation", binaryCollation, "changeNotifications", changeNotifications);
    }

    /** Whether only one process can open the database (H2's file lock sees to it). */
    boolean oneProcess() {
        return this == H2;
    }

    /**
     * Appended to a {@code SELECT} in a write transaction whose rows it reads to change: locks them where
     * other processes' transactions could change them meanwhile.
     */
    String forUpdate() {
        return forUpdate;
    }

    /** As {@link #forUpdate()}, for a claim: rows another claimer holds are passed over, not waited for. */
    String forUpdateSkipLocked() {
        return forUpdateSkipLocked;
    }
}
