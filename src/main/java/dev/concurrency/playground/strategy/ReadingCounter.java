package dev.concurrency.playground.strategy;

/**
 * A counter whose value can also be read the way its strategy reads it, as real programs read more than they
 * write: under the lock, under a read lock, with an optimistic stamp that is validated afterwards, with a
 * volatile or atomic get, or by summing an adder's cells. A trial with a {@code readRatio} runs this loop for
 * its reads and the strategy's own increment loop ({@link SharedCounter#incrementTimesCountingCasFailures} or
 * {@link WorkingCounter#incrementTimesWorking}) for its writes, so that an experiment without reads runs
 * exactly the loop it always ran.
 *
 * <p>Every value read is folded into a running state that ends in {@link Work#keep}, so the JIT cannot discard
 * a read. {@code inside} tokens of {@link Work} are done while the read is held (with the lock or read lock
 * held; for a lock-free read, right after the load, where a lock would be held), {@code outside} tokens after
 * it, with nothing held. Each strategy's lesson says how it reads.
 */
public interface ReadingCounter {

    /**
     * Performs {@code n} reads of the counter's value on the calling thread, each with {@code inside} tokens of
     * work while it is held and {@code outside} tokens after it.
     *
     * @return how many optimistic reads failed their validation and had to read again, for a strategy that
     *     reads optimistically ({@code stamped-lock}); zero for every other strategy
     */
    long readTimes(int n, int inside, int outside);

    /**
     * Whether its reads are optimistic and may fail their validation: then a trial reports how many did, and
     * for every other strategy it reports none.
     */
    default boolean readsOptimistically() {
        return false;
    }
}
