package dev.concurrency.playground.engine;

/** The kind of thread a trial's workers run on. */
public enum ThreadType {
    /** One operating-system thread per worker, scheduled preemptively by the OS. */
    PLATFORM,
    /**
     * A {@code Thread.ofVirtual()} thread per worker, mounted on a small pool of carrier threads. A
     * virtual thread only gives up its carrier when it blocks, so CPU-bound workers that never block
     * run one after another rather than side by side.
     */
    VIRTUAL;

    /** The lower-case name the API uses. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
