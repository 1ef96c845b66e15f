package dev.concurrency.playground.experiment;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.Workload;
import java.util.List;
import java.util.Objects;

/**
 * A validated experiment request with every default filled in. Exactly one of
 * {@code incrementsPerThread} (fixed-work mode) and {@code durationMillis} (fixed-time mode) is set.
 */
public record ExperimentSpec(
        String name,
        List<String> strategies,
        List<Integer> threadCounts,
        ThreadType threadType,
        Long incrementsPerThread,
        Long durationMillis,
        int trials,
        int warmupTrials) {

    public static final long DEFAULT_INCREMENTS_PER_THREAD = 1_000_000;
    public static final int DEFAULT_TRIALS = 5;
    public static final int DEFAULT_WARMUP_TRIALS = 1;

    public ExperimentSpec {
        strategies = List.copyOf(strategies);
        threadCounts = List.copyOf(threadCounts);
        Objects.requireNonNull(threadType, "threadType");
        if ((incrementsPerThread == null) == (durationMillis == null)) {
            throw new IllegalArgumentException("exactly one of incrementsPerThread and durationMillis must be set");
        }
    }

    /** What every worker of every trial does. */
    public Workload workload() {
        return durationMillis != null
                ? new Workload.FixedTime(durationMillis)
                : new Workload.FixedWork(incrementsPerThread);
    }

    /** One run per (strategy, thread count). */
    public int totalRuns() {
        return strategies.size() * threadCounts.size();
    }
}
