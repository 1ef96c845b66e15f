package dev.concurrency.playground.experiment.analysis;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A run's trials at a glance.
 *
 * @param measuredTrials number of measured trials (fewer than asked for when the run was stopped part-way)
 * @param corruptedTrials trials that lost at least one update
 * @param nsPerOp spread of the time per increment, with JMH's 99.9% error
 * @param opsPerSecond spread of the throughput, with JMH's 99.9% error
 * @param minThreadShare each trial's smallest share of one worker (see {@link TrialResult#minThreadShare()});
 *     its minimum is the most starved worker of the run; absent when no trial has shares
 * @param maxThreadShare each trial's largest share of one worker; its maximum is the most favoured
 * @param fairness each trial's Jain's fairness index of the workers' throughputs
 * @param handOff for strategies whose count has one owner, the trials' hand-off figures; absent otherwise
 * @param readsAndWrites for runs with reads, the trials' reads and writes apart; absent otherwise
 */
public record RunSummary(
        int measuredTrials,
        int corruptedTrials,
        MinMeanMax lostUpdates,
        MinMeanMax lostUpdateRate,
        SampleStatistics nsPerOp,
        SampleStatistics opsPerSecond,
        MinMeanMax overlap,
        MinMeanMax parallelism,
        MinMeanMax minThreadShare,
        MinMeanMax maxThreadShare,
        MinMeanMax fairness,
        HandOffSummary handOff,
        ReadsAndWritesSummary readsAndWrites) {

    /** A summary without reads. */
    public RunSummary(int measuredTrials, int corruptedTrials, MinMeanMax lostUpdates, MinMeanMax lostUpdateRate,
            SampleStatistics nsPerOp, SampleStatistics opsPerSecond, MinMeanMax overlap, MinMeanMax parallelism,
            MinMeanMax minThreadShare, MinMeanMax maxThreadShare, MinMeanMax fairness, HandOffSummary handOff) {
        this(measuredTrials, corruptedTrials, lostUpdates, lostUpdateRate, nsPerOp, opsPerSecond, overlap, parallelism,
                minThreadShare, maxThreadShare, fairness, handOff, null);
    }

    /** A summary without hand-off figures. */
    public RunSummary(int measuredTrials, int corruptedTrials, MinMeanMax lostUpdates, MinMeanMax lostUpdateRate,
            SampleStatistics nsPerOp, SampleStatistics opsPerSecond, MinMeanMax overlap, MinMeanMax parallelism,
            MinMeanMax minThreadShare, MinMeanMax maxThreadShare, MinMeanMax fairness) {
        this(measuredTrials, corruptedTrials, lostUpdates, lostUpdateRate, nsPerOp, opsPerSecond, overlap, parallelism,
                minThreadShare, maxThreadShare, fairness, null);
    }

    public static RunSummary of(List<TrialResult> trials) {
        return new RunSummary(
                trials.size(),
                (int) trials.stream().filter(t -> t.lostUpdates() != 0).count(),
                MinMeanMax.of(trials.stream().map(TrialResult::lostUpdates).toList()),
                MinMeanMax.of(trials.stream().map(TrialResult::lostUpdateRate).toList()),
                sample(trials, TrialResult::nsPerOp),
                sample(trials, TrialResult::opsPerSecond),
                MinMeanMax.of(trials.stream().map(TrialResult::overlap).toList()),
                MinMeanMax.of(trials.stream().map(TrialResult::parallelism).toList()),
                MinMeanMax.of(trials.stream().map(TrialResult::minThreadShare).toList()),
                MinMeanMax.of(trials.stream().map(TrialResult::maxThreadShare).toList()),
                MinMeanMax.of(trials.stream().map(TrialResult::fairness).toList()),
                HandOffSummary.of(trials),
                ReadsAndWritesSummary.of(trials));
    }

    private static SampleStatistics sample(List<TrialResult> trials, Function<TrialResult, Double> figure) {
        return SampleStatistics.of(trials.stream().map(figure).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).toArray());
    }
}
