package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.experiment.ExperimentSpec;
import java.time.Duration;

/**
 * How long an experiment is expected to run: to refuse at admission what could not finish within the
 * limits, and for the {@code Retry-After} of a refused submission.
 *
 * <p>Two parts. The timed spans: fixed-time trials say how long they take; fixed-work ones are guessed
 * at a few nanoseconds per increment, which is right for the cheap strategies and optimistic for
 * contended locks (the limit on total increments bounds those). And what every trial costs beyond its
 * timed span, creating and joining its threads, as {@link TrialCosts} measured it on this machine: for
 * short trials on many threads that is most of the time.
 *
 * @param timedSeconds the trials' timed spans, warm-ups included
 * @param overheadSeconds the trials' thread creation, start gate and joining
 */
public record WorkEstimate(double timedSeconds, double overheadSeconds) {

    private static final double ASSUMED_NANOS_PER_INCREMENT = 10;

    /**
     * A database increment is one to three round trips and a commit, and every client's waits for the row lock:
     * the increments of all threads are assumed to run one after another, at this cost each (PostgreSQL on
     * the same machine measured 20 to 100 microseconds; the embedded database 2 to 10).
     */
    static final double ASSUMED_NANOS_PER_DATABASE_INCREMENT = 20_000;

    /**
     * Each thread of a database trial connects before the start gate, and the trial once more: a
     * PostgreSQL connection takes a few milliseconds to open (authentication, a backend process).
     */
    static final double ASSUMED_NANOS_PER_DATABASE_CONNECTION = 5_000_000;

    /**
     * @param warmupMinTime the least a run that asks for warm-up spends warming up
     *     ({@code playground.runner.warmup-min-time}), however short its trials; the most it may spend
     *     (until its loop is compiled) is not assumed: the experiment timeout bounds that
     */
    public static WorkEstimate of(ExperimentSpec spec, int processors, TrialCosts costs, Duration warmupMinTime) {
        return of(spec, processors, costs, warmupMinTime, 0);
    }

    /**
     * @param databaseStrategies how many of the strategies listed increment a row in a database, whose
     *     increments cost round trips rather than nanoseconds, and whose threads each open a connection
     */
    public static WorkEstimate of(ExperimentSpec spec, int processors, TrialCosts costs, Duration warmupMinTime,
            int databaseStrategies) {
        WorkEstimate inHeap = of(spec, processors, costs, warmupMinTime, spec.strategies().size() - databaseStrategies,
                false);
        WorkEstimate inDatabase = of(spec, processors, costs, warmupMinTime, databaseStrategies, true);
        return new WorkEstimate(inHeap.timedSeconds + inDatabase.timedSeconds,
                inHeap.overheadSeconds + inDatabase.overheadSeconds);
    }

    private static WorkEstimate of(ExperimentSpec spec, int processors, TrialCosts costs, Duration warmupMinTime,
            int strategies, boolean inDatabase) {
        double warmupMinSeconds = warmupMinTime.toNanos() / 1e9;
        double timed = 0;
        double overhead = 0;
        for (int threads : spec.threadCounts()) {
            double runs = strategies;
            double trialSeconds;
            if (spec.durationMillis() != null) {
                trialSeconds = spec.durationMillis() / 1000.0;
            } else if (inDatabase) {
                // One row: its increments queue for its lock, however many cores there are.
                trialSeconds = threads * (double) spec.incrementsPerThread() * ASSUMED_NANOS_PER_DATABASE_INCREMENT / 1e9;
            } else {
                double parallel = Math.min(threads, processors);
                trialSeconds = threads * (double) spec.incrementsPerThread() * ASSUMED_NANOS_PER_INCREMENT / parallel / 1e9;
            }
            double trialOverhead = costs.overheadNanos(spec.threadType(), threads) / 1e9
                    + (inDatabase ? (threads + 1) * ASSUMED_NANOS_PER_DATABASE_CONNECTION / 1e9 : 0);
            timed += runs * spec.trials() * trialSeconds;
            overhead += runs * spec.trials() * trialOverhead;
            if (spec.warmupTrials() > 0) {
                // Warm-up goes on, trial after trial, until the minimum time has passed, overheads included.
                double byTrials = spec.warmupTrials() * (trialSeconds + trialOverhead);
                if (byTrials >= warmupMinSeconds) {
                    timed += runs * spec.warmupTrials() * trialSeconds;
                    overhead += runs * spec.warmupTrials() * trialOverhead;
                } else {
                    timed += runs * warmupMinSeconds;
                }
            }
        }
        return new WorkEstimate(timed, overhead);
    }

    public double seconds() {
        return timedSeconds + overheadSeconds;
    }

    /** Increments a fixed-work experiment asks for, warm-ups included; zero in fixed-time mode. */
    public static long totalIncrements(ExperimentSpec spec) {
        if (spec.incrementsPerThread() == null) {
            return 0;
        }
        long threads = spec.threadCounts().stream().mapToLong(Integer::longValue).sum();
        double total = (double) threads * spec.strategies().size() * (spec.trials() + spec.warmupTrials())
                * spec.incrementsPerThread();
        return total >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) total;
    }
}
