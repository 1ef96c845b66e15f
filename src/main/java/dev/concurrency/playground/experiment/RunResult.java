package dev.concurrency.playground.experiment;

import dev.concurrency.playground.engine.ThreadType;
import java.util.List;

/** One strategy at one thread count: its measured trials and their summary. */
public record RunResult(
        String strategy,
        int threads,
        ThreadType threadType,
        boolean threadSafe,
        List<TrialResult> trials,
        RunSummary summary) {

    public RunResult {
        trials = List.copyOf(trials);
    }
}
