package dev.concurrency.playground.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A run's trials at a glance.
 *
 * @param trials number of measured trials
 * @param corruptedTrials trials that lost at least one update
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSummary(
        int trials,
        int corruptedTrials,
        Stats lostUpdates,
        Stats lostUpdateRate,
        Stats nsPerOp,
        Stats opsPerSecond,
        Stats overlap) {

    static RunSummary of(List<TrialResult> trials) {
        return new RunSummary(
                trials.size(),
                (int) trials.stream().filter(t -> t.lostUpdates() != 0).count(),
                Stats.of(trials.stream().map(TrialResult::lostUpdates).toList()),
                Stats.of(trials.stream().map(TrialResult::lostUpdateRate).toList()),
                Stats.of(trials.stream().map(TrialResult::nsPerOp).toList()),
                Stats.of(trials.stream().map(TrialResult::opsPerSecond).toList()),
                Stats.of(trials.stream().map(TrialResult::overlap).toList()));
    }
}
