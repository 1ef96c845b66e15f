package dev.concurrency.playground.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Strategies that may park under contention, which the engine drives in batches of 64 so that a
 * blocked worker still notices the stop flag promptly.
 */
public class BlockingCounterBenchmark extends CounterBenchmark {

    /** Must equal {@code SharedCounter.BLOCKING_BATCH}; {@link #resolveStrategy()} checks it against the counter. */
    static final int BATCH = 64;

    @Param({"synchronized", "reentrant-lock", "fair-lock", "read-write-lock", "stamped-lock", "semaphore"})
    public String strategy;

    @Override
    protected String strategyId() {
        return strategy;
    }

    @Override
    protected int batch() {
        return BATCH;
    }

    /** Returning the CAS-failure count hands it to JMH's blackhole, so the call cannot be dropped. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long incrementBatch(Worker worker) {
        return counter.incrementTimesCountingCasFailures(BATCH);
    }

    @State(Scope.Thread)
    public static class Worker extends Participant {
        @Setup(Level.Iteration)
        public void join(BlockingCounterBenchmark benchmark) {
            attach(benchmark.counter);
        }
    }
}
