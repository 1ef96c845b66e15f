package dev.concurrency.playground.experiment.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.Environment;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.Progress;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.ReadsAndWrites;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * Comparisons of synthetic experiments whose answer is known by construction: samples drawn from one
 * distribution (an A/A comparison) must rarely be called changed, samples a factor of two apart must
 * always be; pairs, unpaired runs, environments and the geometric mean are checked against figures
 * chosen by hand. The random draws are seeded, so every run of the test sees the same samples.
 */
class ComparisonsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final List<String> STRATEGIES = List.of("synchronized", "reentrant-lock", "atomic", "long-adder");
    private static final List<Integer> THREADS = List.of(1, 2, 4);

    @Test
    void anIdenticalRerunIsReportedUnchangedForAtLeastNinetyFivePercentOfPairs() {
        // Twelve pairs of ten trials a side, both drawn from one log-normal distribution per pair (a spread of
        // 20%, like a noisy machine's), five hundred times.
        Random random = new Random(12);
        int pairs = 0;
        int significant = 0;
        int rawSignificant = 0;
        for (int repetition = 0; repetition < 500; repetition++) {
            DoubleSupplier noise = () -> Math.exp(0.2 * random.nextGaussian());
            Comparison comparison = Comparisons.compare(experiment("a", 10, 1, noise), experiment("b", 10, 1, noise));
            for (Comparison.Row row : comparison.metrics().getFirst().rows()) {
                pairs++;
                significant += row.significant() ? 1 : 0;
                rawSignificant += row.pValue() <= Comparisons.ALPHA ? 1 : 0;
            }
        }
        assertEquals(6_000, pairs);
        // The U test alone holds its level per pair: about 5% of identical pairs fall below 0.05 (exactly
        // 4.33% for 10+10, the distribution being discrete). Holm holds it for the whole table.
        assertTrue(rawSignificant <= 0.05 * pairs, rawSignificant + " of " + pairs + " below 0.05 before correction");
        assertTrue(significant <= 0.05 * pairs, significant + " of " + pairs + " significant");
        assertTrue(significant < rawSignificant, "Holm's correction rejects less than the uncorrected tests");
    }

    @Test
    void aFactorOfTwoAtFiveTrialsASideIsAlwaysSignificant() {
        // One strategy at one thread count, candidate twice as slow, with up to +-30% noise on every trial.
        Random random = new Random(2);
        DoubleSupplier noise = () -> 0.7 + 0.6 * random.nextDouble();
        for (int repetition = 0; repetition < 1_000; repetition++) {
            Experiment baseline = experiment("a", List.of("atomic"), List.of(2), 5, 1, noise, 0);
            Experiment candidate = experiment("b", List.of("atomic"), List.of(2), 5, 2, noise, 0);
            Comparison.Row row = Comparisons.compare(baseline, candidate).metrics().getFirst().rows().getFirst();
            assertTrue(row.significant(), "repetition " + repetition + ": " + row);
            assertEquals(2.0 / 252, row.pValue(), 1e-12, "completely apart: one order in 252 at each end");
            assertTrue(row.delta().startsWith("+"), row.delta());
        }
    }

    @Test
    void twoStrategiesOfOneExperimentAFactorOfTwoApartAtFiveTrialsAreAlwaysSignificant() {
        // synchronized at 1, 2 and 4 threads costs twice what atomic does, +-30% noise: three pairs, so Holm needs
        // 0.05/3 = 0.0167 for the first, and 5+5 completely apart gives 2/252 = 0.0079.
        Random random = new Random(4);
        DoubleSupplier noise = () -> 0.7 + 0.6 * random.nextDouble();
        for (int repetition = 0; repetition < 200; repetition++) {
            List<RunResult> runs = new ArrayList<>();
            for (int threads : THREADS) {
                runs.add(run("atomic", threads, 5, 10 * threads, 0, noise));
            }
            for (int threads : THREADS) {
                runs.add(run("synchronized", threads, 5, 20 * threads, 0, noise));
            }
            Experiment experiment = withRuns("one", runs);
            Comparison comparison = Comparisons.compare(experiment, experiment,
                    new Comparison.Strategies("atomic", "synchronized"));
            Comparison.MetricTable nsPerOp = comparison.metrics().getFirst();
            assertEquals(List.of("1/platform/100ms", "2/platform/100ms", "4/platform/100ms"),
                    nsPerOp.rows().stream().map(row -> row.pair().label()).toList());
            nsPerOp.rows().forEach(row -> assertTrue(row.significant() && row.delta().startsWith("+"), row.toString()));
            assertTrue(comparison.warnings().stream().noneMatch(w -> w.contains("same experiment")),
                    "two strategies of one experiment are not a sample compared with itself");
            assertEquals(List.of(), comparison.unpaired(), "runs of other strategies are not asked for");
        }
    }

    @Test
    void aFactorOfTwoOverTwelvePairsIsSignificantEverywhereWithTenTrials() {
        Random random = new Random(3);
        DoubleSupplier noise = () -> 0.7 + 0.6 * random.nextDouble();
        Comparison comparison = Comparisons.compare(experiment("a", 10, 1, noise), experiment("b", 10, 2, noise));
        Comparison.MetricTable nsPerOp = comparison.metrics().getFirst();
        assertEquals(12, nsPerOp.rows().size());
        nsPerOp.rows().forEach(row -> assertTrue(row.significant(), row.toString()));
        Comparison.MetricTable opsPerSecond = comparison.metrics().get(1);
        opsPerSecond.rows().forEach(row -> assertTrue(row.delta().startsWith("-"), "throughput halves: " + row));
    }

    @Test
    void withFiveTrialsOverTwelvePairsNoChangeCanSurviveHolmAndTheComparisonSaysSo() {
        // Smallest p of 5+5 is 2/252 = 0.0079; the first of 12 Holm-adjusted values needs 0.05/12 = 0.0042.
        DoubleSupplier none = () -> 1.0;
        Comparison comparison = Comparisons.compare(experiment("a", 5, 1, none), experiment("b", 5, 2, none));
        comparison.metrics().getFirst().rows().forEach(row -> {
            assertEquals(2.0 / 252, row.pValue(), 1e-12);
            assertEquals(Math.min(1, 12 * 2.0 / 252), row.adjustedPValue(), 1e-12);
            assertFalse(row.significant());
            assertEquals("~", row.delta());
        });
        // 12 pairs: 2 / C(2n, n) <= 0.05 / 12 first holds at n = 6 (2/924 = 0.0022).
        assertTrue(comparison.warnings().stream().anyMatch(w -> w.contains("no change can be significant")
                && w.contains("at least 6 trials")), comparison.warnings().toString());
        assertTrue(comparison.warnings().stream().anyMatch(w -> w.contains("no 95% confidence interval")),
                "five values have no interval: " + comparison.warnings());
    }

    @Test
    void fewerThanFourTrialsASideAreNotedOnEveryRow() {
        DoubleSupplier none = () -> 1.0;
        Comparison.Row row = Comparisons.compare(experiment("a", List.of("atomic"), List.of(2), 3, 1, none, 0),
                experiment("b", List.of("atomic"), List.of(2), 3, 2, none, 0)).metrics().getFirst().rows().getFirst();
        assertEquals(0.1, row.pValue(), 1e-12);
        assertFalse(row.significant());
        assertTrue(row.note().contains("cannot fall below 0.100") && row.note().contains("at least 4 values"), row.note());
    }

    @Test
    void anExperimentComparedWithItselfChangesNothing() {
        Experiment experiment = experiment("a", 5, 1, new Random(5)::nextDouble);
        Comparison comparison = Comparisons.compare(experiment, experiment);
        for (Comparison.MetricTable table : comparison.metrics()) {
            for (Comparison.Row row : table.rows()) {
                assertEquals(1.0, row.pValue(), 1e-12, table.metric() + " " + row.pair().label());
                assertEquals(1.0, row.adjustedPValue(), 1e-12);
                assertEquals("~", row.delta());
                if (table.metric().equals("lostUpdateRate")) {
                    assertNull(row.changePercent(), "nothing lost on either side: no percentage of zero");
                } else {
                    assertEquals(0.0, row.changePercent(), 1e-12);
                }
            }
        }
        assertTrue(comparison.warnings().getFirst().contains("same experiment"), comparison.warnings().toString());
        assertEquals(List.of(), comparison.differences());
        assertEquals(List.of(), comparison.unpaired());
    }

    @Test
    void noLostUpdatesOnEitherSideIsNoChangeAndHasNoPercentage() {
        DoubleSupplier none = () -> 1.0;
        Comparison comparison = Comparisons.compare(experiment("a", 5, 1, none), experiment("b", 5, 1, none));
        Comparison.MetricTable lost = comparison.metrics().get(2);
        assertEquals("lostUpdateRate", lost.metric());
        Comparison.Row row = lost.rows().getFirst();
        assertEquals(0.0, row.baseline().median());
        assertEquals(1.0, row.pValue(), 1e-12, "every value is zero: all ties");
        assertNull(row.changePercent(), "no percentage of zero");
        assertEquals(0, lost.geomean().pairs(), "a geometric mean of zeros is undefined");
        assertEquals(12, lost.geomean().leftOut());
        assertNull(lost.geomean().baseline());
    }

    @Test
    void lostUpdatesFromNoneToSomeAreAChangeWithoutAPercentage() {
        DoubleSupplier none = () -> 1.0;
        Experiment baseline = experiment("a", List.of("unsynchronized"), List.of(2), 10, 1, none, 0);
        Experiment candidate = experiment("b", List.of("unsynchronized"), List.of(2), 10, 1, none, 0.25);
        Comparison.Row row = Comparisons.compare(baseline, candidate).metrics().get(2).rows().getFirst();
        assertEquals(0.25, row.candidate().median(), 1e-12);
        assertTrue(row.significant(), row.toString());
        assertNull(row.changePercent());
        assertEquals("+Inf%", row.delta());
    }

    @Test
    void theGeometricMeanRowWeighsEveryPairAlike() {
        // Pair 1: 100 -> 200 ns/op; pair 2: 400 -> 200. Geometric means: sqrt(100 * 400) = 200 and 200: no change,
        // where arithmetic means (250 -> 200) would claim -20%.
        Experiment baseline = withRuns("a", List.of(run("atomic", 1, 5, 100, 0), run("atomic", 2, 5, 400, 0)));
        Experiment candidate = withRuns("b", List.of(run("atomic", 1, 5, 200, 0), run("atomic", 2, 5, 200, 0)));
        Comparison.Geomean geomean = Comparisons.compare(baseline, candidate).metrics().getFirst().geomean();
        assertEquals(200.0, geomean.baseline(), 1e-9);
        assertEquals(200.0, geomean.candidate(), 1e-9);
        assertEquals(0.0, geomean.changePercent(), 1e-9);
        assertEquals(2, geomean.pairs());
    }

    @Test
    void runsOnOneSideOnlyAreListed() {
        DoubleSupplier none = () -> 1.0;
        Experiment baseline = experiment("a", List.of("atomic", "synchronized"), List.of(1, 2), 5, 1, none, 0);
        Experiment candidate = experiment("b", List.of("atomic", "long-adder"), List.of(2, 4), 5, 1, none, 0);
        Comparison comparison = Comparisons.compare(baseline, candidate);
        assertEquals(List.of("atomic/2/platform/100ms"),
                comparison.metrics().getFirst().rows().stream().map(row -> row.pair().label()).toList());
        assertEquals(List.of("baseline atomic/1/platform/100ms", "baseline synchronized/1/platform/100ms",
                        "baseline synchronized/2/platform/100ms", "candidate atomic/4/platform/100ms",
                        "candidate long-adder/2/platform/100ms", "candidate long-adder/4/platform/100ms"),
                comparison.unpaired().stream().map(u -> u.side() + " " + u.pair().label()).toList());
        assertTrue(comparison.warnings().stream().anyMatch(w -> w.startsWith("6 runs have no counterpart")),
                comparison.warnings().toString());
    }

    @Test
    void anotherWorkloadPairsNothing() {
        Experiment baseline = experiment("a", 5, 1, () -> 1.0);
        Experiment other = withSpec(experiment("b", 5, 1, () -> 1.0), 200L);
        Comparison comparison = Comparisons.compare(baseline, other);
        assertEquals(24, comparison.unpaired().size());
        assertTrue(comparison.metrics().getFirst().rows().isEmpty());
        assertNull(comparison.metrics().getFirst().geomean());
        assertTrue(comparison.warnings().stream().anyMatch(w -> w.contains("nothing to compare")),
                comparison.warnings().toString());
    }

    @Test
    void environmentDifferencesAreListedAndTheDoubtfulOnesWarnedAbout() {
        Experiment baseline = experiment("a", 5, 1, () -> 1.0);
        Experiment sameMachineOtherInstance = withEnvironment(experiment("b", 5, 1, () -> 1.0),
                environment("25.0.3", List.of(), 2, "other-instance"));
        Comparison informative = Comparisons.compare(baseline, sameMachineOtherInstance);
        assertEquals(List.of(new Comparison.Difference("environment.instanceId", "0000aaaa", "other-instance", false)),
                informative.differences());
        assertTrue(informative.warnings().stream().noneMatch(w -> w.contains("doubtful")), informative.warnings().toString());

        Experiment otherJvm = withEnvironment(experiment("c", 5, 1, () -> 1.0),
                environment("21.0.8", List.of("-Xmx64m"), 4, "0000aaaa"));
        Comparison doubtful = Comparisons.compare(baseline, otherJvm);
        assertEquals(List.of("environment.javaVersion 25.0.3 -> 21.0.8", "environment.jvmArguments  -> -Xmx64m",
                        "environment.availableProcessors 2 -> 4"),
                doubtful.differences().stream().map(d -> d.field() + " " + d.baseline() + " -> " + d.candidate()).toList());
        assertTrue(doubtful.differences().stream().allMatch(Comparison.Difference::doubtful));
        assertTrue(doubtful.warnings().stream().anyMatch(w -> w.contains("environment.javaVersion, "
                + "environment.jvmArguments, environment.availableProcessors") && w.contains("doubtful")),
                doubtful.warnings().toString());
    }

    @Test
    void systemPropertiesAreInformativeAndVmFlagsDoubtful() {
        Experiment baseline = withEnvironment(experiment("a", 5, 1, () -> 1.0),
                environment("25.0.3", List.of("-Dquarkus.http.port=8080"), 2, "0000aaaa"));
        Experiment otherPort = withEnvironment(experiment("b", 5, 1, () -> 1.0),
                environment("25.0.3", List.of("-Dquarkus.http.port=0"), 2, "0000aaaa"));
        assertEquals(List.of(new Comparison.Difference("environment.jvmArguments", "-Dquarkus.http.port=8080",
                "-Dquarkus.http.port=0", false)), Comparisons.compare(baseline, otherPort).differences());
        Experiment otherCompiler = withEnvironment(experiment("c", 5, 1, () -> 1.0),
                environment("25.0.3", List.of("-XX:TieredStopAtLevel=1", "-Dquarkus.http.port=8080"), 2, "0000aaaa"));
        assertTrue(Comparisons.compare(baseline, otherCompiler).differences().getFirst().doubtful());
    }

    @Test
    void anExperimentThatDidNotCompleteIsComparedWithAWarning() {
        Experiment cancelled = experiment("a", 5, 1, () -> 1.0);
        cancelled = cancelled.finished(ExperimentStatus.CANCELLED, T0.plusSeconds(5), "cancelled");
        Comparison comparison = Comparisons.compare(cancelled, experiment("b", 5, 1, () -> 1.0));
        assertTrue(comparison.warnings().stream().anyMatch(w -> w.startsWith("The baseline ended CANCELLED")),
                comparison.warnings().toString());
    }

    // Fixtures.

    /** Every strategy of {@link #STRATEGIES} at every thread count of {@link #THREADS}. */
    /**
     * Runs with reads are compared on their reads and their writes too, each a table of the pairs that have
     * them on both sides; a comparison without reads has the three tables it always had.
     */
    @Test
    void readsAndWritesAreComparedApartForThePairsThatHaveThem() {
        assertEquals(List.of("nsPerOp", "opsPerSecond", "lostUpdateRate"), Comparisons.compare(experiment("a", 5, 1, () -> 1.0),
                experiment("b", 5, 1, () -> 1.0)).metrics().stream().map(Comparison.MetricTable::metric).toList());

        // Reads twice as dear in the candidate, writes unchanged; "atomic" has no reads on the candidate side.
        Comparison comparison = Comparisons.compare(
                withRuns("a", List.of(reading("stamped-lock", 5, 2.0, 40.0), reading("synchronized", 5, 20.0, 20.0),
                        run("atomic", 2, 5, 8.0, 0))),
                withRuns("b", List.of(reading("stamped-lock", 5, 4.0, 40.0), reading("synchronized", 5, 20.0, 20.0),
                        run("atomic", 2, 5, 8.0, 0))));
        Comparison.MetricTable reads = comparison.metrics().stream().filter(t -> t.metric().equals("nsPerRead")).findFirst()
                .orElseThrow();
        assertEquals("ns/read", reads.unit());
        assertEquals(List.of("stamped-lock", "synchronized"), reads.rows().stream().map(row -> row.pair().strategy()).toList());
        Comparison.Row stamped = reads.rows().getFirst();
        assertEquals(2.006, stamped.baseline().median(), 1e-9, "the median of 2 × (1.001 … 1.005)");
        assertEquals(4.012, stamped.candidate().median(), 1e-9);
        assertEquals(100.0, stamped.changePercent(), 1e-9);
        assertTrue(stamped.significant(), "five reads a side, all twice as dear");
        assertFalse(reads.rows().get(1).significant(), "synchronized reads did not change");
        Comparison.MetricTable writes = comparison.metrics().stream().filter(t -> t.metric().equals("nsPerWrite")).findFirst()
                .orElseThrow();
        assertTrue(writes.rows().stream().noneMatch(Comparison.Row::significant), "writes did not change");
    }

    /** A run of two threads at 90 % reads whose trials cost {@code nsPerRead} a read and {@code nsPerWrite} a write, with a little spread. */
    private static RunResult reading(String strategy, int trials, double nsPerRead, double nsPerWrite) {
        List<TrialResult> results = new ArrayList<>();
        for (int t = 1; t <= trials; t++) {
            double spread = 1 + t * 0.001;
            TrialResult plain = trial(t, 2, 0.9 * nsPerRead + 0.1 * nsPerWrite, 0);
            ReadsAndWrites split = new ReadsAndWrites(9 * plain.expectedCount(), plain.expectedCount(), nsPerRead * spread,
                    nsPerWrite * spread, null, null, null);
            results.add(new TrialResult(plain.trial(), plain.expectedCount(), plain.actualCount(), plain.lostUpdates(),
                    plain.durationNanos(), plain.nsPerOp(), plain.opsPerSecond(), plain.overlap(), plain.minThreadNanos(),
                    plain.maxThreadNanos(), plain.parallelism(), null, null, null, null, null, split));
        }
        return RunResult.of(strategy, 2, ThreadType.PLATFORM, true, true, 2, results);
    }

    private static Experiment experiment(String id, int trials, double factor, DoubleSupplier noise) {
        return experiment(id, STRATEGIES, THREADS, trials, factor, noise, 0);
    }

    /**
     * An experiment whose every run has {@code trials} trials of {@code factor * 10 * (index + 1) * noise}
     * ns/op, each run its own scale, and the given share of its increments lost.
     */
    private static Experiment experiment(String id, List<String> strategies, List<Integer> threads, int trials,
            double factor, DoubleSupplier noise, double lostRate) {
        List<RunResult> runs = new ArrayList<>();
        int index = 0;
        for (String strategy : strategies) {
            for (int count : threads) {
                index++;
                List<TrialResult> results = new ArrayList<>();
                for (int t = 1; t <= trials; t++) {
                    results.add(trial(t, count, factor * 10 * index * noise.getAsDouble(), lostRate));
                }
                runs.add(RunResult.of(strategy, count, ThreadType.PLATFORM, true, true, 2, results));
            }
        }
        return new Experiment(id, id, ExperimentStatus.COMPLETED, T0, T0, T0.plusSeconds(1),
                spec(strategies, threads, trials, 100L), new Progress(runs.size(), runs.size()),
                environment("25.0.3", List.of(), 2, "0000aaaa"), runs, null);
    }

    private static Experiment withRuns(String id, List<RunResult> runs) {
        return new Experiment(id, id, ExperimentStatus.COMPLETED, T0, T0, T0.plusSeconds(1),
                spec(List.of("atomic"), List.of(1, 2), 5, 100L), new Progress(runs.size(), runs.size()),
                environment("25.0.3", List.of(), 2, "0000aaaa"), runs, null);
    }

    private static RunResult run(String strategy, int threads, int trials, double nsPerOp, double lostRate) {
        return run(strategy, threads, trials, nsPerOp, lostRate, () -> 1.0);
    }

    /** A run whose trials cost {@code nsPerOp} times the noise each. */
    private static RunResult run(String strategy, int threads, int trials, double nsPerOp, double lostRate,
            DoubleSupplier noise) {
        List<TrialResult> results = new ArrayList<>();
        for (int t = 1; t <= trials; t++) {
            results.add(trial(t, threads, nsPerOp * noise.getAsDouble(), lostRate));
        }
        return RunResult.of(strategy, threads, ThreadType.PLATFORM, true, true, 2, results);
    }

    /** A trial of 100 ms with the given cost per increment; its throughput follows from it. */
    private static TrialResult trial(int trial, int threads, double nsPerOp, double lostRate) {
        long duration = 100_000_000L;
        long expected = Math.round(duration * threads / nsPerOp);
        long lost = Math.round(expected * lostRate);
        return new TrialResult(trial, expected, expected - lost, lost, duration, nsPerOp,
                threads * 1e9 / nsPerOp, 1.0, duration, duration, (double) threads, null, null, null, null);
    }

    private static ExperimentSpec spec(List<String> strategies, List<Integer> threads, int trials, Long durationMillis) {
        return new ExperimentSpec(null, strategies, threads, ThreadType.PLATFORM, null, durationMillis, trials, 1);
    }

    private static Experiment withSpec(Experiment e, Long durationMillis) {
        return new Experiment(e.id(), e.name(), e.status(), e.submittedAt(), e.startedAt(), e.finishedAt(),
                spec(e.spec().strategies(), e.spec().threadCounts(), e.spec().trials(), durationMillis), e.progress(),
                e.environment(), e.runs(), e.statusReason());
    }

    private static Experiment withEnvironment(Experiment e, Environment environment) {
        return new Experiment(e.id(), e.name(), e.status(), e.submittedAt(), e.startedAt(), e.finishedAt(), e.spec(),
                e.progress(), environment, e.runs(), e.statusReason());
    }

    private static Environment environment(String javaVersion, List<String> flags, int processors, String instance) {
        return new Environment(javaVersion, "Eclipse Adoptium", "OpenJDK 64-Bit Server VM", "Eclipse Adoptium",
                "25.0.3+9-LTS", flags, List.of("G1 Young Generation"), processors, "AMD EPYC", "Linux", "6.8",
                "amd64", "0.1.0-SNAPSHOT", "3.33.2", instance, "test-host");
    }
}
