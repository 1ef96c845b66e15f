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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The JMH export of an experiment snapshot, without a server: its figures against the trials' own counts. */
class JmhResultTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Test
    void anOwnedRunExportsItsHandOffAndARunWithParametersItsParams() {
        // Two trials of an owned strategy: 4 ns and 6 ns per hand-off, drains of 1000 and 3000 ns.
        List<TrialResult> trials = List.of(owned(1, 4.0, 1_000, 50, 900), owned(2, 6.0, 3_000, 70, 1_100));
        RunResult run = new RunResult("single-writer", 2, ThreadType.PLATFORM, true, false, Verdict.NO_CORRUPTION_OBSERVED,
                "none lost", trials, new RunSummary(2, 2, null, null, SampleStatistics.of(new double[] {2.0, 2.0}), null,
                null, null, null, null, null), null, null, new dev.concurrency.playground.experiment.RunParams(0, 100), null, null);
        ExperimentSpec spec = new ExperimentSpec("owned", List.of("single-writer"), List.of(2), ThreadType.PLATFORM,
                1_000L, null, 2, 1, dev.concurrency.playground.experiment.TrialOrder.SEQUENTIAL, false, null, List.of(100));
        Experiment done = new Experiment("id", "owned", ExperimentStatus.COMPLETED, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH,
                spec, new Progress(1, 1), Environment.current(TestInstance.ONE), List.of(run), null);

        JmhResult result = JmhResult.of(done).get(0);

        assertEquals(List.of(List.of(4.0, 6.0)), result.secondaryMetrics().get("handOff").rawData());
        assertEquals(5.0, result.secondaryMetrics().get("handOff").score(), 1e-12);
        assertEquals(List.of(List.of(1_000.0, 3_000.0)), result.secondaryMetrics().get("drain").rawData());
        assertEquals(List.of(List.of(50.0, 70.0)), result.secondaryMetrics().get("handOffLatencyP50").rawData());
        assertEquals(List.of(List.of(900.0, 1_100.0)), result.secondaryMetrics().get("handOffLatencyP99").rawData());
        assertEquals("0", result.params().get("workInside"));
        assertEquals("100", result.params().get("workOutside"));
    }

    /**
     * A virtual-thread run that blocked carries its pinning as three secondary metrics, compared with a document
     * written out here as JMH would write a metric of one value: the score is the value, the error and confidence
     * undefined ("NaN"), every percentile the value, one fork of one value.
     */
    @Test
    void aVirtualThreadRunThatBlockedExportsItsPinning() throws Exception {
        List<TrialResult> trials = List.of(trial(1, 2_000, 2_000), trial(2, 2_000, 2_000));
        RunResult blocked = new RunResult("class-initializer", 2, ThreadType.VIRTUAL, true, false,
                Verdict.NO_CORRUPTION_OBSERVED, "none lost", trials, new RunSummary(2, 0, null, null,
                SampleStatistics.of(new double[] {2.0, 2.0}), null, null, null, null, null, null))
                .withPinning(dev.concurrency.playground.experiment.Pinning.recorded(4, 9_000_000, 3_500_000,
                        java.util.Map.of("NATIVE (sleep)", 4L), 2));
        ExperimentSpec spec = new ExperimentSpec("pinned", List.of("class-initializer"), List.of(2), ThreadType.VIRTUAL,
                1_000L, null, 2, 1);
        Experiment done = new Experiment("id", "pinned", ExperimentStatus.COMPLETED, Instant.EPOCH, Instant.EPOCH,
                Instant.EPOCH, spec, new Progress(1, 1), Environment.current(TestInstance.ONE), List.of(blocked), null);

        JsonNode secondary = JSON.valueToTree(JmhResult.of(done).get(0)).get("secondaryMetrics");

        assertEquals(expectedMetric(4, "events"), secondary.get("pinnedEvents"));
        assertEquals(expectedMetric(9_000_000, "ns"), secondary.get("pinnedTotal"));
        assertEquals(expectedMetric(3_500_000, "ns"), secondary.get("pinnedLongest"));
        assertEquals(List.of("lostUpdates", "lostUpdateRate", "pinnedEvents", "pinnedTotal", "pinnedLongest"),
                fieldNames(secondary));

        // Not recorded is not "none pinned": no figures then, and none for a run that was not watched at all.
        RunResult unrecorded = blocked.withPinning(dev.concurrency.playground.experiment.Pinning.notRecorded("no JFR"));
        Experiment without = new Experiment("id", "pinned", ExperimentStatus.COMPLETED, Instant.EPOCH, Instant.EPOCH,
                Instant.EPOCH, spec, new Progress(1, 1), Environment.current(TestInstance.ONE),
                List.of(unrecorded, blocked.withPinning(null)), null);
        for (JmhResult result : JmhResult.of(without)) {
            assertEquals(List.of("lostUpdates", "lostUpdateRate"), List.copyOf(result.secondaryMetrics().keySet()));
        }
    }

    /** A JMH metric of one value, as JMH writes it with {@code -rf json}, built without the export's code. */
    private static JsonNode expectedMetric(double value, String unit) {
        ObjectNode metric = JSON.createObjectNode();
        metric.put("score", value);
        metric.put("scoreError", "NaN");
        metric.putArray("scoreConfidence").add("NaN").add("NaN");
        ObjectNode percentiles = metric.putObject("scorePercentiles");
        for (String rank : List.of("0.0", "50.0", "90.0", "95.0", "99.0", "99.9", "99.99", "99.999", "99.9999", "100.0")) {
            percentiles.put(rank, value);
        }
        metric.put("scoreUnit", unit);
        metric.putArray("rawData").addArray().add(value);
        return metric;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static TrialResult owned(int number, double handOffNsPerOp, long drainNanos, long p50, long p99) {
        return new TrialResult(number, 2_000, 2_000, 0, 1_000_000, 2.0, 1e9, 0.9, 900_000, 1_000_000, 1.9, null, null,
                null, null, new dev.concurrency.playground.experiment.analysis.HandOff(handOffNsPerOp, drainNanos,
                        new dev.concurrency.playground.strategy.HandOffLatency(10, p50, p99, p99 * 2)));
    }
}
