package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.RunParams;
import dev.concurrency.playground.strategy.FileLockCounter;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * How long an experiment is expected to run: to refuse at admission what could not finish within the
 * limits, and for the {@code Retry-After} of a refused submission.
 *
 * <p>Two parts. The timed spans: fixed-time trials say how long they take; fixed-work ones are guessed
 * at a few nanoseconds per increment, which is right for the cheap strategies and optimistic for
 * contended locks (the limit on total increments bounds those); those of a strategy with a backend, a round
 * trip each, at {@link #ASSUMED_NANOS_PER_ROUND_TRIP}; those of {@code file-lock}, two system calls each, one
 * process at a time, at {@link #ASSUMED_NANOS_PER_FILE_LOCK}. And what every trial costs beyond its
 * timed span, creating and joining its threads, as {@link TrialCosts} measured it on this machine: for
 * short trials on many threads that is most of the time.
 *
 * @param timedSeconds the trials' timed spans, warm-ups included
 * @param overheadSeconds the trials' thread creation, start gate and joining
 */
public record WorkEstimate(double timedSeconds, double overheadSeconds) {

    private static final double ASSUMED_NANOS_PER_INCREMENT = 10;

    /**
     * What an increment of a strategy with a backend is assumed to cost: a round trip to a server on the same
     * machine or network (a database's also a commit), of which the server handles one at a time, whatever the
     * thread count. On the development machine a Redis {@code INCR} took 20 to 60 microseconds per thread and
     * a PostgreSQL {@code UPDATE} 20 to 100; this is the optimistic end, so that only what clearly cannot finish
     * is refused.
     */
    public static final double ASSUMED_NANOS_PER_ROUND_TRIP = 20_000;

    /**
     * A token of work as a heavily loaded 2-core machine ran it (WorkBenchmark: 8 ns at a load average of 13;
     * a fraction of that on an idle core), so the estimate errs high. Work inside a lock is counted as if
     * every thread waited for it, as under a lock it does.
     */
    static final double ASSUMED_NANOS_PER_TOKEN = 8;

    /**
     * What an increment of {@code file-lock} is assumed to cost, one process after another (the lock lets one at a
     * time through): two system calls. Measured on the shared 2-core machine, about 1 microsecond of the trial per
     * increment between 2 processes and 4 between 8; this is the optimistic end, as for round trips.
     */
    static final double ASSUMED_NANOS_PER_FILE_LOCK = 1_000;

    /**
     * What a block costs beyond the time asked for: Linux wakes a sleeping thread up to its timer slack (50 µs)
     * late, and waking it and handing over the lock take a few microseconds more.
     */
    static final double ASSUMED_NANOS_PER_BLOCK_BEYOND = 60_000;

    /** What a worker of a strategy with a backend spends connecting before the gate, assumed, not measured. */
    public static final double ASSUMED_NANOS_PER_CONNECTION = 500_000;

    /** As if every strategy's counter were in the heap. */
    public static WorkEstimate of(ExperimentSpec spec, int processors, TrialCosts costs, Duration warmupMinTime) {
        return of(spec, id -> false, processors, costs, warmupMinTime);
    }

    /**
     * @param withBackend whether a strategy id names a strategy whose counter lives in a backend, each of whose
     *     increments is a round trip
     * @param warmupMinTime the least a run that asks for warm-up spends warming up
     *     ({@code playground.runner.warmup-min-time}), however short its trials; the most it may spend
     *     (until its loop is compiled) is not assumed: the experiment timeout bounds that
     */
    public static WorkEstimate of(ExperimentSpec spec, Predicate<String> withBackend, int processors, TrialCosts costs,
            Duration warmupMinTime) {
        double warmupMinSeconds = warmupMinTime.toNanos() / 1e9;
        double timed = 0;
        double overhead = 0;
        long remote = spec.strategies().stream().filter(withBackend).count();
        for (RunParams params : spec.runParams()) {
            for (int threads : spec.threadCounts()) {
                for (boolean backend : new boolean[] {false, true}) {
                    double runs = backend ? remote : spec.strategies().size() - remote;
                    if (runs == 0) {
                        continue;
                    }
                    double trialSeconds;
                    if (spec.durationMillis() != null) {
                        trialSeconds = spec.durationMillis() / 1000.0;
                    } else if (backend) {
                        trialSeconds = threads * (double) spec.incrementsPerThread() * ASSUMED_NANOS_PER_ROUND_TRIP / 1e9;
                    } else {
                        trialSeconds = fixedWorkSeconds(spec.incrementsPerThread(), threads, processors, params)
                                + blockingSeconds(spec.incrementsPerThread(), threads, processors, params,
                                        spec.threadType() == dev.concurrency.playground.engine.ThreadType.VIRTUAL);
                    }
                    double trialOverhead = costs.overheadNanos(spec.threadType(), threads) / 1e9
                            + (backend ? threads * ASSUMED_NANOS_PER_CONNECTION / 1e9 : 0);
                    double[] added = trials(spec, runs, trialSeconds, trialOverhead, warmupMinSeconds);
                    timed += added[0];
                    overhead += added[1];
                    if (!backend && spec.durationMillis() == null && spec.strategies().contains(FILE_LOCK)) {
                        // Counted above as an increment in the heap; its system calls are what it costs.
                        double locked = threads * (double) spec.incrementsPerThread() * ASSUMED_NANOS_PER_FILE_LOCK / 1e9;
                        timed += trials(spec, 1, Math.max(0, locked - trialSeconds), 0, 0)[0];
                    }
                }
            }
        }
        return new WorkEstimate(timed, overhead);
    }

    private static final String FILE_LOCK = FileLockCounter.STRATEGY.id();

    /** The timed span and the overhead of {@code runs} runs' trials, warm-up included: {timed, overhead}. */
    private static double[] trials(ExperimentSpec spec, double runs, double trialSeconds, double trialOverhead,
            double warmupMinSeconds) {
        double timed = runs * spec.trials() * trialSeconds;
        double overhead = runs * spec.trials() * trialOverhead;
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
        return new double[] {timed, overhead};
    }

    /**
     * The increments and the work outside spread over the cores; the work inside one thread at a time. With a
     * read share, {@code incrementsPerThread} counts operations, and a read is counted as an increment: a lock's read takes the
     * same lock, a get is one load, and only {@code LongAdder.sum()} grows, with its cells (about one per core).
     * Inside work under a read lock or an optimistic read, counted as serial here, in fact runs in parallel.
     */
    private static double fixedWorkSeconds(long incrementsPerThread, int threads, int processors, RunParams params) {
        double parallel = Math.min(threads, processors);
        double increments = threads * (double) incrementsPerThread;
        double spread = increments * (ASSUMED_NANOS_PER_INCREMENT + params.workOutside() * ASSUMED_NANOS_PER_TOKEN) / parallel;
        double serial = increments * params.workInside() * ASSUMED_NANOS_PER_TOKEN;
        return (spread + serial) / 1e9;
    }

    /**
     * Blocks inside a lock one after the other, whatever the thread count: each holds up every thread queued for
     * the lock. Blocks outside, each thread in parallel with the others; virtual threads as if only a carrier
     * each could sleep at once, as when a class initializer pins them (for the others that errs high).
     */
    private static double blockingSeconds(long incrementsPerThread, int threads, int processors, RunParams params,
            boolean virtual) {
        if (!params.blocks()) {
            return 0;
        }
        double increments = threads * (double) incrementsPerThread;
        double inside = params.blockInsideMicros() > 0 ? params.blockInsideMicros() * 1e3 + ASSUMED_NANOS_PER_BLOCK_BEYOND : 0;
        double outside = params.blockOutsideMicros() > 0 ? params.blockOutsideMicros() * 1e3 + ASSUMED_NANOS_PER_BLOCK_BEYOND : 0;
        double sleepers = virtual ? Math.min(threads, processors) : threads;
        return (increments * inside + increments * outside / sleepers) / 1e9;
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
        double total = (double) threads * spec.strategies().size() * spec.runParams().size()
                * (spec.trials() + spec.warmupTrials())
                * spec.incrementsPerThread();
        return total >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) total;
    }
}
