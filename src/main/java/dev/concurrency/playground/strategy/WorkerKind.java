package dev.concurrency.playground.strategy;

import java.util.Locale;

/**
 * What the workers that share a counter are: threads of one JVM (platform or virtual), or separate
 * processes that share only memory. The strategy package's own notion, so that a strategy can say where it
 * runs and whether it is safe there without knowing how the engine starts its workers.
 */
public enum WorkerKind {
    /** Operating-system threads of one JVM. */
    PLATFORM,
    /** Virtual threads of one JVM. */
    VIRTUAL,
    /** Child JVMs, each with its own heap, that share one memory-mapped file. */
    PROCESS;

    /** The lower-case name the API uses. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
