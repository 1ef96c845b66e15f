package dev.concurrency.playground.experiment.analysis;

import dev.concurrency.playground.strategy.HandOffLatency;

/**
 * What an increment cost in a trial of a strategy whose count has one owner ({@code single-writer},
 * {@code event-loop}), where a worker is done with an increment before the increment is done. The
 * trial's {@code durationNanos} and {@code nsPerOp} cover both halves; these figures split them.
 *
 * @param nsPerOp the workers' half: from the start gate opening to the last worker's end, times the
 *     threads, over the increments; what one worker spent per hand-off. Absent if no increment was made
 * @param drainNanos the owner's half: from the last worker's end until the owner had applied every
 *     increment handed to it; part of {@code durationNanos}
 * @param latency how long sampled increments took from hand-off to being applied; absent when none was sampled
 */
public record HandOff(Double nsPerOp, long drainNanos, HandOffLatency latency) {

    /** Hand-off figures from a trial's span, threads, increments, drain and latency. */
    static HandOff of(long durationNanos, int threads, long expectedCount, long drainNanos, HandOffLatency latency) {
        long handingOff = durationNanos - drainNanos;
        return new HandOff(expectedCount > 0 ? (double) handingOff * threads / expectedCount : null, drainNanos, latency);
    }
}
