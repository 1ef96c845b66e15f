package dev.concurrency.playground.engine;

import dev.concurrency.playground.strategy.HandOffLatency;

/**
 * What one trial measured.
 *
 * @param expectedCount the increments the workers performed, by their own count
 * @param actualCount what the shared counter says afterwards
 * @param durationNanos from the opening of the start gate to the end of the last worker, or for a counter
 *     with an owner, to the moment the owner had applied every increment handed to it
 * @param minThreadNanos the shortest time any worker spent between its own start and end
 * @param maxThreadNanos the longest such time
 * @param overlap fraction of the trial during which every worker was running, in [0, 1]
 * @param parallelism CPU time the workers used over the trial's duration: how many cores they kept
 *     busy on average, or {@code null} where the JVM cannot tell (virtual threads). Overlap only says
 *     the workers were alive at the same time; on a busy machine two of them may still take turns on
 *     one core, which this figure shows (and so does a lock that puts waiters to sleep)
 * @param casFailures failed compare-and-set attempts, or {@code null} when the strategy does not count them
 * @param threadShares how evenly the workers shared the counter, from each one's own increments and
 *     time, or {@code null} where that is not defined (see {@link ThreadShares#of})
 * @param drainNanos for a counter with an owner, the part of {@code durationNanos} after the last worker
 *     ended, until the owner had applied every increment handed to it; {@code null} for other counters
 * @param handOffLatency for a counter with an owner, how long sampled increments took from hand-off to
 *     being applied; {@code null} for other counters, or when none was sampled
 * @param reads in a trial with reads, what the workers read and how long reading and writing took them;
 *     {@code null} in a trial without reads. {@code expectedCount} stays the increments alone
 */
public record TrialMeasurement(
        long expectedCount,
        long actualCount,
        long durationNanos,
        long minThreadNanos,
        long maxThreadNanos,
        double overlap,
        Double parallelism,
        Long casFailures,
        ThreadShares threadShares,
        Long drainNanos,
        HandOffLatency handOffLatency,
        Reads reads) {

    /** A trial without reads. */
    public TrialMeasurement(long expectedCount, long actualCount, long durationNanos, long minThreadNanos,
            long maxThreadNanos, double overlap, Double parallelism, Long casFailures, ThreadShares threadShares,
            Long drainNanos, HandOffLatency handOffLatency) {
        this(expectedCount, actualCount, durationNanos, minThreadNanos, maxThreadNanos, overlap, parallelism, casFailures,
                threadShares, drainNanos, handOffLatency, null);
    }

    /**
     * The reading half of a trial with reads, summed over its workers.
     *
     * @param reads the reads performed (the increments are the trial's {@code expectedCount})
     * @param readNanos the workers' time in their read phases, added up: each worker's clock read at the start
     *     and end of every block's reads
     * @param writeNanos the workers' time in their increment phases, added up the same way
     * @param readRetries optimistic reads whose validation failed and that read again under the lock, for a
     *     strategy that reads optimistically; {@code null} for every other strategy
     */
    public record Reads(long reads, long readNanos, long writeNanos, Long readRetries) {
    }

    /** A trial of a counter without an owner. */
    public TrialMeasurement(long expectedCount, long actualCount, long durationNanos, long minThreadNanos,
            long maxThreadNanos, double overlap, Double parallelism, Long casFailures, ThreadShares threadShares) {
        this(expectedCount, actualCount, durationNanos, minThreadNanos, maxThreadNanos, overlap, parallelism, casFailures,
                threadShares, null, null, null);
    }

    public long lostUpdates() {
        return expectedCount - actualCount;
    }

    /**
     * How much of the trial all threads really ran at once: from the latest start to the earliest
     * end, as a fraction of the span from the earliest start to the latest end. Zero when some thread
     * finished before another began: such a trial could not have caught a race.
     */
    static double overlap(long earliestStart, long latestStart, long earliestEnd, long latestEnd) {
        long span = latestEnd - earliestStart;
        if (span <= 0) {
            return 1.0; // every thread started and ended at the same tick: nothing separated them
        }
        double fraction = (double) (earliestEnd - latestStart) / span;
        return Math.max(0.0, Math.min(1.0, fraction));
    }
}
