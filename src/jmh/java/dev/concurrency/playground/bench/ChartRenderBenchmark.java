package dev.concurrency.playground.bench;

import dev.concurrency.playground.api.chart.ChartFixtures;
import dev.concurrency.playground.api.chart.ChartKind;
import dev.concurrency.playground.api.chart.ChartOptions;
import dev.concurrency.playground.api.chart.ExperimentCharts;
import dev.concurrency.playground.experiment.Experiment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * How long a chart of a large experiment takes to draw: 12 strategies at 16 thread counts, 10 trials a
 * run (192 runs), from the experiment record to the SVG's bytes, as the resource does it (the store's
 * read and the ETag's digest aside). The target is 20 ms for the cost chart.
 *
 * <p>Run it alone with {@code ./mvnw -Pbench verify -Dbench.main=dev.concurrency.playground.bench.ChartRenderBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class ChartRenderBenchmark {

    @Param({"cost", "lost-updates", "thread-share"})
    public String kind;

    private Experiment experiment;
    private ChartOptions options;

    @Setup
    public void experiment() {
        experiment = ChartFixtures.large();
        options = ChartOptions.parse(ChartKind.ofExperiment(kind).orElseThrow(), Map.of(), Set.of(), List.of());
    }

    @Benchmark
    public byte[] render() {
        return ExperimentCharts.render(experiment, options).getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(ChartRenderBenchmark.class.getSimpleName()).build()).run();
    }
}
