package dev.concurrency.playground.engine;

/**
 * A trial in which every worker logged each of its increments.
 *
 * @param measurement what the trial measured, as any trial
 * @param reads per worker, in its own order, the value each of its increments read
 * @param writes per worker, the value each of its increments wrote; {@code writes[t][i]} belongs to {@code reads[t][i]}
 */
public record RecordedTrial(TrialMeasurement measurement, long[][] reads, long[][] writes) {
}
