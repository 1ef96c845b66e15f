package dev.concurrency.playground.experiment.comparison;

import dev.concurrency.playground.experiment.Environment;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Compares two experiments as Go's benchstat compares two sets of benchmark results, and goes a few
 * steps further: p-values are corrected for the number of pairs (Holm-Bonferroni), the environments are
 * compared, and runs without a counterpart are listed rather than dropped.
 *
 * <p>Runs are paired by {@link PairKey}: strategy, thread count, thread type and workload. For every pair
 * and metric the measured trials of each side are one sample; the medians and their intervals come
 * from {@link MedianSummary}, the p-value from {@link MannWhitney}, and within each metric's table the
 * p-values are adjusted with {@link Holm}, because a table of twelve identical pairs tested at 5% each
 * would show a "change" in up to 46% of tables. The family is one table, not all three: ns/op and ops/s
 * are nearly reciprocal, so tripling the family would only cost power without guarding against
 * anything.
 */
public final class Comparisons {

    /** benchstat's significance level. */
    public static final double ALPHA = 0.05;
    /** benchstat's level for the interval of a median. */
    public static final double CONFIDENCE_LEVEL = 0.95;
    public static final String CORRECTION = "holm";

    /** A metric: its name as a trial has it, benchstat's unit, and how to read it from a trial. */
    private record Metric(String name, String unit, Function<TrialResult, Double> value) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("nsPerOp", "ns/op", TrialResult::nsPerOp),
            new Metric("opsPerSecond", "ops/s", TrialResult::opsPerSecond),
            new Metric("lostUpdateRate", "lost/op", TrialResult::lostUpdateRate));

    /**
     * The metrics of runs with reads ({@code readRatio}): a table each only when some pair has them on both
     * sides, and then over those pairs alone, so that a comparison without reads reads exactly as before.
     */
    private static final List<Metric> READ_METRICS = List.of(
            new Metric("nsPerRead", "ns/read", trial -> trial.readsAndWrites() == null ? null : trial.readsAndWrites().nsPerRead()),
            new Metric("nsPerWrite", "ns/write", trial -> trial.readsAndWrites() == null ? null : trial.readsAndWrites().nsPerWrite()));

    /**
     * A field of the environment, its name in the JSON, and what of it, when it differs, can move timings
     * by itself (nothing, for an informative field).
     */
    private record Field(String name, Function<Environment, Object> value, Function<Environment, Object> doubtful) {

        Field(String name, Function<Environment, Object> value, boolean doubtful) {
            this(name, value, doubtful ? value : environment -> null);
        }
    }

    // Doubtful: what changes the code the JIT makes or the hardware it runs on. Informative: which service
    // instance and host ran it, the OS release and the service's own versions: a comparison of two builds of
    // the playground, or of two instances on the same kind of machine, is what one may well want to make.
    private static final List<Field> FIELDS = List.of(
            new Field("javaVersion", Environment::javaVersion, true),
            new Field("javaVendor", Environment::javaVendor, true),
            new Field("vmName", Environment::vmName, true),
            new Field("vmVersion", Environment::vmVersion, true),
            // System properties (-D) configure the service (its port, its store), not the JVM: only the
            // other arguments, the VM's flags, make another set of arguments doubtful.
            new Field("jvmArguments", Environment::jvmArguments, Comparisons::vmFlags),
            new Field("garbageCollectors", Environment::garbageCollectors, true),
            new Field("availableProcessors", Environment::availableProcessors, true),
            new Field("cpuModel", Environment::cpuModel, true),
            new Field("osArch", Environment::osArch, true),
            new Field("osName", Environment::osName, false),
            new Field("osVersion", Environment::osVersion, false),
            new Field("playgroundVersion", Environment::playgroundVersion, false),
            new Field("quarkusVersion", Environment::quarkusVersion, false),
            new Field("instanceId", Environment::instanceId, false),
            new Field("hostName", Environment::hostName, false));

    private Comparisons() {
    }

    /** Compares the runs of two experiments that measured the same strategy, thread count, thread type and workload. */
    public static Comparison compare(Experiment baseline, Experiment candidate) {
        return compare(baseline, candidate, null);
    }

    /**
     * Compares one strategy of the baseline with another of the candidate, or with itself: only the runs
     * of those strategies are taken, and they are paired by thread count, thread type and workload (their
     * keys have no strategy). With one experiment on both sides this compares two of its strategies.
     *
     * @param strategies which strategy of each side; {@code null} to pair runs by strategy, as
     *     {@link #compare(Experiment, Experiment)} does
     */
    public static Comparison compare(Experiment baseline, Experiment candidate, Comparison.Strategies strategies) {
        Map<PairKey, List<TrialResult>> before = trialsByPair(baseline,
                strategies == null ? null : strategies.baseline());
        Map<PairKey, List<TrialResult>> after = trialsByPair(candidate,
                strategies == null ? null : strategies.candidate());
        List<PairKey> paired = before.keySet().stream().filter(after::containsKey).toList();
        List<Comparison.Unpaired> unpaired = new ArrayList<>();
        before.keySet().stream().filter(key -> !after.containsKey(key))
                .forEach(key -> unpaired.add(new Comparison.Unpaired(key, "baseline")));
        after.keySet().stream().filter(key -> !before.containsKey(key))
                .forEach(key -> unpaired.add(new Comparison.Unpaired(key, "candidate")));

        Set<String> warnings = new LinkedHashSet<>();
        List<Comparison.MetricTable> tables = new ArrayList<>();
        for (Metric metric : METRICS) {
            tables.add(table(metric, paired, before, after, warnings));
        }
        for (Metric metric : READ_METRICS) {
            List<PairKey> withValues = paired.stream().filter(key -> values(before.get(key), metric).length > 0
                    && values(after.get(key), metric).length > 0).toList();
            if (!withValues.isEmpty()) {
                tables.add(table(metric, withValues, before, after, warnings));
            }
        }
        List<Comparison.Difference> differences = differences(baseline, candidate);
        List<String> all = new ArrayList<>(preamble(baseline, candidate, strategies, differences, paired, unpaired));
        all.addAll(warnings);
        return new Comparison(side(baseline), side(candidate), strategies, ALPHA, CONFIDENCE_LEVEL, CORRECTION,
                differences, all, tables, unpaired);
    }

    private static Comparison.Side side(Experiment experiment) {
        return new Comparison.Side(experiment.id(), experiment.name(), experiment.status(), experiment.finishedAt());
    }

    /**
     * The measured trials of each run, by what the run measured, in the order the runs ran; with a
     * strategy, only that strategy's runs, keyed without it.
     */
    private static Map<PairKey, List<TrialResult>> trialsByPair(Experiment experiment, String strategy) {
        Map<PairKey, List<TrialResult>> trials = new LinkedHashMap<>();
        for (RunResult run : experiment.runs()) {
            if (strategy != null && !strategy.equals(run.strategy())) {
                continue;
            }
            PairKey key = PairKey.of(run, experiment.spec());
            // A spec lists each strategy and thread count once, so a key has one run; were there two, their
            // trials would be one sample, as they measured the same thing.
            trials.computeIfAbsent(strategy == null ? key : key.withoutStrategy(), k -> new ArrayList<>())
                    .addAll(run.trials());
        }
        return trials;
    }

    private static Comparison.MetricTable table(Metric metric, List<PairKey> paired,
            Map<PairKey, List<TrialResult>> before, Map<PairKey, List<TrialResult>> after, Set<String> warnings) {
        int size = paired.size();
        double[][] xs = new double[size][];
        double[][] ys = new double[size][];
        MannWhitney.Result[] tests = new MannWhitney.Result[size];
        List<Double> testedP = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            xs[i] = values(before.get(paired.get(i)), metric);
            ys[i] = values(after.get(paired.get(i)), metric);
            if (xs[i].length > 0 && ys[i].length > 0) {
                tests[i] = MannWhitney.test(xs[i], ys[i]);
                testedP.add(tests[i].pValue());
            }
        }
        double[] adjusted = Holm.adjust(testedP.stream().mapToDouble(Double::doubleValue).toArray());
        int family = adjusted.length;

        List<Comparison.Row> rows = new ArrayList<>();
        List<Double> geoBefore = new ArrayList<>();
        List<Double> geoAfter = new ArrayList<>();
        int tested = 0;
        boolean anyReachable = false;
        int fewestTrials = Integer.MAX_VALUE;
        boolean withoutInterval = false;
        for (int i = 0; i < size; i++) {
            MedianSummary x = MedianSummary.of(xs[i], CONFIDENCE_LEVEL);
            MedianSummary y = MedianSummary.of(ys[i], CONFIDENCE_LEVEL);
            withoutInterval |= x.n() > 0 && x.low() == null || y.n() > 0 && y.low() == null;
            Double change = change(x.median(), y.median());
            Double p = null;
            Double adjustedP = null;
            MannWhitney.Method test = null;
            String note;
            if (tests[i] == null) {
                note = "no " + metric.name() + " values on the " + (x.n() == 0 ? "baseline" : "candidate")
                        + " side: nothing to test";
            } else {
                p = tests[i].pValue();
                adjustedP = adjusted[tested++];
                test = tests[i].method();
                double reachable = smallestP(x.n(), y.n());
                fewestTrials = Math.min(fewestTrials, Math.min(x.n(), y.n()));
                anyReachable |= reachable * family <= ALPHA;
                note = reachable > ALPHA
                        ? String.format(Locale.ROOT, "with %d and %d values p cannot fall below %.3f, so no change "
                                + "can be significant; it takes at least %d values a side", x.n(), y.n(), reachable,
                                trialsFor(1))
                        : null;
            }
            boolean significant = adjustedP != null && adjustedP <= ALPHA;
            rows.add(new Comparison.Row(paired.get(i), x, y, change, p, adjustedP, test, significant,
                    significant ? delta(change, x.median(), y.median()) : "~", note));
            if (x.median() != null && y.median() != null && x.median() > 0 && y.median() > 0) {
                geoBefore.add(x.median());
                geoAfter.add(y.median());
            }
        }
        if (family > 1 && !anyReachable) {
            warnings.add(String.format(Locale.ROOT, "With %d pairs, Holm's correction needs a p-value of at most %.4f "
                    + "for the first to be significant, and with %d trials a side the smallest possible is %.4f: no "
                    + "change can be significant here. Run at least %d trials a side, or compare fewer runs.",
                    family, ALPHA / family, fewestTrials, smallestP(fewestTrials, fewestTrials), trialsFor(family)));
        }
        if (withoutInterval) {
            warnings.add(String.format(Locale.ROOT, "Medians of fewer than %d values have no %.0f%% confidence "
                    + "interval (even the range of the values covers the median less often than that); they are "
                    + "shown without one.", MedianSummary.valuesNeeded(CONFIDENCE_LEVEL), CONFIDENCE_LEVEL * 100));
        }
        Comparison.Geomean geomean = null;
        if (size > 0) {
            Double b = GeometricMean.of(geoBefore.stream().mapToDouble(Double::doubleValue).toArray());
            Double c = GeometricMean.of(geoAfter.stream().mapToDouble(Double::doubleValue).toArray());
            geomean = new Comparison.Geomean(b, c, change(b, c), geoBefore.size(), size - geoBefore.size());
        }
        return new Comparison.MetricTable(metric.name(), metric.unit(), rows, geomean);
    }

    /** A run's values of a metric: the trials that have it (ns/op and ops/s are absent from empty trials). */
    private static double[] values(List<TrialResult> trials, Metric metric) {
        return trials.stream().map(metric.value()).filter(Objects::nonNull).filter(Double::isFinite)
                .mapToDouble(Double::doubleValue).toArray();
    }

    /** The change from {@code before} to {@code after} in percent; absent when it is undefined. */
    static Double change(Double before, Double after) {
        if (before == null || after == null || before == 0) {
            return null;
        }
        return (after / before - 1) * 100;
    }

    private static String delta(Double change, double before, double after) {
        if (change == null) {
            // From a median of zero: no percentage exists, but the direction does.
            return after > before ? "+Inf%" : after < before ? "-Inf%" : "0.00%";
        }
        return String.format(Locale.ROOT, "%+.2f%%", change);
    }

    /**
     * The smallest two-sided p-value a Mann-Whitney test of {@code n1} and {@code n2} values can give:
     * both samples completely apart, one of the {@code C(n1+n2, n1)} equally likely orders at each end.
     * Three values a side can never reach 0.05 (0.1); four can (0.029). benchstat warns below four.
     */
    static double smallestP(int n1, int n2) {
        double orders = 1;
        for (int i = 1; i <= n1; i++) {
            orders = orders * (n2 + i) / i;
        }
        return Math.min(1.0, 2 / orders);
    }

    /** The fewest trials a side for which the first of {@code family} Holm-adjusted p-values can reach alpha. */
    static int trialsFor(int family) {
        int n = 1;
        while (smallestP(n, n) * family > ALPHA) {
            n++;
        }
        return n;
    }

    /** The conditions that differ between the experiments, environment first. */
    private static List<Comparison.Difference> differences(Experiment baseline, Experiment candidate) {
        List<Comparison.Difference> differences = new ArrayList<>();
        Environment before = baseline.environment();
        Environment after = candidate.environment();
        if (before == null || after == null) {
            if (before != after) {
                differences.add(new Comparison.Difference("environment", before == null ? "not recorded" : "recorded",
                        after == null ? "not recorded" : "recorded", false));
            }
        } else {
            for (Field field : FIELDS) {
                String x = text(field.value().apply(before));
                String y = text(field.value().apply(after));
                if (!Objects.equals(x, y)) {
                    boolean doubtful = !Objects.equals(field.doubtful().apply(before), field.doubtful().apply(after));
                    differences.add(new Comparison.Difference("environment." + field.name(), x, y, doubtful));
                }
            }
        }
        // Warm-up is not part of what a run measured, so it does not split pairs, but a JIT that had less time
        // to compile the loop makes the first measured trials slower.
        int warmBefore = baseline.spec().warmupTrials();
        int warmAfter = candidate.spec().warmupTrials();
        if (warmBefore != warmAfter) {
            differences.add(new Comparison.Difference("spec.warmupTrials", Integer.toString(warmBefore),
                    Integer.toString(warmAfter), true));
        }
        return differences;
    }

    private static Object vmFlags(Environment environment) {
        return environment.jvmArguments().stream().filter(argument -> !argument.startsWith("-D")).toList();
    }

    private static String text(Object value) {
        return switch (value) {
            case null -> null;
            case List<?> list -> String.join(" ", list.stream().map(String::valueOf).toList());
            default -> value.toString();
        };
    }

    /** Warnings about the comparison as a whole, before those of the tables. */
    private static List<String> preamble(Experiment baseline, Experiment candidate, Comparison.Strategies strategies,
            List<Comparison.Difference> differences, List<PairKey> paired, List<Comparison.Unpaired> unpaired) {
        List<String> warnings = new ArrayList<>();
        boolean same = baseline.id().equals(candidate.id());
        if (same && (strategies == null || strategies.baseline().equals(strategies.candidate()))) {
            warnings.add("The baseline and the candidate are the same experiment: every pair compares a sample "
                    + "with itself.");
        }
        for (Experiment experiment : same ? List.of(baseline) : List.of(baseline, candidate)) {
            if (experiment.status() != ExperimentStatus.COMPLETED) {
                warnings.add("The " + (experiment == baseline ? "baseline" : "candidate") + " ended "
                        + experiment.status() + ": only the runs it measured are compared, a run stopped part-way "
                        + "with the trials it has.");
            }
        }
        List<String> doubtful = differences.stream().filter(Comparison.Difference::doubtful)
                .map(Comparison.Difference::field).toList();
        if (!doubtful.isEmpty()) {
            warnings.add("The experiments differ in " + String.join(", ", doubtful) + ": a change may come from "
                    + "that difference alone, so the comparison is doubtful unless that difference is what is being "
                    + "compared. Otherwise compare experiments run on the same JVM, flags and hardware.");
        }
        if (paired.isEmpty()) {
            warnings.add(strategies == null
                    ? "No run of one experiment measured what a run of the other did (same strategy, thread count, "
                            + "thread type and workload): there is nothing to compare."
                    : "No run of " + strategies.baseline() + " in the baseline has the thread count, thread type and "
                            + "workload of a run of " + strategies.candidate() + " in the candidate (or one of them "
                            + "did not run): there is nothing to compare.");
        } else if (!unpaired.isEmpty()) {
            warnings.add(unpaired.size() + (unpaired.size() == 1 ? " run has" : " runs have")
                    + " no counterpart in the other experiment; they are listed under unpaired.");
        }
        return warnings;
    }
}
