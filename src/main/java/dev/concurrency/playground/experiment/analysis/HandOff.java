package dev.concurrency.playground.experiment.analysis;

import dev.concurrency.playground.engine.TrialMeasurement;
import dev.concurrency.playground.strategy.HandOffLatency;

/**
 * What an increment cost in a trial of a strategy whose count has one owner ({@code single-writer},
 * {@code event-loop}), where a worker is done with an increment before the increment is done. The
 * trial's {@code durationNanos} and {@code nsPerOp} cover both halves; these figures split them.
 *
 * @param nsPerOp the workers' half: from the start gate opening to the last worker's end, times the
 *     threads, over the increments; what one worker spent per hand-off. In a trial with reads, whose workers
 *     also spent time reading, the workers' time in their increment phases over the increments (the trial's
 *     {@code nsPerWrite}). Absent if no increment was made
 * @param drainNanos the owner's half: from the last worker's end until the owner had applied every
 *     increment handed to it; part of {@code durationNanos}
 * @param latency how long sampled increments took from hand-off to being applied; absent when none was sampled
 */
public record HandOff(Double nsPerOp, long drainNanos, HandOffLatency latency) {

    /**
     * Hand-off figures from a trial's span, threads, increments, drain and latency, and its reads if it had any
     * (else null): the span would count the reads as hand-offs, so with reads the increment phases' own time is
     * what the hand-offs cost.
     */
    static HandOff of(long durationNanos, int threads, long expectedCount, long drainNanos, HandOffLatency latency,
            TrialMeasurement.Reads reads) {
        if (expectedCount <= 0) {
            return new HandOff(null, drainNanos, latency);
        }
        double workersNanos = reads != null ? reads.writeNanos() : (double) (durationNanos - drainNanos) * threads;
        return new HandOff(workersNanos / expectedCount, drainNanos, latency);
    }
}
