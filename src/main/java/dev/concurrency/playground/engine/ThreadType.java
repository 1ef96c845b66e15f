package dev.concurrency.playground.engine;

/** The kind of worker a trial runs: threads of the service's JVM, or child processes. */
public enum ThreadType {
    /** One operating-system thread per worker, scheduled preemptively by the OS. */
    PLATFORM,
    /**
     * A {@code Thread.ofVirtual()} thread per worker, mounted on a small pool of carrier threads. A
     * virtual thread only gives up its carrier when it blocks, so CPU-bound workers that never block
     * run one after another rather than side by side.
     */
    VIRTUAL,
    /**
     * A child JVM per worker, started by the service for the trial, each with its own heap and one worker
     * thread; the children share only a counter in a memory-mapped file (see {@link ProcessTrials}).
     */
    PROCESS;

    /** The strategy catalog's name for this kind of worker. */
    public dev.concurrency.playground.strategy.WorkerKind workerKind() {
        return dev.concurrency.playground.strategy.WorkerKind.valueOf(name());
    }

    /** The lower-case name the API uses. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
