package dev.concurrency.playground.experiment.comparison;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.RunParams;
import dev.concurrency.playground.experiment.RunResult;

/**
 * What a run measured, the identity by which runs of two experiments are paired: a strategy at a thread
 * count, on a thread type, under a workload. Runs that differ in any of these measure different things,
 * and their figures are not compared. The workload is the experiment's, written as its spec writes it:
 * exactly one of {@code incrementsPerThread} (fixed work) and {@code durationMillis} (fixed time).
 *
 * @param strategy absent when two given strategies are compared (see {@link Comparison#strategies()})
 * @param params the run's workload parameters; absent for runs without any, which pair with runs whose
 *     parameters are all zero, since that is the work they did (a read share of 0 is stated as none, and blocking of 0 µs pairs with no blocking likewise)
 */
public record PairKey(String strategy, int threads, ThreadType threadType, Long incrementsPerThread,
        Long durationMillis, RunParams params) {

    public PairKey(String strategy, int threads, ThreadType threadType, Long incrementsPerThread, Long durationMillis) {
        this(strategy, threads, threadType, incrementsPerThread, durationMillis, null);
    }

    static PairKey of(RunResult run, ExperimentSpec spec) {
        // A read share of 0 is no reads, and blocking of 0 µs no blocking: such a run pairs with runs that stated
        // none, as zero work does.
        RunParams given = run.params() == null ? null : run.params().withZeroReadsAsNone().withoutZeroBlocking();
        RunParams params = given == null || given.equals(RunParams.NONE) ? null : given;
        return new PairKey(run.strategy(), run.threads(), run.threadType(), spec.incrementsPerThread(),
                spec.durationMillis(), params);
    }

    /** The same key for any strategy: when two strategies are compared, runs pair by the rest. */
    PairKey withoutStrategy() {
        return new PairKey(null, threads, threadType, incrementsPerThread, durationMillis, params);
    }

    /**
     * A short name for a row, in benchstat's manner of naming sub-benchmarks:
     * {@code atomic/2/platform/100ms} or {@code atomic/2/platform/1000000x}; without a strategy,
     * {@code 2/platform/100ms}; with parameters, as benchstat writes key=value parts,
     * {@code atomic/2/platform/100ms/workInside=100/workOutside=0}.
     */
    public String label() {
        String workload = durationMillis != null ? durationMillis + "ms" : incrementsPerThread + "x";
        String withParams = params == null ? "" : params.asJmhParams().entrySet().stream()
                .map(e -> "/" + e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining());
        return (strategy == null ? "" : strategy + "/") + threads + "/" + threadType.id() + "/" + workload + withParams;
    }
}
