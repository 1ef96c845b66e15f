package dev.concurrency.playground.api.format;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.Environment;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.Progress;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.LossExplanation;
import dev.concurrency.playground.experiment.analysis.LossReconstruction;
import dev.concurrency.playground.experiment.analysis.MinMeanMax;
import dev.concurrency.playground.experiment.analysis.RunSummary;
import dev.concurrency.playground.experiment.analysis.SampleStatistics;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import dev.concurrency.playground.experiment.analysis.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Experiments built from records, with figures chosen to exercise the formatters' edge cases. */
final class ExperimentFixtures {

    static final Instant T0 = Instant.parse("2026-11-25T00:20:39.212Z");

    private ExperimentFixtures() {
    }

    static Experiment completed(String name) {
        RunResult racy = run("unsynchronized", 2, false, Verdict.CORRUPTED, List.of(
                new TrialResult(1, 751_383_552L, 383_266_425L, 368_117_127L, 100_194_661L, 0.266693783044109,
                        7_499_237_429.427502, 0.9622853382811203, 96_393_284L, 100_142_997L, 1.93, null, 0.48, 0.52, 0.9984),
                new TrialResult(2, 785_767_424L, 410_235_744L, 375_531_680L, 100_218_086L, 0.25508333112063447,
                        7_840_575_043.51061, 0.9995619135171343, 100_188_164L, 100_203_242L, 1.99, null, 0.495, 0.505, 0.9999)));
        RunResult cas = run("cas-loop", 4, true, Verdict.NO_CORRUPTION_OBSERVED, List.of(
                new TrialResult(1, 1_193_984L, 1_193_984L, 0L, 100_114_627L, 167.69843984509006,
                        11_926_169.389813539, 0.9998116152540623, 100_099_090L, 100_110_576L, 1.98, 330_587L, 0.125, 0.375, 0.8),
                new TrialResult(2, 3_040_256L, 3_040_256L, 0L, 100_124_082L, 65.86556000547323,
                        30_364_882.6463148, 0.9605214427192045, 96_192_232L, 100_069_890L, 1.91, 440_661L, 0.2, 0.3, 0.96)));
        // One trial: there is no spread, so no error; and one update in ten million lost.
        RunResult single = run("volatile", 1, false, Verdict.CORRUPTED, List.of(
                new TrialResult(1, 10_000_000L, 9_999_999L, 1L, 84_700_000L, 8.47, 118_063_754.42739079,
                        1.0, 84_700_000L, 84_700_000L, 1.0, null, 1.0, 1.0, 1.0)));
        return experiment(name, ExperimentStatus.COMPLETED, List.of(racy, cas, single), null);
    }

    /**
     * The explanation of a hand-built log of two threads: 12 increments, counter 6, 5 duplicate writes and
     * a final roll-back of 1 (the interleaving is written out in LossReconstructionTest).
     */
    static LossExplanation explained() {
        return LossReconstruction.explain(new long[][] {{0, 1, 2, 3, 2, 3, 5}, {0, 1, 4, 5, 6}},
                new long[][] {{1, 2, 3, 4, 3, 4, 6}, {1, 2, 5, 6, 7}}, 6, 7, 0.75, 0.25);
    }

    static Experiment experiment(String name, ExperimentStatus status, List<RunResult> runs, String error) {
        ExperimentSpec spec = new ExperimentSpec(name, List.of("unsynchronized", "cas-loop", "volatile"),
                List.of(1, 2, 4), ThreadType.PLATFORM, null, 100L, 2, 1);
        Environment environment = new Environment("25.0.3", "Eclipse Adoptium", "OpenJDK 64-Bit Server VM",
                "Eclipse Adoptium", "25.0.3+9-LTS", List.of(), List.of("G1 Young Generation"), 2,
                "Intel(R) Xeon(R) Processor", "Linux", "6.18.44", "amd64", "0.1.0-SNAPSHOT", "3.33.2", "0000aaaa", "test-host");
        return new Experiment("3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13", name, status, T0, T0, T0.plusSeconds(1), spec,
                new Progress(runs.size(), 9), environment, runs, error);
    }

    static RunResult run(String strategy, int threads, boolean oversubscribed, Verdict verdict,
            List<TrialResult> trials) {
        RunSummary summary = new RunSummary(trials.size(),
                (int) trials.stream().filter(t -> t.lostUpdates() != 0).count(),
                stats(trials, t -> t.lostUpdates()),
                stats(trials, t -> (double) t.lostUpdates() / t.expectedCount()),
                SampleStatistics.of(trials.stream().mapToDouble(TrialResult::nsPerOp).toArray()),
                SampleStatistics.of(trials.stream().mapToDouble(TrialResult::opsPerSecond).toArray()),
                stats(trials, TrialResult::overlap),
                stats(trials, TrialResult::parallelism), stats(trials, TrialResult::minThreadShare),
                stats(trials, TrialResult::maxThreadShare), stats(trials, TrialResult::fairness));
        return new RunResult(strategy, threads, ThreadType.PLATFORM, !strategy.equals("unsynchronized")
                && !strategy.equals("volatile"), oversubscribed, verdict, "Because.", trials, summary);
    }

    private static MinMeanMax stats(List<TrialResult> trials, ToDoubleFunction<TrialResult> figure) {
        var summary = trials.stream().mapToDouble(figure).summaryStatistics();
        return new MinMeanMax(summary.getMin(), summary.getAverage(), summary.getMax());
    }
}
