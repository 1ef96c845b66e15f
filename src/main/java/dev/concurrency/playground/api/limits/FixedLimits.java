package dev.concurrency.playground.api.limits;

/**
 * Bounds of the HTTP interface that are not configurable: what a request may carry and how long it
 * may wait. The configurable bounds of experiments are {@code config.LimitsConfig}; what
 * {@code GET /api/limits} serves, from both, is {@link LimitsView}. The schema annotations refer to
 * these constants rather than repeat their values.
 */
public final class FixedLimits {

    public static final int MAX_WAIT_SECONDS = 300;
    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;
    /** Characters (code points, so an emoji is one) in an experiment's name. */
    public static final int MAX_NAME_LENGTH = 100;
    /** Thread counts in one request. */
    public static final int MAX_THREAD_COUNTS = 16;
    /** Values in one workload parameter list ({@code workInside}, {@code workOutside}, {@code readRatio}). */
    public static final int MAX_PARAM_VALUES = 16;
    /**
     * Tokens of work around one increment, inside or outside: a few milliseconds, far longer than any critical
     * section worth measuring; the wall-time limit bounds what a whole experiment of them takes.
     */
    public static final int MAX_WORK_TOKENS = 1_000_000;
    /** The largest share of reads: some operations must still increment, or there is no race to measure. */
    public static final double MAX_READ_RATIO = 0.99;
    /**
     * Microseconds one increment may block, inside or outside: 100 ms, a slow remote call; longer says nothing more
     * about a lock, and a trial's end and a cancellation must not wait for it (the wall-time limit bounds the rest).
     */
    public static final int MAX_BLOCK_MICROS = 100_000;
    /**
     * Violations one problem lists. A request can be wrong in thousands of places; listing each would
     * make the answer larger than the request and slow to build, and the first few say what to fix.
     */
    public static final int MAX_LISTED_VIOLATIONS = 20;

    private FixedLimits() {
    }
}
