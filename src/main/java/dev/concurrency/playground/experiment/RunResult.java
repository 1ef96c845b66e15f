package dev.concurrency.playground.experiment;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.analysis.Judgement;
import dev.concurrency.playground.experiment.analysis.LossExplanation;
import dev.concurrency.playground.experiment.analysis.RunSummary;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import dev.concurrency.playground.experiment.analysis.Verdict;
import java.util.List;

/**
 * One strategy at one thread count: its measured trials, their summary and what they prove.
 *
 * @param threadSafe whether the strategy is safe among this run's kind of worker (a lock that is safe among
 *     threads is not among processes, each of which has its own)
 * @param oversubscribed more platform threads, or child processes, than available processors: timings then
 *     measure the operating system's scheduler as much as the strategy
 * @param verdict whether updates were lost, and whether the run could have caught it
 * @param verdictReason one sentence explaining the verdict, and when the measured trials were not in a steady
 *     state, why (see {@link WarmUp#caveat()})
 * @param warmup how the run warmed up and whether its measured trials were steady; null in experiments
 *     stored before the service recorded it
 * @param explanation why updates were lost, from one extra recorded trial that is not among {@code trials};
 *     only when the experiment asked to {@code explain} and the strategy is explainable, else null
 * @param params the run's workload parameters; null when the experiment gave none
 * @param backend the system outside the JVM the strategy's counter lived in, as it described itself before the
 *     run's first trial; null for a strategy whose counter is in the heap, and when the backend could not be
 *     asked (its trials then failed, saying why)
 * @param database the database a database strategy's run incremented its row in (product, version, isolation
 *     level); null for every other strategy, and for a run that never reached the database
 * @param pinning how often its virtual threads were pinned while they blocked; only for runs of virtual threads in
 *     experiments that block, else null
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
        RunSummary summary,
        WarmUp warmup,
        LossExplanation explanation,
        RunParams params,
        BackendInfo backend,
        DatabaseUsed database,
        Pinning pinning) {

    public RunResult {
        trials = List.copyOf(trials);
    }

    /** A run whose threads were not watched for pinning. */
    public RunResult(String strategy, int threads, ThreadType threadType, boolean threadSafe, boolean oversubscribed,
            Verdict verdict, String verdictReason, List<TrialResult> trials, RunSummary summary, WarmUp warmup,
            LossExplanation explanation, RunParams params, BackendInfo backend, DatabaseUsed database) {
        this(strategy, threads, threadType, threadSafe, oversubscribed, verdict, verdictReason, trials, summary, warmup,
                explanation, params, backend, database, null);
    }

    /** A run whose warm-up was not recorded, without an explanation. */
    public RunResult(String strategy, int threads, ThreadType threadType, boolean threadSafe, boolean oversubscribed,
            Verdict verdict, String verdictReason, List<TrialResult> trials, RunSummary summary) {
        this(strategy, threads, threadType, threadSafe, oversubscribed, verdict, verdictReason, trials, summary, null,
                null, null, null, null, null);
    }

    /** A run with how it warmed up, without an explanation. */
    public RunResult(String strategy, int threads, ThreadType threadType, boolean threadSafe, boolean oversubscribed,
            Verdict verdict, String verdictReason, List<TrialResult> trials, RunSummary summary, WarmUp warmup) {
        this(strategy, threads, threadType, threadSafe, oversubscribed, verdict, verdictReason, trials, summary, warmup,
                null, null, null, null, null);
    }

    /** A run with an explanation, or none (null), without parameters, whose counter was in the heap. */
    public RunResult(String strategy, int threads, ThreadType threadType, boolean threadSafe, boolean oversubscribed,
            Verdict verdict, String verdictReason, List<TrialResult> trials, RunSummary summary, WarmUp warmup,
            LossExplanation explanation) {
        this(strategy, threads, threadType, threadSafe, oversubscribed, verdict, verdictReason, trials, summary, warmup,
                explanation, null, null, null, null);
    }

    /** This run with {@code explanation} attached (or none, when null). */
    public RunResult withExplanation(LossExplanation explanation) {
        return new RunResult(strategy, threads, threadType, threadSafe, oversubscribed, verdict, verdictReason, trials,
                summary, warmup, explanation, params, backend, database, pinning);
    }

    /** This run with its workload parameters (or none, when null). */
    public RunResult withParams(RunParams params) {
        return new RunResult(strategy, threads, threadType, threadSafe, oversubscribed, verdict, verdictReason, trials,
                summary, warmup, explanation, params, backend, database, pinning);
    }

    /** Its parameters, {@link RunParams#NONE} when it has none: what it ran with. */
    public RunParams paramsOrNone() {
        return params == null ? RunParams.NONE : params;
    }

    /** This run with the backend its counter lived in (or none, when null). */
    public RunResult withBackend(BackendInfo backend) {
        return new RunResult(strategy, threads, threadType, threadSafe, oversubscribed, verdict, verdictReason, trials,
                summary, warmup, explanation, params, backend, database, pinning);
    }

    /** This run with how its virtual threads were pinned (or nothing, when null). */
    public RunResult withPinning(Pinning pinning) {
        return new RunResult(strategy, threads, threadType, threadSafe, oversubscribed, verdict, verdictReason, trials,
                summary, warmup, explanation, params, backend, database, pinning);
    }

    /** This run with the database it used (or none, when null). */
    public RunResult withDatabase(DatabaseUsed database) {
        return new RunResult(strategy, threads, threadType, threadSafe, oversubscribed, verdict, verdictReason, trials,
                summary, warmup, explanation, params, backend, database, pinning);
    }

    public static RunResult of(String strategy, int threads, ThreadType threadType, boolean threadSafe, boolean fixedTime,
            int availableProcessors, List<TrialResult> trials) {
        return of(strategy, threads, threadType, threadSafe, fixedTime, availableProcessors, trials, null);
    }

    /** With how it warmed up; the verdict's reason then says when the measured trials were not steady. */
    public static RunResult of(String strategy, int threads, ThreadType threadType, boolean threadSafe, boolean fixedTime,
            int availableProcessors, List<TrialResult> trials, WarmUp warmup) {
        Judgement verdict = Judgement.judge(trials, threads, threadSafe, fixedTime, threadType == ThreadType.VIRTUAL);
        String caveat = warmup == null ? null : warmup.caveat();
        return new RunResult(strategy, threads, threadType, threadSafe,
                threadType != ThreadType.VIRTUAL && threads > availableProcessors,
                verdict.verdict(), caveat == null ? verdict.reason() : verdict.reason() + " " + caveat, trials,
                RunSummary.of(trials), warmup);
    }
}
