package dev.concurrency.playground.experiment;

/**
 * A rough guess of how long an experiment will run, for the {@code Retry-After} of a refused
 * submission. Fixed-time experiments say how long they take; fixed-work ones are guessed at a few
 * nanoseconds per increment, which is right for the cheap strategies and optimistic for contended
 * locks. A client only needs the order of magnitude.
 */
public final class WorkEstimate {

    private static final double ASSUMED_NANOS_PER_INCREMENT = 10;

    private WorkEstimate() {
    }

    public static double seconds(ExperimentSpec spec, int processors) {
        int trialsPerRun = spec.trials() + spec.warmupTrials();
        if (spec.durationMillis() != null) {
            return spec.totalRuns() * (double) trialsPerRun * spec.durationMillis() / 1000.0;
        }
        double seconds = 0;
        for (int threads : spec.threadCounts()) {
            double parallel = Math.min(threads, processors);
            seconds += spec.strategies().size() * trialsPerRun * threads * (double) spec.incrementsPerThread()
                    * ASSUMED_NANOS_PER_INCREMENT / parallel / 1e9;
        }
        return seconds;
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
