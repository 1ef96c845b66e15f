package dev.concurrency.playground.bench;

import dev.concurrency.playground.strategy.SharedCounter;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What JMH says one increment of a strategy costs, measured the way the playground's engine drives a
 * counter: one {@code incrementTimesCountingCasFailures(batch)} call per invocation, a fresh counter
 * per iteration (the engine's fresh counter per trial), and the shared counter hammered by every
 * benchmark thread.
 *
 * <p>{@code @OperationsPerInvocation} has to be a compile-time constant while the batch is chosen by
 * each counter, so there is one concrete benchmark per batch size: {@link CheapCounterBenchmark} and
 * {@link BlockingCounterBenchmark}. Each refuses a strategy whose counter asks for another batch,
 * because the comparison is only fair if both harnesses run the very same loop.
 *
 * <p>The annotations below are defaults for running the class with JMH directly; {@link Calibration}
 * sets every one of them explicitly.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public abstract class CounterBenchmark {

    private Strategy strategy;

    /** Shared by all benchmark threads of an iteration, as one trial's counter is shared by its workers. */
    protected SharedCounter counter;

    /** The {@code @Param} of the concrete benchmark. */
    protected abstract String strategyId();

    /** The batch each invocation passes to {@code incrementTimesCountingCasFailures}, and declares. */
    protected abstract int batch();

    @Setup(Level.Trial)
    public void resolveStrategy() {
        strategy = new StrategyCatalog().find(strategyId())
                .orElseThrow(() -> new IllegalArgumentException("Unknown strategy " + strategyId()));
        int wanted = strategy.newCounter().batchSize();
        if (wanted != batch()) {
            throw new IllegalArgumentException(strategy.id() + " runs in batches of " + wanted + " in the engine, but "
                    + getClass().getSimpleName() + " invokes it in batches of " + batch());
        }
    }

    /**
     * Makes the iteration's counter on a thread of its own, as the engine's coordinator makes each
     * trial's counter on a thread that never increments it.
     *
     * <p>JMH runs this on one of the benchmark threads. Made there, the counter lands in that thread's
     * allocation buffer, and so does whatever the thread allocates next: for {@code thread-local}, its
     * own tally, often on the very cache line the other thread reads on every increment (the counter's
     * {@code ThreadLocal}). Every write then steals the line from the reader. Measured here at 2
     * threads: about one iteration in eight took 10 to 12 ns/op instead of 1.4, with both threads
     * slowed; made on another thread, none in 36 iterations.
     */
    @Setup(Level.Iteration)
    public void freshCounter() throws InterruptedException {
        SharedCounter[] made = new SharedCounter[1];
        Thread maker = Thread.ofPlatform().name("counter-maker").start(() -> made[0] = strategy.newCounter());
        maker.join(); // the join is the happens-before edge that publishes made[0] to this thread
        counter = made[0];
    }

    /**
     * One benchmark thread's end of the counter's lifecycle. A thread-local counter only merges a
     * thread's tally (and drops its entry) in {@code threadFinished}, so each thread must call it on
     * its own before the iteration's counter is thrown away, as the engine's workers do.
     */
    public abstract static class Participant {

        private SharedCounter joined;

        protected void attach(SharedCounter counter) {
            joined = counter;
        }

        @TearDown(Level.Iteration)
        public void leave() {
            joined.threadFinished();
            joined = null;
        }
    }
}
