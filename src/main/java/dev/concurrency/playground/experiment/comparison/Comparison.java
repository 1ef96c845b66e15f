package dev.concurrency.playground.experiment.comparison;

import dev.concurrency.playground.experiment.ExperimentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Two experiments compared run by run, in the manner of Go's benchstat: for each metric a table with a
 * row per pair of runs that measured the same thing, each side's median with its confidence interval,
 * the change, and whether the change is significant once corrected for the number of pairs.
 *
 * @param strategies the strategy of each side when two strategies are compared; absent when runs are
 *     paired by strategy
 * @param alpha the significance level: a change is significant when its adjusted p-value is at most this
 * @param confidenceLevel the level of the medians' confidence intervals
 * @param correction how p-values are adjusted for the many pairs of a table ({@code holm})
 * @param differences where the experiments' environments (and warm-up) differ; empty when they match
 * @param warnings what makes the comparison doubtful or weak, one sentence each
 * @param metrics one table per metric: ns/op, ops/s and the lost-update rate
 * @param unpaired runs of one experiment that the other has no counterpart for
 */
public record Comparison(
        Side baseline,
        Side candidate,
        Strategies strategies,
        double alpha,
        double confidenceLevel,
        String correction,
        List<Difference> differences,
        List<String> warnings,
        List<MetricTable> metrics,
        List<Unpaired> unpaired) {

    public Comparison {
        differences = List.copyOf(differences);
        warnings = List.copyOf(warnings);
        metrics = List.copyOf(metrics);
        unpaired = List.copyOf(unpaired);
    }

    /**
     * One strategy of the baseline compared with one of the candidate (or of the same experiment): runs
     * are then paired by thread count, thread type and workload, and the pairs' keys have no strategy.
     */
    public record Strategies(String baseline, String candidate) {

        public Strategies {
            Objects.requireNonNull(baseline, "baseline");
            Objects.requireNonNull(candidate, "candidate");
        }
    }

    /** Which experiment a side is. */
    public record Side(String id, String name, ExperimentStatus status, Instant finishedAt) {
    }

    /**
     * One way the experiments' conditions differ.
     *
     * @param field where it is in the experiment's JSON ({@code environment.javaVersion},
     *     {@code spec.warmupTrials})
     * @param doubtful whether a difference here can change timings by itself (another JDK, other VM
     *     flags, another CPU), as opposed to being informative (another instance of the service)
     */
    public record Difference(String field, String baseline, String candidate, boolean doubtful) {
    }

    /**
     * One metric's table.
     *
     * @param metric {@code nsPerOp}, {@code opsPerSecond} or {@code lostUpdateRate}, named as in a trial; for
     *     pairs with reads also {@code nsPerRead} and {@code nsPerWrite}, named as in a trial's {@code readsAndWrites}
     * @param unit as benchstat would head the column
     * @param rows one per pair, in the baseline's run order
     * @param geomean the geometric means over the pairs, benchstat's last row; absent without pairs
     */
    public record MetricTable(String metric, String unit, List<Row> rows, Geomean geomean) {

        public MetricTable {
            rows = List.copyOf(rows);
        }
    }

    /**
     * One pair of runs for one metric.
     *
     * @param changePercent the candidate's median over the baseline's, minus one, in percent; absent when
     *     the baseline's median is zero or missing
     * @param pValue from the two-sided Mann-Whitney U test; absent when a side has no values
     * @param adjustedPValue {@code pValue} after the Holm-Bonferroni correction over the table's pairs
     * @param test how the p-value was obtained
     * @param significant whether {@code adjustedPValue <= alpha}
     * @param delta as benchstat prints it: the change with its sign ({@code +12.34%}) when significant,
     *     {@code ~} when not
     * @param note why the row is weak, if it is: too few values to ever reach significance, no values
     */
    public record Row(PairKey pair, MedianSummary baseline, MedianSummary candidate, Double changePercent,
            Double pValue, Double adjustedPValue, MannWhitney.Method test, boolean significant, String delta,
            String note) {
    }

    /**
     * The geometric means of each side's medians over the pairs where both are positive (a geometric mean
     * of zero is undefined), and the change between them.
     *
     * @param pairs how many pairs went into it
     * @param leftOut pairs left out because a median was zero or missing
     */
    public record Geomean(Double baseline, Double candidate, Double changePercent, int pairs, int leftOut) {
    }

    /**
     * A run of one experiment without a counterpart in the other.
     *
     * @param side {@code baseline} or {@code candidate}: where the run is
     */
    public record Unpaired(PairKey pair, String side) {
    }
}
