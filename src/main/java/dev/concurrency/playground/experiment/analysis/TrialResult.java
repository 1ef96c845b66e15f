package dev.concurrency.playground.experiment.analysis;

import dev.concurrency.playground.engine.ThreadShares;
import dev.concurrency.playground.engine.TrialMeasurement;

/**
 * One measured trial of a run.
 *
 * @param trial 1-based number within the run
 * @param expectedCount increments the workers performed
 * @param actualCount the shared counter's final value
 * @param lostUpdates {@code expectedCount - actualCount}: the corruption count
 * @param durationNanos from the start gate opening to the last worker's end, or for a strategy whose count
 *     has one owner, until the owner had applied every increment
 * @param nsPerOp {@code durationNanos * threads / expectedCount}: the average time one thread spent per increment; absent if no increment was made.
 *     In a trial with reads, per operation: the increments and the reads together
 * @param opsPerSecond increments per second across all threads (with reads, operations: increments and reads);
 *     absent if the trial took no measurable time
 * @param overlap fraction of the trial during which all threads ran at once
 * @param minThreadNanos shortest time a single worker ran
 * @param maxThreadNanos longest time a single worker ran
 * @param parallelism cores the workers kept busy on average (their CPU time over the duration); near
 *     the thread count when they really ran at once, lower when they took turns on fewer cores or
 *     slept waiting for a lock; absent for virtual threads
 * @param casFailures failed compare-and-set attempts ({@code cas-loop} only)
 * @param minThreadShare the smallest share of the throughput any one worker had (its increments over
 *     its own time, as a share of all the workers' together; in fixed-time mode, its share of the
 *     increments): {@code 1/threads} when they took even turns, near 0 when one starved; absent when
 *     not defined (see {@link ThreadShares}), and in trials stored before it was recorded
 * @param maxThreadShare the largest such share
 * @param fairness Jain's fairness index of the workers' throughputs, {@code (Σx)² / (n·Σx²)}: 1 when
 *     all got the same, {@code 1/threads} when one got everything; absent when the shares are
 * @param handOff for strategies whose count has one owner, the workers' and the owner's halves of the
 *     trial and the hand-off latency (see {@link HandOff}); absent for every other strategy
 * @param readsAndWrites in a trial with reads, its reads and its writes apart (see {@link ReadsAndWrites});
 *     absent in a trial without reads
 */
public record TrialResult(
        int trial,
        long expectedCount,
        long actualCount,
        long lostUpdates,
        long durationNanos,
        Double nsPerOp,
        Double opsPerSecond,
        double overlap,
        long minThreadNanos,
        long maxThreadNanos,
        Double parallelism,
        Long casFailures,
        Double minThreadShare,
        Double maxThreadShare,
        Double fairness,
        HandOff handOff,
        ReadsAndWrites readsAndWrites) {

    /** A trial without reads. */
    public TrialResult(int trial, long expectedCount, long actualCount, long lostUpdates, long durationNanos,
            Double nsPerOp, Double opsPerSecond, double overlap, long minThreadNanos, long maxThreadNanos,
            Double parallelism, Long casFailures, Double minThreadShare, Double maxThreadShare, Double fairness,
            HandOff handOff) {
        this(trial, expectedCount, actualCount, lostUpdates, durationNanos, nsPerOp, opsPerSecond, overlap,
                minThreadNanos, maxThreadNanos, parallelism, casFailures, minThreadShare, maxThreadShare, fairness, handOff,
                null);
    }

    /** A trial without an owner's figures. */
    public TrialResult(int trial, long expectedCount, long actualCount, long lostUpdates, long durationNanos,
            Double nsPerOp, Double opsPerSecond, double overlap, long minThreadNanos, long maxThreadNanos,
            Double parallelism, Long casFailures, Double minThreadShare, Double maxThreadShare, Double fairness) {
        this(trial, expectedCount, actualCount, lostUpdates, durationNanos, nsPerOp, opsPerSecond, overlap,
                minThreadNanos, maxThreadNanos, parallelism, casFailures, minThreadShare, maxThreadShare, fairness, null);
    }

    public static TrialResult of(int trial, int threads, TrialMeasurement measurement) {
        long expected = measurement.expectedCount();
        long duration = measurement.durationNanos();
        // With reads, the time and throughput are per operation, reads included; the split is in readsAndWrites.
        long operations = expected + (measurement.reads() == null ? 0 : measurement.reads().reads());
        ThreadShares shares = measurement.threadShares();
        return new TrialResult(
                trial,
                expected,
                measurement.actualCount(),
                measurement.lostUpdates(),
                duration,
                operations > 0 ? (double) duration * threads / operations : null,
                duration > 0 ? operations * 1e9 / duration : null,
                measurement.overlap(),
                measurement.minThreadNanos(),
                measurement.maxThreadNanos(),
                measurement.parallelism(),
                measurement.casFailures(),
                shares == null ? null : shares.minShare(),
                shares == null ? null : shares.maxShare(),
                shares == null ? null : shares.fairness(),
                measurement.drainNanos() == null ? null : HandOff.of(duration, threads, expected,
                        measurement.drainNanos(), measurement.handOffLatency(), measurement.reads()),
                measurement.reads() == null ? null : ReadsAndWrites.of(duration, expected, measurement.reads()));
    }

    /**
     * Lost updates as a fraction of the expected count; zero when nothing was expected. The one
     * definition: the run summary and the JMH export both read it from here.
     */
    public double lostUpdateRate() {
        return expectedCount > 0 ? (double) lostUpdates / expectedCount : 0.0;
    }
}
