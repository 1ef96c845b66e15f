package dev.concurrency.playground.strategy;

/**
 * How a strategy keeps (or fails to keep) concurrent increments from interfering.
 */
public enum Family {
    /** No coordination at all: the increments race. */
    NONE("none"),
    /** Mutual exclusion: one thread at a time runs the increment. */
    LOCK("lock"),
    /** A single hardware read-modify-write instruction (or a retry loop around one). */
    ATOMIC("atomic"),
    /**
     * Threads do not share the hot data: each keeps its own tally and merges it at the end, or hands its
     * increments to the one thread that owns the count.
     */
    CONFINEMENT("confinement");

    private final String id;

    Family(String id) {
        this.id = id;
    }

    /** The lower-case name the API uses. */
    public String id() {
        return id;
    }
}
