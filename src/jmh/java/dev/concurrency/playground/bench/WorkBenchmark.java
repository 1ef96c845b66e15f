package dev.concurrency.playground.bench;

import dev.concurrency.playground.strategy.Work;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The playground's unit of work against JMH's: what {@code Work.consume(state, tokens)}, the work an
 * experiment's {@code workInside} and {@code workOutside} ask for, costs beside {@code Blackhole.consumeCPU(tokens)}
 * at the same token counts, on one thread. Both are chains of dependent arithmetic whose time grows
 * linearly with the tokens; the ratio of the two slopes is what the README reports, so that a figure given
 * in the playground's tokens can be read in JMH's.
 *
 * <p>Run it alone with {@code ./mvnw -Pbench verify -Dbench.main=dev.concurrency.playground.bench.WorkBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class WorkBenchmark {

    @Param({"10", "100", "1000", "10000"})
    public int tokens;

    private long state = 17;

    @Benchmark
    public long playground() {
        // The state carries over between invocations, as it does between increments, and is returned so that
        // JMH's own blackhole keeps it.
        state = Work.consume(state, tokens);
        return state;
    }

    @Benchmark
    public void jmh() {
        Blackhole.consumeCPU(tokens);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(WorkBenchmark.class.getSimpleName()).build()).run();
    }
}
