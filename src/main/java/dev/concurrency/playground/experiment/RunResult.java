package dev.concurrency.playground.experiment;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.analysis.Judgement;
import dev.concurrency.playground.experiment.analysis.RunSummary;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import dev.concurrency.playground.experiment.analysis.Verdict;
import java.util.List;

/**
 * One strategy at one thread count: its measured trials, their summary and what they prove.
 *
 * @param oversubscribed more platform threads than available processors: timings then measure the
 *     operating system's scheduler as much as the strategy
 * @param verdict whether updates were lost, and whether the run could have caught it
 * @param verdictReason one sentence explaining the verdict
 */
public record RunResult(
        String strategy,
        int threads,
        ThreadType threadType,
        boolean threadSafe,
        boolean oversubscribed,
        Verdict verdict,
        String verdictReason,
        List<TrialResult> trials,
        RunSummary summary) {

    public RunResult {
        trials = List.copyOf(trials);
    }

    public static RunResult of(String strategy, int threads, ThreadType threadType, boolean threadSafe, boolean fixedTime,
            int availableProcessors, List<TrialResult> trials) {
        Judgement verdict = Judgement.judge(trials, threads, threadSafe, fixedTime, threadType == ThreadType.VIRTUAL);
        return new RunResult(strategy, threads, threadType, threadSafe,
                threadType == ThreadType.PLATFORM && threads > availableProcessors,
                verdict.verdict(), verdict.reason(), trials, RunSummary.of(trials));
    }
}
