package dev.concurrency.playground.engine;

/**
 * The work a trial's workers do around each increment, in tokens of {@link dev.concurrency.playground.strategy.Work}:
 * {@code insideTokens} where the strategy's critical section is, {@code outsideTokens} after each increment; and
 * how long they block there ({@link dev.concurrency.playground.strategy.Blocking}), {@code blockInsideNanos} with
 * the lock held and {@code blockOutsideNanos} with nothing held. {@link #NONE}, no work at all, runs each
 * strategy's plain measured loop.
 */
public record WorkAround(int insideTokens, int outsideTokens, long blockInsideNanos, long blockOutsideNanos) {

    /** Increments and nothing else: the most contended case. */
    public static final WorkAround NONE = new WorkAround(0, 0);

    /**
     * Batches with work are cut to about this many tokens, so that a worker still looks at its stop flag
     * every few tens of microseconds and a fixed-time trial does not overrun its end by a long batch.
     */
    static final long TOKENS_PER_BATCH = 16_384;

    public WorkAround {
        if (insideTokens < 0 || outsideTokens < 0) {
            throw new IllegalArgumentException("work is a number of tokens, at least 0");
        }
        if (blockInsideNanos < 0 || blockOutsideNanos < 0) {
            throw new IllegalArgumentException("a block lasts at least 0 ns");
        }
    }

    /** Work without blocking. */
    public WorkAround(int insideTokens, int outsideTokens) {
        this(insideTokens, outsideTokens, 0, 0);
    }

    /** Whether there is any work or blocking at all. */
    public boolean any() {
        return insideTokens > 0 || outsideTokens > 0 || blocks();
    }

    /** Whether the workers block around each increment: then they run the strategy's blocking loop. */
    public boolean blocks() {
        return blockInsideNanos > 0 || blockOutsideNanos > 0;
    }

    /**
     * The batch size for a counter whose plain batch is {@code plain}: smaller when each increment carries work,
     * and one increment at a time when it blocks, so that a worker looks at its stop flag after every block.
     */
    int batchSize(int plain) {
        if (!any()) {
            return plain;
        }
        if (blocks()) {
            return 1;
        }
        long perIncrement = (long) insideTokens + outsideTokens;
        return (int) Math.max(1, Math.min(plain, TOKENS_PER_BATCH / perIncrement));
    }
}
