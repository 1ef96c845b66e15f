package dev.concurrency.playground.api.chart;

import dev.concurrency.playground.api.chart.svg.ChangeChart;
import dev.concurrency.playground.api.chart.svg.Frame;
import dev.concurrency.playground.api.chart.svg.Numbers;
import dev.concurrency.playground.api.chart.svg.SvgChart;
import dev.concurrency.playground.experiment.comparison.Comparison;
import dev.concurrency.playground.experiment.comparison.Comparisons;
import dev.concurrency.playground.experiment.comparison.MedianSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A comparison of two experiments as a chart: the change of one metric per pair of runs, from the
 * figures {@link Comparisons} computed (nothing is computed again here).
 *
 * <p>The comparison gives each side's median with its interval, not an interval of the change. The
 * whisker is the change between the ends of the two intervals (the candidate's low end over the
 * baseline's high end, and the reverse): wider than an interval of the ratio would be, so it understates
 * rather than overstates how sure the change is. Where a side has too few trials for an interval there
 * is no whisker.
 */
public final class ComparisonCharts {

    private static final Map<String, String> METRICS = Map.of("ns-per-op", "nsPerOp", "ops-per-second",
            "opsPerSecond", "lost-update-rate", "lostUpdateRate");

    private ComparisonCharts() {
    }

    public static String render(Comparison comparison, ChartOptions options) {
        return SvgChart.render(chart(comparison, options));
    }

    static ChangeChart chart(Comparison comparison, ChartOptions options) {
        String name = METRICS.get(options.metric());
        Comparison.MetricTable table = comparison.metrics().stream().filter(t -> t.metric().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the comparison has no " + name + " table"));
        String together = comparison.strategies() == null ? null
                : comparison.strategies().baseline() + " vs " + comparison.strategies().candidate();
        // Rows of one strategy together, in the order the strategies first appear, each by thread count.
        Map<String, Integer> order = new LinkedHashMap<>();
        table.rows().forEach(row -> order.putIfAbsent(series(row, together), order.size()));
        List<Comparison.Row> sorted = new ArrayList<>(table.rows());
        sorted.sort(Comparator.comparingInt((Comparison.Row row) -> order.get(series(row, together)))
                .thenComparingInt(row -> row.pair().threads()));
        List<ChangeChart.Row> rows = new ArrayList<>();
        int significant = 0;
        for (Comparison.Row row : sorted) {
            MedianSummary before = row.baseline();
            MedianSummary after = row.candidate();
            Double low = null;
            Double high = null;
            if (row.changePercent() != null && before.low() != null && after.low() != null && before.low() > 0) {
                low = (after.low() / before.high() - 1) * 100;
                high = (after.high() / before.low() - 1) * 100;
            }
            significant += row.significant() ? 1 : 0;
            rows.add(new ChangeChart.Row(series(row, together), row.pair().label(),
                    Integer.toString(row.pair().threads()), row.changePercent(), low, high, row.significant(),
                    tooltip(row, table.unit())));
        }
        String title = options.title() != null ? options.title()
                : side(comparison.baseline()) + " vs " + side(comparison.candidate());
        StringBuilder description = new StringBuilder(String.format(Locale.ROOT, "Change of %s in percent from the "
                + "baseline %s to the candidate %s, per pair of runs that measured the same thing", table.unit(),
                quoted(comparison.baseline()), quoted(comparison.candidate())));
        if (together != null) {
            description.append(" (strategies ").append(together).append(')');
        }
        if (rows.isEmpty()) {
            description.append(": no pairs of runs to compare.");
        } else {
            description.append(String.format(Locale.ROOT, ": %d of %d significant (Holm-adjusted p at most %s), the "
                    + "others marked ~ and drawn faint", significant, rows.size(), Numbers.compact(comparison.alpha())));
            if (table.geomean() != null && table.geomean().changePercent() != null) {
                description.append("; geometric mean ").append(signed(table.geomean().changePercent()));
            }
            description.append(". Whiskers run between the changes of the ends of both medians' ")
                    .append(Math.round(comparison.confidenceLevel() * 100))
                    .append("% intervals, where both sides have enough trials for one.");
        }
        Frame frame = new Frame(ChartKind.COMPARISON.id(), title, description.toString(), null,
                "baseline " + comparison.baseline().id() + " · candidate " + comparison.candidate().id()
                        + (comparison.candidate().finishedAt() == null ? ""
                                : " · finished " + ExperimentCharts.time(comparison.candidate().finishedAt())),
                options.width(), options.height(), options.theme(),
                ExperimentCharts.idPrefix("comparison", comparison.baseline().id(), comparison.candidate().id(),
                        together, options));
        return new ChangeChart(frame, "change of " + table.unit() + " (%)", rows, "no pairs of runs to compare");
    }

    private static String series(Comparison.Row row, String together) {
        return row.pair().strategy() != null ? row.pair().strategy() : together;
    }

    private static String tooltip(Comparison.Row row, String unit) {
        String change = row.changePercent() == null ? "no change can be computed (the baseline's median is zero)"
                : signed(row.changePercent()) + (row.significant() ? "" : " (~, not significant)");
        String p = row.pValue() == null ? "" : String.format(Locale.ROOT, "; p=%.3f, Holm %.3f", row.pValue(),
                row.adjustedPValue());
        return String.format(Locale.ROOT, "%s: %s → %s %s, %s%s; %d and %d trials", row.pair().label(),
                median(row.baseline()), median(row.candidate()), unit, change, p, row.baseline().n(),
                row.candidate().n());
    }

    private static String median(MedianSummary side) {
        return side.median() == null ? "none" : Numbers.compact(side.median());
    }

    private static String signed(double percent) {
        return (percent > 0 ? "+" : "") + Numbers.compact(percent) + "%";
    }

    private static String side(Comparison.Side side) {
        return side.name() != null && !side.name().isBlank() ? side.name() : side.id().substring(0,
                Math.min(8, side.id().length()));
    }

    private static String quoted(Comparison.Side side) {
        return side.name() != null && !side.name().isBlank() ? "'" + side.name() + "' (" + side.id() + ")" : side.id();
    }
}
