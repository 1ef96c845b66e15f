package dev.concurrency.playground.store;

import java.util.Map;

/** What differs between the databases a durable store runs on; everything else is the same SQL. */
public enum Dialect {

    /**
     * The embedded store. Compares strings by code unit already. Its {@code SKIP LOCKED} is not used: H2
     * applies a {@code LIMIT} before skipping, so a claim would find nothing while the first queued row is
     * locked. One process does not need it: a claim waits for the row lock, and H2 then evaluates the
     * claim's condition again on the committed row, so a row claimed meanwhile is passed over.
     */
    H2("/* H2 compares by code unit */", ""),

    /**
     * A fleet's store. Sorts ids by code unit like Java ({@code COLLATE "C"}), not by the locale's rules;
     * a claim skips rows another instance has locked instead of queueing behind it, as job queues on
     * PostgreSQL do (pg-boss, Oban, graphile-worker).
     */
    POSTGRESQL("COLLATE \"C\"", " SKIP LOCKED");

    private final String binaryCollation;
    private final String skipLocked;

    Dialect(String binaryCollation, String skipLocked) {
        this.binaryCollation = binaryCollation;
        this.skipLocked = skipLocked;
    }

    /** Flyway placeholders of the migrations. */
    public Map<String, String> placeholders() {
        return Map.of("binaryCollation", binaryCollation);
    }

    /** Whether only one process can open the database (H2's file lock sees to it). */
    boolean oneProcess() {
        return this == H2;
    }

    /** Appended to a {@code FOR UPDATE} whose rows another claimer may hold. */
    String skipLocked() {
        return skipLocked;
    }
}
