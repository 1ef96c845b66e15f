package dev.concurrency.playground.api.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JMH export without HTTP: each figure against a value computed here from the trials, in the shape
 * and with the number formats JMH's {@code -rf json} uses.
 */
class JmhFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void percentilesAreJmhsMinimumAndCommonsMathLegacyEstimates() {
        // Legacy estimation: position p(n+1)/100, interpolated; the minimum for 0 and the maximum beyond n.
        JmhMetric metric = JmhMetric.of(new double[] {40, 10, 30, 20}, "ns/op");
        assertEquals(10.0, metric.scorePercentiles().get("0.0"));
        assertEquals(25.0, metric.scorePercentiles().get("50.0"));
        assertEquals(40.0, metric.scorePercentiles().get("90.0"));
        assertEquals(40.0, metric.scorePercentiles().get("100.0"));
        assertEquals(JmhMetric.PERCENTILES.stream().map(String::valueOf).toList(),
                List.copyOf(metric.scorePercentiles().keySet()), "JMH's keys, in JMH's order");
        assertEquals(25.0, metric.score(), 1e-12);
        assertEquals(List.of(List.of(40.0, 10.0, 30.0, 20.0)), metric.rawData(), "one fork, trials in order");
        // Student's t for 3 degrees of freedom at 99.95 %: 12.924 (a printed table); sd of 10..40 is 12.910.
        double error = 12.924 * Math.sqrt(500.0 / 3) / 2;
        assertEquals(error, metric.scoreError(), error * 1e-4);
        assertEquals(25.0 - metric.scoreError(), metric.scoreConfidence().get(0), 1e-9);
        assertEquals(25.0 + metric.scoreError(), metric.scoreConfidence().get(1), 1e-9);
        assertEquals("ns/op", metric.scoreUnit());
    }

    @Test
    void withoutTrialsOrSpreadTheUndefinedFiguresAreNaNWrittenAsJmhWritesThem() throws Exception {
        JmhMetric none = JmhMetric.of(new double[0], null, "ns/op");
        JsonNode json = JSON.valueToTree(none);
        assertEquals("NaN", json.get("score").asText());
        assertTrue(json.get("score").isTextual());
        assertEquals("NaN", json.get("scoreError").asText());
        assertEquals("NaN", json.get("scoreConfidence").get(0).asText());
        assertEquals("NaN", json.get("scorePercentiles").get("50.0").asText());

        JmhMetric one = JmhMetric.of(new double[] {7.5}, "ns/op");
        JsonNode single = JSON.valueToTree(one);
        assertEquals(7.5, single.get("score").asDouble());
        assertTrue(single.get("score").isNumber());
        assertEquals("NaN", single.get("scoreError").asText(), "one trial has no spread");
        assertEquals(7.5, single.get("scorePercentiles").get("0.0").asDouble());
        assertEquals(7.5, single.get("scorePercentiles").get("100.0").asDouble());
    }

    @Test
    void infinitiesAreWrittenAsJmhWritesThem() throws Exception {
        JmhMetric metric = new JmhMetric(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, List.of(1.0, 2.0),
                java.util.Map.of("0.0", Double.NaN), "x", List.of(List.of(1.0)));
        JsonNode json = JSON.valueToTree(metric);
        assertEquals("+INF", json.get("score").asText());
        assertEquals("-INF", json.get("scoreError").asText());
        assertEquals(1.0, json.get("scoreConfidence").get(0).asDouble());
        assertEquals("NaN", json.get("scorePercentiles").get("0.0").asText());
    }

    @Test
    void eachRunBecomesOneJmhResultWithItsOwnFigures() {
        Experiment experiment = ExperimentFixtures.completed("sweep");
        List<JmhResult> results = JmhResult.of(experiment);
        // The fixture's one-trial volatile run has fewer trials than the spec asks: not a JMH result.
        List<RunResult> whole = experiment.runs().stream()
                .filter(run -> run.trials().size() == experiment.spec().trials()).toList();
        assertEquals(List.of("unsynchronized", "cas-loop"), whole.stream().map(RunResult::strategy).toList());
        assertEquals(whole.size(), results.size());
        for (int i = 0; i < results.size(); i++) {
            RunResult run = whole.get(i);
            JmhResult result = results.get(i);
            assertEquals("dev.concurrency.playground." + run.strategy(), result.benchmark());
            assertEquals("avgt", result.mode());
            assertEquals(run.threads(), result.threads());
            assertEquals(1, result.forks());
            assertEquals(experiment.spec().trials(), result.measurementIterations());
            assertEquals(experiment.spec().warmupTrials(), result.warmupIterations());
            assertEquals(experiment.environment().javaVersion(), result.jdkVersion());
            assertEquals(experiment.environment().vmName(), result.jvm());
            assertEquals(run.threadType().id(), result.params().get("threadType"));
            assertEquals(String.valueOf(experiment.spec().durationMillis()), result.params().get("durationMillis"));
            assertEquals(experiment.spec().durationMillis() + " ms", result.measurementTime());

            double[] nsPerOp = run.trials().stream().mapToDouble(TrialResult::nsPerOp).toArray();
            double mean = java.util.Arrays.stream(nsPerOp).average().orElseThrow();
            assertEquals(mean, result.primaryMetric().score(), mean * 1e-12);
            assertEquals("ns/op", result.primaryMetric().scoreUnit());

            JmhMetric lost = result.secondaryMetrics().get("lostUpdates");
            double lostMean = run.trials().stream().mapToLong(TrialResult::lostUpdates).average().orElseThrow();
            assertEquals(lostMean, lost.score(), 1e-9);
            JmhMetric rate = result.secondaryMetrics().get("lostUpdateRate");
            double rateMean = run.trials().stream()
                    .mapToDouble(t -> (double) (t.expectedCount() - t.actualCount()) / t.expectedCount()).average().orElseThrow();
            assertEquals(rateMean, rate.score(), 1e-12, "lost over expected, counted here from the counts");
            boolean reportsCas = run.trials().stream().anyMatch(t -> t.casFailures() != null);
            assertEquals(reportsCas, result.secondaryMetrics().containsKey("casFailures"), run.strategy());
            if (reportsCas) {
                double cas = run.trials().stream().mapToLong(TrialResult::casFailures).average().orElseThrow();
                assertEquals(cas, result.secondaryMetrics().get("casFailures").score(), 1e-9);
            }
        }
        assertFalse(results.getFirst().secondaryMetrics().containsKey("casFailures"));
    }

    @Test
    void withoutAnEnvironmentTheJvmIsUnknownRatherThanMissing() {
        Experiment e = ExperimentFixtures.completed("no-env");
        Experiment bare = new Experiment(e.id(), e.name(), e.status(), e.submittedAt(), e.startedAt(), e.finishedAt(),
                e.spec(), e.progress(), null, e.runs(), e.statusReason());
        JmhResult result = JmhResult.of(bare).getFirst();
        assertEquals(List.of("unknown", "unknown", "unknown", "unknown"),
                List.of(result.jvm(), result.vmName(), result.jdkVersion(), result.vmVersion()));
        assertEquals(List.of(), result.jvmArgs());
        JmhResult full = JmhResult.of(e).getFirst();
        assertEquals(e.environment().vmVersion(), full.vmVersion());
        assertEquals(e.environment().jvmArguments(), full.jvmArgs());
    }

    @Test
    void fixedWorkIsDescribedByItsIncrements() {
        Experiment timed = ExperimentFixtures.completed("work");
        var spec = timed.spec();
        var workSpec = new dev.concurrency.playground.experiment.ExperimentSpec(spec.name(), spec.strategies(),
                spec.threadCounts(), spec.threadType(), 5_000L, null, spec.trials(), spec.warmupTrials());
        Experiment work = new Experiment(timed.id(), timed.name(), timed.status(), timed.submittedAt(), timed.startedAt(),
                timed.finishedAt(), workSpec, timed.progress(), timed.environment(), timed.runs(), timed.statusReason());
        JmhResult result = JmhResult.of(work).getFirst();
        assertEquals("5000", result.params().get("incrementsPerThread"));
        assertFalse(result.params().containsKey("durationMillis"));
        assertEquals("5000 increments per thread", result.measurementTime());

        // With reads, fixed work counts operations, reads among them; a share of 0 reads nothing.
        List<dev.concurrency.playground.experiment.RunResult> runs = work.runs();
        Experiment reading = new Experiment(work.id(), work.name(), work.status(), work.submittedAt(), work.startedAt(),
                work.finishedAt(), workSpec, work.progress(), work.environment(),
                List.of(runs.get(0).withParams(new dev.concurrency.playground.experiment.RunParams(0, 0, 0.9)),
                        runs.get(1).withParams(new dev.concurrency.playground.experiment.RunParams(0, 0, 0.0))),
                work.statusReason());
        assertEquals(List.of("5000 operations per thread", "5000 increments per thread"),
                JmhResult.of(reading).stream().map(JmhResult::measurementTime).toList());
    }
}
