package dev.concurrency.playground.strategy;

/**
 * A counter that can also block around each increment, as programs do that sleep, wait for I/O or park
 * while they hold a lock: {@code blockInsideNanos} where the strategy's critical section is (with the lock
 * held, so every thread queued for it waits too; between the read and the write of a racy strategy, which
 * widens its race window), and {@code blockOutsideNanos} after each increment, with nothing held. The work of
 * {@link WorkingCounter} goes where it always goes, so the two combine.
 *
 * <p>A separate loop beside the measured one and the working one, so that an experiment without blocking runs
 * exactly the loop it always ran. Blocking is {@link Blocking#sleep(long)}; each strategy's lesson says what
 * blocking inside it costs, and whether it pins a virtual thread's carrier.
 */
public interface BlockingCounter {

    /**
     * Performs {@code n} increments on the calling thread, each with {@code inside} tokens of work and a block
     * of {@code blockInsideNanos} where its critical section is, then {@code outside} tokens and a block of
     * {@code blockOutsideNanos} with nothing held; counts the compare-and-set attempts that failed meanwhile,
     * as {@link SharedCounter#incrementTimesCountingCasFailures} does. Once the calling thread is interrupted,
     * it blocks no more: see {@link Blocking#sleep(long)}.
     */
    long incrementTimesBlocking(int n, int inside, int outside, long blockInsideNanos, long blockOutsideNanos);
}
