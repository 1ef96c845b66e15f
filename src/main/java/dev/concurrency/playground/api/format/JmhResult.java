package dev.concurrency.playground.api.format;

import dev.concurrency.playground.experiment.Environment;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.Pinning;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One run as an element of the JSON array JMH writes with {@code -rf json}: same field names, same
 * order, same value formats, so JMH visualizers and comparison scripts read playground results as they
 * read JMH's own.
 */
@Schema(name = "JmhResult", description = "One run of an experiment as one benchmark result of JMH's JSON result format.")
public record JmhResult(
        @Schema(description = "The JMH release whose result format this reproduces; the figures were measured by the "
                + "playground, not by JMH.", examples = FORMAT_VERSION)
        String jmhVersion,
        @Schema(description = "`dev.concurrency.playground.` followed by the strategy id as the API spells it.",
                examples = "dev.concurrency.playground.cas-loop")
        String benchmark,
        @Schema(description = "Always `avgt`: the primary metric is the average time per operation.", examples = "avgt")
        String mode,
        @Schema(description = "Worker threads of the run.", examples = "2")
        int threads,
        @Schema(description = "Always 1: every trial runs in the service's own JVM.", examples = "1")
        int forks,
        @Schema(description = "The JVM the trials ran on. JMH writes the path of the forked `java` binary; the "
                + "playground runs in its own JVM and records no path, so this is the JVM's name.",
                examples = "OpenJDK 64-Bit Server VM")
        String jvm,
        @Schema(description = "The service JVM's input arguments.")
        List<String> jvmArgs,
        @Schema(description = "`java.version` of that JVM.", examples = "25.0.3")
        String jdkVersion,
        @Schema(description = "`java.vm.name` of that JVM.", examples = "OpenJDK 64-Bit Server VM")
        String vmName,
        @Schema(description = "`java.vm.version` of that JVM.", examples = "25.0.3+9-LTS")
        String vmVersion,
        @Schema(description = "Discarded trials before the measured ones.", examples = "1")
        int warmupIterations,
        @Schema(description = "What one warmup trial does: `<durationMillis> ms` in fixed-time mode, "
                + "`<incrementsPerThread> increments per thread` in fixed-work mode (`operations per thread` for a run with "
                + "a read share, whose operations are reads and increments).", examples = "100 ms")
        String warmupTime,
        @Schema(description = "Always 1.", examples = "1")
        int warmupBatchSize,
        @Schema(description = "Measured trials.", examples = "5")
        int measurementIterations,
        @Schema(description = "What one measured trial does, written like `warmupTime`.",
                examples = "1000000 increments per thread")
        String measurementTime,
        @Schema(description = "Always 1.", examples = "1")
        int measurementBatchSize,
        @Schema(description = "The experiment's settings, as strings like JMH's `@Param` values: `threadType`, "
                + "`incrementsPerThread` or `durationMillis`, and the run's workload parameters (`workInside`, "
                + "`workOutside`, and `readRatio` when it gave that list) when the experiment gave any.")
        Map<String, String> params,
        @Schema(description = "Nanoseconds one thread spent per increment (`nsPerOp`), per trial.")
        JmhMetric primaryMetric,
        @Schema(description = "`lostUpdates` and `lostUpdateRate` per trial, `casFailures` for the strategies that count "
                + "them, and for the owned strategies (`single-writer`, `event-loop`) `handOff` (ns a worker spent per "
                + "hand-off), `drain` (ns the owner took after the last worker) and `handOffLatencyP50`/`P99` (ns a sampled "
                + "increment waited for the owner), and for runs with reads `read` and `write` (ns a thread spent per read "
                + "and per increment) and, for `stamped-lock`, `readRetries` (failed optimistic reads), and for runs of "
                + "virtual threads that block, where Flight Recorder recorded their pinning, `pinnedEvents` (times a worker "
                + "parked while pinned), `pinnedTotal` (ns pinned, added up) and `pinnedLongest` (ns, the longest single "
                + "time): one value each, for the run's measured trials together, as JMH gives a counter's events their "
                + "sum.")
        Map<String, JmhMetric> secondaryMetrics) {

    /** The JMH release whose {@code -rf json} output the export was checked against. */
    static final String FORMAT_VERSION = "1.37";

    static final String BENCHMARK_PREFIX = "dev.concurrency.playground.";

    public JmhResult {
        jvmArgs = List.copyOf(jvmArgs);
        // JMH readers show params and metrics in file order, so keep the order they were built in.
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        secondaryMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(secondaryMetrics));
    }

    /**
     * Every run the experiment has completed so far, in the order they ran; JMH has no notion of a run
     * with fewer iterations than it asked for, so runs stored or stopped part-way are left out.
     */
    public static List<JmhResult> of(Experiment experiment) {
        return experiment.completedRuns().stream().map(run -> of(experiment, run)).toList();
    }

    /** Whether the run reads as well as increments: then fixed work counts operations, reads among them. */
    private static boolean reads(RunResult run) {
        return run.params() != null && run.params().readRatio() != null && run.params().readRatio() > 0;
    }

    static JmhResult of(Experiment experiment, RunResult run) {
        ExperimentSpec spec = experiment.spec();
        // Set when the experiment starts, before any run exists; the fallback only guards the invariant.
        Environment env = experiment.environment();
        String vmName = env == null ? "unknown" : env.vmName();
        String iteration = spec.durationMillis() != null
                ? spec.durationMillis() + " ms"
                : spec.incrementsPerThread() + (reads(run) ? " operations per thread" : " increments per thread");

        Map<String, String> params = new LinkedHashMap<>();
        params.put("threadType", run.threadType().id());
        if (spec.durationMillis() != null) {
            params.put("durationMillis", String.valueOf(spec.durationMillis()));
        } else {
            params.put("incrementsPerThread", String.valueOf(spec.incrementsPerThread()));
        }
        if (run.params() != null) {
            params.putAll(run.params().asJmhParams());
        }

        List<TrialResult> trials = run.trials();
        double[] nsPerOp = trials.stream().map(TrialResult::nsPerOp).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).toArray();
        Map<String, JmhMetric> secondary = new LinkedHashMap<>();
        secondary.put("lostUpdates", JmhMetric.of(values(trials, t -> t.lostUpdates()), "updates"));
        secondary.put("lostUpdateRate", JmhMetric.of(values(trials, TrialResult::lostUpdateRate), "fraction"));
        if (trials.stream().anyMatch(t -> t.casFailures() != null)) {
            secondary.put("casFailures", JmhMetric.of(trials.stream().map(TrialResult::casFailures)
                    .filter(Objects::nonNull).mapToDouble(Long::doubleValue).toArray(), "failures"));
        }
        // An owned strategy's two halves (see HandOff): what a worker spent per hand-off, how long the owner took
        // to drain after the last one, and how long a sampled increment waited for the owner.
        if (trials.stream().anyMatch(t -> t.handOff() != null)) {
            secondary.put("handOff", JmhMetric.of(present(trials, t -> t.handOff() == null ? null : t.handOff().nsPerOp()), "ns/op"));
            secondary.put("drain", JmhMetric.of(present(trials, t -> t.handOff() == null ? null : (double) t.handOff().drainNanos()), "ns"));
            secondary.put("handOffLatencyP50", JmhMetric.of(present(trials, t -> t.handOff() == null || t.handOff().latency() == null
                    ? null : (double) t.handOff().latency().p50Nanos()), "ns"));
            secondary.put("handOffLatencyP99", JmhMetric.of(present(trials, t -> t.handOff() == null || t.handOff().latency() == null
                    ? null : (double) t.handOff().latency().p99Nanos()), "ns"));
        }
        if (trials.stream().anyMatch(t -> t.readsAndWrites() != null)) {
            secondary.put("read", JmhMetric.of(present(trials, t -> t.readsAndWrites() == null ? null
                    : t.readsAndWrites().nsPerRead()), "ns/op"));
            secondary.put("write", JmhMetric.of(present(trials, t -> t.readsAndWrites() == null ? null
                    : t.readsAndWrites().nsPerWrite()), "ns/op"));
            if (trials.stream().anyMatch(t -> t.readsAndWrites() != null && t.readsAndWrites().readRetries() != null)) {
                secondary.put("readRetries", JmhMetric.of(present(trials, t -> t.readsAndWrites() == null
                        || t.readsAndWrites().readRetries() == null ? null : (double) t.readsAndWrites().readRetries()), "reads"));
            }
        }

        // Pinning is recorded per run, by the time windows of its trials, so each figure is one value for the run:
        // the sum over its trials, which is what JMH's score of an event counter is too. Not recorded is not zero
        // pinned, so a run that could not record has none of these.
        Pinning pinning = run.pinning();
        if (pinning != null && pinning.events() != null) {
            secondary.put("pinnedEvents", JmhMetric.of(new double[] {pinning.events()}, "events"));
            secondary.put("pinnedTotal", JmhMetric.of(new double[] {pinning.totalPinnedNanos()}, "ns"));
            secondary.put("pinnedLongest", JmhMetric.of(new double[] {pinning.longestPinnedNanos()}, "ns"));
        }

        return new JmhResult(
                FORMAT_VERSION,
                BENCHMARK_PREFIX + run.strategy(),
                "avgt",
                run.threads(),
                1,
                vmName,
                env == null ? List.of() : env.jvmArguments(),
                env == null ? "unknown" : env.javaVersion(),
                vmName,
                env == null ? "unknown" : env.vmVersion(),
                spec.warmupTrials(),
                iteration,
                1,
                spec.trials(),
                iteration,
                1,
                params,
                JmhMetric.of(nsPerOp, run.summary().nsPerOp(), "ns/op"),
                secondary);
    }

    /** The trials' figure where they have it. */
    private static double[] present(List<TrialResult> trials, java.util.function.Function<TrialResult, Double> figure) {
        return trials.stream().map(figure).filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] values(List<TrialResult> trials, ToDoubleFunction<TrialResult> figure) {
        return trials.stream().mapToDouble(figure).toArray();
    }
}
