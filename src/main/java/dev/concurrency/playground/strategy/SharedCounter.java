package dev.concurrency.playground.strategy;

/**
 * One counter that every worker thread of a trial increments, guarded (or not) by one strategy.
 *
 * <p>A fresh instance is created for every trial, so nothing carries over between trials.
 * Each subclass owns its hot loop in {@link #incrementTimesCountingCasFailures(int)}: the engine
 * calls it once per batch, never once per increment, so the JIT compiles one concrete increment per
 * strategy and the harness adds no virtual call, allocation or lock to the measured operation. The
 * loop also tallies its failed compare-and-set attempts in a local and returns the tally, so that
 * measuring retries adds no shared write either.
 *
 * <p>Lifecycle: {@link #prepare(int)} once; then, per worker thread, one {@link #threadStarting()} before the start gate, any number of
 * batches, then exactly one {@link #threadFinished()} on the same thread. After every worker has finished (and the engine has
 * established a happens-before edge by joining them), the engine reads {@link #total()} once.
 */
public abstract class SharedCounter {

    /*
     * Implementation note: the lock counters (synchronized, ReentrantLock fair and non-fair, the
     * read-write lock's write lock, StampedLock, Semaphore) have near-identical loops, and that is
     * deliberate. Each class owns its loop so that the JIT sees one concrete acquire and release at
     * each call site: it can inline them into the loop and compile one increment per strategy. A
     * shared helper, say a loop over a java.util.concurrent.locks.Lock, would have one call site for
     * every lock class; in a long-lived service that has run several strategies its type profile
     * turns megamorphic, the calls stop being inlined, and each strategy would be measured with the
     * others' dispatch cost added. (For the same reason the engine's one call site for every
     * strategy is crossed once per batch, not once per increment.) Do not factor the loops together.
     */

    /** Batch size for operations that cost a few nanoseconds: the stop check is amortised to nothing. */
    protected static final int CHEAP_BATCH = 1024;

    /**
     * Batch size for operations that may park under contention: a blocked thread should still notice a
     * stop request promptly, and one volatile read is negligible next to a lock hand-off.
     */
    protected static final int BLOCKING_BATCH = 64;

    /**
     * Performs {@code n} increments on the calling thread, and counts the compare-and-set attempts
     * that failed meanwhile.
     *
     * @param n how many increments to perform
     * @return how many compare-and-set attempts failed during the batch, for strategies that retry;
     *     zero for every other strategy
     */
    public abstract long incrementTimesCountingCasFailures(int n);

    /**
     * Called once, before any worker exists, with the number of workers the trial will have: where a counter
     * sizes what it keeps per worker.
     */
    public void prepare(int threads) {
    }

    /**
     * Called once on each worker thread before it reaches the start gate, so not timed: where a counter
     * sets up what each worker needs of its own, such as a connection.
     */
    public void threadStarting() throws Exception {
    }

    /** Called once on each worker thread after its last batch. */
    public void threadFinished() {
    }

    /** The counter's final value; only meaningful once every worker has finished. */
    public abstract long total();

    /** How many increments the engine should run between two checks of its stop flag. */
    public int batchSize() {
        return CHEAP_BATCH;
    }
}
