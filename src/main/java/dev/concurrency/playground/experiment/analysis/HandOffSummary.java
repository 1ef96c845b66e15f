package dev.concurrency.playground.experiment.analysis;

import dev.concurrency.playground.strategy.HandOffLatency;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A run's hand-off figures over its trials (see {@link HandOff}); only for strategies whose count has one
 * owner.
 *
 * @param nsPerOp the workers' time per hand-off, spread as {@code nsPerOp} is, with JMH's error
 * @param drainNanos the owner's drain after the last worker
 * @param latencyP50Nanos each trial's median hand-off latency
 * @param latencyP99Nanos each trial's 99th percentile
 * @param latencyMaxNanos each trial's longest hand-off; its maximum is the run's longest
 */
public record HandOffSummary(
        SampleStatistics nsPerOp,
        MinMeanMax drainNanos,
        MinMeanMax latencyP50Nanos,
        MinMeanMax latencyP99Nanos,
        MinMeanMax latencyMaxNanos) {

    /** The summary of the trials' hand-off figures, or null when no trial has any. */
    static HandOffSummary of(List<TrialResult> trials) {
        List<HandOff> handOffs = trials.stream().map(TrialResult::handOff).filter(Objects::nonNull).toList();
        if (handOffs.isEmpty()) {
            return null;
        }
        return new HandOffSummary(
                SampleStatistics.of(handOffs.stream().map(HandOff::nsPerOp).filter(Objects::nonNull)
                        .mapToDouble(Double::doubleValue).toArray()),
                MinMeanMax.of(handOffs.stream().map(HandOff::drainNanos).toList()),
                latency(handOffs, HandOffLatency::p50Nanos),
                latency(handOffs, HandOffLatency::p99Nanos),
                latency(handOffs, HandOffLatency::maxNanos));
    }

    private static MinMeanMax latency(List<HandOff> handOffs,
            Function<HandOffLatency, Long> figure) {
        return MinMeanMax.of(handOffs.stream().map(HandOff::latency).filter(Objects::nonNull).map(figure).toList());
    }
}
