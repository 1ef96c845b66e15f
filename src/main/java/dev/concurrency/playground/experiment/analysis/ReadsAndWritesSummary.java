package dev.concurrency.playground.experiment.analysis;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A run's reads and writes over its trials (see {@link ReadsAndWrites}); only for runs with a read share.
 *
 * @param nsPerRead each trial's time per read, spread as {@code nsPerOp} is, with JMH's error
 * @param nsPerWrite each trial's time per increment
 * @param readsPerSecond each trial's reads per second across all threads
 * @param writesPerSecond each trial's increments per second across all threads
 * @param readRetries each trial's failed optimistic reads; absent for strategies that do not read optimistically
 * @param readRetryRate each trial's failed optimistic reads as a share of its reads
 */
public record ReadsAndWritesSummary(
        SampleStatistics nsPerRead,
        SampleStatistics nsPerWrite,
        SampleStatistics readsPerSecond,
        SampleStatistics writesPerSecond,
        MinMeanMax readRetries,
        MinMeanMax readRetryRate) {

    /** The summary of the trials' reads and writes, or null when no trial has any. */
    static ReadsAndWritesSummary of(List<TrialResult> trials) {
        List<ReadsAndWrites> all = trials.stream().map(TrialResult::readsAndWrites).filter(Objects::nonNull).toList();
        if (all.isEmpty()) {
            return null;
        }
        return new ReadsAndWritesSummary(
                sample(all, ReadsAndWrites::nsPerRead),
                sample(all, ReadsAndWrites::nsPerWrite),
                sample(all, ReadsAndWrites::readsPerSecond),
                sample(all, ReadsAndWrites::writesPerSecond),
                MinMeanMax.of(all.stream().map(ReadsAndWrites::readRetries).toList()),
                MinMeanMax.of(all.stream().map(ReadsAndWrites::readRetryRate).toList()));
    }

    private static SampleStatistics sample(List<ReadsAndWrites> all, Function<ReadsAndWrites, Double> figure) {
        return SampleStatistics.of(all.stream().map(figure).filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray());
    }
}
