package dev.concurrency.playground.engine;

import dev.concurrency.playground.strategy.Family;
import dev.concurrency.playground.strategy.Safety;
import dev.concurrency.playground.strategy.SharedCounter;
import dev.concurrency.playground.strategy.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter that does what a test tells it, for the engine paths no real strategy reaches on demand:
 * one that throws, one that cancels its own trial, one that fails a known number of compare-and-sets.
 * It counts exactly (the increments are an {@link AtomicLong} add per batch, so they are cheap enough
 * for trials of billions) and keeps, per worker thread, the sizes of the batches it was given.
 *
 * <p>A test that goes wrong may leave a worker running for ever (that is often what the mutant it
 * looks for does); {@link #abort()} makes every worker still in the loop throw on its next batch, so
 * a failed test does not leave threads burning a core for the tests after it.
 */
class TestCounter extends SharedCounter {

    /** What a batch does beyond counting; returns the compare-and-set failures to report for it. */
    @FunctionalInterface
    interface Batch {
        long run(long batchNumber, int n) throws Exception;
    }

    /** Thrown into a worker that a finished test wants gone. */
    static final class Aborted extends RuntimeException {
        Aborted() {
            super("the test is over", null, false, false);
        }
    }

    /** How many batch sizes are kept per worker thread; far more than any test here reads. */
    static final int KEPT_BATCH_SIZES = 10_000;

    private final int batchSize;
    private final Batch batch;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final Map<Thread, List<Integer>> batchSizes = new ConcurrentHashMap<>();
    private volatile boolean aborted;

    TestCounter(int batchSize, Batch batch) {
        this.batchSize = batchSize;
        this.batch = batch;
    }

    /** Counts and does nothing else. */
    static TestCounter counting() {
        return new TestCounter(1024, (number, n) -> 0);
    }

    @Override
    public long incrementTimesCountingCasFailures(int n) {
        if (aborted) {
            throw new Aborted();
        }
        count.addAndGet(n);
        // Each list is written by its own worker only, and read after run() has joined them all. Only the
        // first batches are kept: a trial that wrongly never ends must fail on its time limit, not run
        // out of memory.
        List<Integer> sizes = batchSizes.computeIfAbsent(Thread.currentThread(), t -> new ArrayList<>());
        if (sizes.size() < KEPT_BATCH_SIZES) {
            sizes.add(n);
        }
        try {
            return batch.run(batches.incrementAndGet(), n);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long total() {
        return count.get();
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    /** The sizes of the batches each worker thread was given, in order (the first {@link #KEPT_BATCH_SIZES}). */
    Map<Thread, List<Integer>> batchSizes() {
        return batchSizes;
    }

    void abort() {
        aborted = true;
    }

    /** A strategy whose every trial uses this one counter (tests run one trial per counter). */
    Strategy strategy(boolean reportsCasFailures) {
        Strategy.Builder strategy = Strategy.builder()
                .id("test-double")
                .name("Test double")
                .family(Family.NONE)
                .safety(Safety.RACY)
                .javaApi("none")
                .summary("A test double.")
                .description("A counter whose behaviour a test chooses.")
                .counters(() -> this);
        if (reportsCasFailures) {
            strategy.reportsCasFailures();
        }
        return strategy.build();
    }
}
