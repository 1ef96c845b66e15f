package dev.concurrency.playground.strategy;

/**
 * A counter that can also increment with work around each increment, as real programs do: {@code inside}
 * tokens of {@link Work} where the strategy's critical section is (with the lock held; between the read and
 * the write of a racy strategy, which widens its race window; between the read and the compare-and-set of
 * a retry loop, which widens the window in which another thread can win), and {@code outside} tokens
 * after each increment, with nothing held.
 *
 * <p>A separate loop beside the measured one, so that an experiment without work runs exactly the loop it
 * always ran. Each strategy's lesson says where its inside work goes.
 */
public interface WorkingCounter {

    /**
     * Performs {@code n} increments on the calling thread, each with {@code inside} tokens of work where
     * its critical section is and {@code outside} tokens after it, and counts the compare-and-set attempts
     * that failed meanwhile, as {@link SharedCounter#incrementTimesCountingCasFailures} does.
     */
    long incrementTimesWorking(int n, int inside, int outside);
}
