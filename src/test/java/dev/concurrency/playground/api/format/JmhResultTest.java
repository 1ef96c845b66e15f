package dev.concurrency.playground.api.format;

import dev.concurrency.playground.experiment.TestInstance;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.Environment;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.Progress;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.RunSummary;
import dev.concurrency.playground.experiment.analysis.SampleStatistics;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import dev.concurrency.playground.experiment.analysis.Verdict;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JMH export of an experiment snapshot, without a server: its figures against the trials' own counts. */
class JmhResultTest {

    private static final ExperimentSpec SPEC = new ExperimentSpec("racy", List.of("unsynchronized"), List.of(2, 4),
            ThreadType.PLATFORM, 1_000L, null, 2, 1);

    private static TrialResult trial(int number, long expected, long actual) {
        return new TrialResult(number, expected, actual, expected - actual, 1_000_000, 2.0, 1e9, 0.9, 900_000,
                1_000_000, 1.9, null, null, null, null);
    }

    @Test
    void aRunningExperimentExportsExactlyTheRunsItHasCompleted() {
        // 2000 increments, 1500 counted: a quarter lost; 2000 and 1900 counted: a twentieth.
        List<TrialResult> trials = List.of(trial(1, 2_000, 1_500), trial(2, 2_000, 1_900));
        RunResult first = new RunResult("unsynchronized", 2, ThreadType.PLATFORM, false, false, Verdict.CORRUPTED,
                "lost", trials, new RunSummary(2, 2, null, null, SampleStatistics.of(new double[] {2.0, 2.0}), null, null,
                null, null, null, null));
        // The other run, stored part-way after its first trial (interleaved order): not a JMH result yet.
        RunResult partWay = new RunResult("unsynchronized", 4, ThreadType.PLATFORM, false, false, Verdict.CORRUPTED,
                "lost", List.of(trial(1, 4_000, 3_000)), new RunSummary(1, 1, null, null,
                SampleStatistics.of(new double[] {2.0}), null, null, null, null, null, null));
        Experiment running = new Experiment("id", "racy", ExperimentStatus.RUNNING, Instant.EPOCH, Instant.EPOCH, null,
                SPEC, new Progress(1, 2), Environment.current(TestInstance.ONE), List.of(first, partWay), null);

        List<JmhResult> export = JmhResult.of(running);

        assertEquals(1, export.size(), "one of two runs is done, the other is stored part-way");
        JmhResult result = export.get(0);
        assertEquals(JmhResult.BENCHMARK_PREFIX + "unsynchronized", result.benchmark());
        assertEquals(2, result.threads());
        assertEquals(List.of(List.of(500.0, 100.0)), result.secondaryMetrics().get("lostUpdates").rawData());
        assertEquals(List.of(List.of(0.25, 0.05)), result.secondaryMetrics().get("lostUpdateRate").rawData());
        assertEquals(0.15, result.secondaryMetrics().get("lostUpdateRate").score(), 1e-12);
    }
}
