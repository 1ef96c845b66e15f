package dev.concurrency.playground.api.format;

import dev.concurrency.playground.experiment.comparison.Comparison;
import dev.concurrency.playground.experiment.comparison.MedianSummary;
import dev.concurrency.playground.experiment.comparison.PairKey;
import java.util.List;

/**
 * A comparison as RFC 4180 CSV, for spreadsheets and scripts: what {@code text/plain} shows, at full
 * precision, one figure per column.
 *
 * <p>One row per pair and metric ({@code kind} {@code pair}), a {@code geomean} row after each metric's
 * pairs, and a row per run without a counterpart ({@code kind} {@code baseline-only} or
 * {@code candidate-only}, with only the run's identity filled in). The columns:
 * <dl>
 *   <dt>{@code baselineId}, {@code candidateId}</dt>
 *   <dd>the experiments, on every row, so that the files of several comparisons can be concatenated;</dd>
 *   <dt>{@code baselineStrategy}, {@code candidateStrategy}</dt>
 *   <dd>when two strategies are compared, which (and {@code strategy} is empty); empty otherwise;</dd>
 *   <dt>{@code kind}, {@code metric}, {@code unit}</dt>
 *   <dd>what the row is, and {@code nsPerOp}, {@code opsPerSecond} or {@code lostUpdateRate} with its unit;</dd>
 *   <dt>{@code strategy}, {@code threads}, {@code threadType}, {@code incrementsPerThread},
 *       {@code durationMillis}</dt>
 *   <dd>what the runs measured (empty on a {@code geomean} row); one of the last two is empty;</dd>
 *   <dt>{@code workInside}, {@code workOutside}, {@code readRatio}</dt>
 *   <dd>the pair's workload parameters, work in tokens and the share of reads; empty for runs without any
 *       ({@code readRatio} also for runs without a read share);</dd>
 *   <dt>{@code blockInsideMicros}, {@code blockOutsideMicros}</dt>
 *   <dd>the pair's blocking, in microseconds; empty for runs without any;</dd>
 *   <dt>{@code baselineN}, {@code baselineMedian}, {@code baselineLow}, {@code baselineHigh} and the same for
 *       {@code candidate}</dt>
 *   <dd>trials, median and the ends of its confidence interval (empty with too few trials); on a
 *       {@code geomean} row the geometric mean of the medians and, as N, the pairs it is taken over;</dd>
 *   <dt>{@code changePercent}, {@code pValue}, {@code adjustedPValue}, {@code test}, {@code significant},
 *       {@code delta}</dt>
 *   <dd>the change of the median in percent, the Mann-Whitney p-value, Holm's adjustment of it, the way it
 *       was computed ({@code EXACT} or {@code NORMAL_APPROXIMATION}), whether it is significant, and the
 *       change as benchstat prints it ({@code ~} when not significant; being text, a signed change is
 *       written {@code '+12.34%}, protected as {@link Csv} protects every text cell that starts with a sign,
 *       while {@code changePercent} holds the number);</dd>
 *   <dt>{@code note}</dt>
 *   <dd>why the row is weak, if it is.</dd>
 * </dl>
 * The warnings and environment differences are in the JSON and text representations; a CSV row is a
 * figure.
 */
public final class ComparisonCsv {

    static final List<String> COLUMNS = List.of("baselineId", "candidateId", "baselineStrategy",
            "candidateStrategy", "kind", "metric", "unit", "strategy",
            "threads", "threadType", "incrementsPerThread", "durationMillis", "workInside", "workOutside", "readRatio", "blockInsideMicros", "blockOutsideMicros", "baselineN", "baselineMedian",
            "baselineLow", "baselineHigh", "candidateN", "candidateMedian", "candidateLow", "candidateHigh",
            "changePercent", "pValue", "adjustedPValue", "test", "significant", "delta", "note");

    private ComparisonCsv() {
    }

    public static String of(Comparison comparison) {
        Csv csv = Csv.withHeader(COLUMNS);
        String baseline = comparison.baseline().id();
        String candidate = comparison.candidate().id();
        String baselineStrategy = comparison.strategies() == null ? null : comparison.strategies().baseline();
        String candidateStrategy = comparison.strategies() == null ? null : comparison.strategies().candidate();
        for (Comparison.MetricTable table : comparison.metrics()) {
            for (Comparison.Row row : table.rows()) {
                PairKey pair = row.pair();
                MedianSummary x = row.baseline();
                MedianSummary y = row.candidate();
                csv.row(baseline, candidate, baselineStrategy, candidateStrategy, "pair", table.metric(), table.unit(), pair.strategy(), pair.threads(),
                        pair.threadType().id(), pair.incrementsPerThread(), pair.durationMillis(),
                        pair.params() == null ? null : pair.params().workInside(),
                        pair.params() == null ? null : pair.params().workOutside(),
                        pair.params() == null ? null : pair.params().readRatio(),
                        pair.params() == null ? null : pair.params().blockInsideMicros(),
                        pair.params() == null ? null : pair.params().blockOutsideMicros(),
                        x.n(), x.median(), x.low(), x.high(), y.n(), y.median(), y.low(), y.high(),
                        row.changePercent(), row.pValue(), row.adjustedPValue(),
                        row.test() == null ? null : row.test().name(), row.significant(), row.delta(), row.note());
            }
            Comparison.Geomean geomean = table.geomean();
            if (geomean != null) {
                csv.row(baseline, candidate, baselineStrategy, candidateStrategy, "geomean", table.metric(), table.unit(), null, null, null, null, null, null, null, null, null, null,
                        geomean.pairs(), geomean.baseline(), null, null, geomean.pairs(), geomean.candidate(), null,
                        null, geomean.changePercent(), null, null, null, null, null,
                        geomean.leftOut() > 0 ? geomean.leftOut() + " pairs left out: a median of zero or none" : null);
            }
        }
        for (Comparison.Unpaired unpaired : comparison.unpaired()) {
            PairKey pair = unpaired.pair();
            csv.row(baseline, candidate, baselineStrategy, candidateStrategy, unpaired.side() + "-only", null, null, pair.strategy(), pair.threads(),
                    pair.threadType().id(), pair.incrementsPerThread(), pair.durationMillis(),
                    pair.params() == null ? null : pair.params().workInside(),
                    pair.params() == null ? null : pair.params().workOutside(),
                    pair.params() == null ? null : pair.params().readRatio(),
                    pair.params() == null ? null : pair.params().blockInsideMicros(),
                    pair.params() == null ? null : pair.params().blockOutsideMicros(), null, null, null, null,
                    null, null, null, null, null, null, null, null, null, null, null);
        }
        return csv.toString();
    }
}
