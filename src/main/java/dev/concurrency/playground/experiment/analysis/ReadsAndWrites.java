package dev.concurrency.playground.experiment.analysis;

import dev.concurrency.playground.engine.TrialMeasurement;

/**
 * A trial with reads ({@code readRatio}), split into its reads and its writes (increments). Each worker runs its
 * operations in blocks of a thousand, the block's reads and then its increments, and reads the clock only at the
 * phase boundaries; its time reading and its time writing are added up over the workers.
 *
 * @param reads the reads performed, over all workers
 * @param writes the increments performed, over all workers: the trial's {@code expectedCount}
 * @param nsPerRead the workers' time in read phases over the reads: what one read cost the thread that made it,
 *     as {@code nsPerOp} is per thread; absent when nothing was read
 * @param nsPerWrite the workers' time in increment phases over the increments; absent when nothing was written
 * @param readsPerSecond reads per second across all threads, over the trial's duration
 * @param writesPerSecond increments per second across all threads, over the trial's duration
 * @param readRetries optimistic reads whose validation failed, so that they read again under the read lock
 *     ({@code stamped-lock}); absent for the strategies that do not read optimistically
 */
public record ReadsAndWrites(
        long reads,
        long writes,
        Double nsPerRead,
        Double nsPerWrite,
        Double readsPerSecond,
        Double writesPerSecond,
        Long readRetries) {

    static ReadsAndWrites of(long durationNanos, long writes, TrialMeasurement.Reads measured) {
        long reads = measured.reads();
        return new ReadsAndWrites(
                reads,
                writes,
                reads > 0 ? (double) measured.readNanos() / reads : null,
                writes > 0 ? (double) measured.writeNanos() / writes : null,
                durationNanos > 0 ? reads * 1e9 / durationNanos : null,
                durationNanos > 0 ? writes * 1e9 / durationNanos : null,
                measured.readRetries());
    }

    /** Failed optimistic reads as a share of the reads; absent when not counted or nothing was read. */
    public Double readRetryRate() {
        return readRetries == null || reads == 0 ? null : (double) readRetries / reads;
    }
}
