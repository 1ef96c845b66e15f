package dev.concurrency.playground.api.format;

import dev.concurrency.playground.experiment.comparison.Comparison;
import dev.concurrency.playground.experiment.comparison.MedianSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A comparison as Go's benchstat prints one, for a terminal: per metric a table with a row per pair of
 * runs, each side's median {@code ± } the half-width of its confidence interval in percent of the
 * median, then the change and, in parentheses, the p-value, Holm's adjusted p-value and the number of
 * trials a side. {@code ~} in place of the change means that no significant change was found. A median
 * without an interval (fewer than six trials) shows {@code ± ∞} with a footnote, as benchstat does.
 * After the tables: the runs without a counterpart, the differences between the environments and the
 * warnings, so that nothing that makes the figures doubtful is left to the JSON alone.
 *
 * <p>Figures are written with four significant digits and an SI prefix ({@code k}, {@code M},
 * {@code G}) when large, as benchstat writes them: a comparison is read for its changes, not for the
 * last digit, which the CSV and JSON keep.
 */
public final class ComparisonTable {

    private static final String SEPARATOR = " │ ";
    private static final String GAP = "   ";
    private static final String[] MARKS = {"¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};

    private ComparisonTable() {
    }

    public static String of(Comparison comparison) {
        StringBuilder text = new StringBuilder();
        text.append("baseline:  ").append(side(comparison.baseline())).append('\n');
        text.append("candidate: ").append(side(comparison.candidate())).append('\n');
        if (comparison.strategies() != null) {
            text.append("strategies: ").append(comparison.strategies().baseline()).append(" (baseline) vs ")
                    .append(comparison.strategies().candidate()).append(" (candidate), paired by threads, thread type "
                            + "and workload\n");
        }
        // Footnotes are numbered in order of first use, across all tables, and listed once at the end.
        Map<String, String> footnotes = new LinkedHashMap<>();
        for (Comparison.MetricTable table : comparison.metrics()) {
            if (table.rows().isEmpty()) {
                continue;
            }
            text.append('\n');
            table(table, comparison, footnotes, text);
        }
        if (!footnotes.isEmpty()) {
            text.append('\n');
            footnotes.forEach((note, mark) -> text.append(mark).append(' ').append(note).append('\n'));
        }
        if (!comparison.unpaired().isEmpty()) {
            text.append('\n');
            for (Comparison.Unpaired unpaired : comparison.unpaired()) {
                text.append("only in ").append(unpaired.side()).append(": ").append(unpaired.pair().label()).append('\n');
            }
        }
        text.append('\n');
        if (comparison.differences().isEmpty()) {
            text.append("environment: the same JDK, VM flags, CPU, processors and instance\n");
        }
        for (Comparison.Difference difference : comparison.differences()) {
            text.append(difference.doubtful() ? "differs: " : "differs (informative): ").append(difference.field())
                    .append(": ").append(value(difference.baseline())).append(" -> ")
                    .append(value(difference.candidate())).append('\n');
        }
        for (String warning : comparison.warnings()) {
            text.append("warning: ").append(warning).append('\n');
        }
        return text.toString();
    }

    private static String side(Comparison.Side side) {
        String name = side.name() == null || side.name().isBlank()
                ? side.id()
                : ExperimentTable.printable(side.name()) + " (" + side.id() + ")";
        return name + ", " + side.status();
    }

    private static String value(String value) {
        return value == null ? "(none)" : value.isEmpty() ? "(empty)" : ExperimentTable.printable(value);
    }

    private static void table(Comparison.MetricTable table, Comparison comparison, Map<String, String> footnotes,
            StringBuilder text) {
        List<String[]> rows = new ArrayList<>();
        for (Comparison.Row row : table.rows()) {
            // Cells left to right, so that footnotes are numbered in reading order.
            String baseline = median(row.baseline(), comparison, footnotes);
            String candidate = median(row.candidate(), comparison, footnotes);
            String info = "(p=" + p(row.pValue()) + " holm=" + p(row.adjustedPValue()) + " n=" + n(row) + ")";
            if (row.note() != null) {
                info += " " + mark(row.note(), footnotes);
            }
            rows.add(new String[] {row.pair().label(), baseline, candidate, row.delta(), info});
        }
        Comparison.Geomean geomean = table.geomean();
        if (geomean != null) {
            String note = geomean.baseline() == null
                    ? "no geometric mean: every pair has a median of zero or none"
                    : geomean.leftOut() > 0
                            ? "geometric mean of the " + geomean.pairs() + " pairs whose medians are not zero"
                            : null;
            String mark = note == null ? "" : " " + mark(note, footnotes);
            rows.add(new String[] {"geomean", figure(geomean.baseline()) + mark, figure(geomean.candidate()) + mark,
                    geomean.changePercent() == null ? "" : String.format(Locale.ROOT, "%+.2f%%", geomean.changePercent()),
                    ""});
        }
        int[] widths = new int[5];
        widths[1] = "baseline".length();
        widths[2] = "candidate".length();
        for (String[] row : rows) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], row[c].codePointCount(0, row[c].length()));
            }
        }
        widths[2] = Math.max(widths[2], table.unit().length());
        widths[3] = Math.max(widths[3], "vs base".length());
        int candidateWidth = widths[2] + GAP.length() + widths[3] + 1 + widths[4];
        text.append(pad("", widths[0])).append(SEPARATOR).append(pad("baseline", widths[1])).append(SEPARATOR)
                .append(pad("candidate", candidateWidth)).append(" │\n");
        text.append(pad("", widths[0])).append(SEPARATOR).append(pad(table.unit(), widths[1])).append(SEPARATOR)
                .append(pad(pad(table.unit(), widths[2]) + GAP + "vs base", candidateWidth)).append(" │\n");
        for (String[] row : rows) {
            String line = pad(row[0], widths[0]) + GAP + pad(row[1], widths[1]) + GAP + pad(row[2], widths[2]) + GAP
                    + pad(row[3], widths[3]) + " " + row[4];
            text.append(line.stripTrailing()).append('\n');
        }
    }

    /** A median with its interval as benchstat writes it: {@code 12.34 ± 3%}, or {@code ± ∞} without one. */
    private static String median(MedianSummary summary, Comparison comparison, Map<String, String> footnotes) {
        if (summary.median() == null) {
            return "n/a";
        }
        String median = figure(summary.median());
        if (summary.low() == null) {
            return median + " ± ∞ " + mark(String.format(Locale.ROOT, "need >= %d samples for confidence interval at "
                    + "level %s", MedianSummary.valuesNeeded(comparison.confidenceLevel()),
                    trim(comparison.confidenceLevel())), footnotes);
        }
        double spread = Math.max(summary.high() - summary.median(), summary.median() - summary.low());
        if (spread == 0) {
            return median + " ± 0%";
        }
        if (summary.median() == 0) {
            return median + " ± " + figure(spread);
        }
        double percent = spread / Math.abs(summary.median()) * 100;
        return median + " ± " + (percent < 1 ? String.format(Locale.ROOT, "%.1f%%", percent)
                : String.format(Locale.ROOT, "%.0f%%", percent));
    }

    private static String mark(String note, Map<String, String> footnotes) {
        return footnotes.computeIfAbsent(note, n -> footnotes.size() < MARKS.length
                ? MARKS[footnotes.size()] : "(" + (footnotes.size() + 1) + ")");
    }

    /** Four significant digits, with an SI prefix from a thousand up. */
    static String figure(Double value) {
        if (value == null) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        String[] prefixes = {"", "k", "M", "G", "T"};
        int prefix = 0;
        double scaled = value;
        while (Math.abs(scaled) >= 999.95 && prefix < prefixes.length - 1) {
            scaled /= 1000;
            prefix++;
        }
        if (magnitude == 0) {
            return "0";
        }
        // The thresholds are those of the rounded figure: 9.9996 prints as 10.00, not 10.000.
        double size = Math.abs(scaled);
        int digits = size >= 99.995 ? 1 : size >= 9.9995 ? 2 : size >= 0.99995 ? 3
                : 3 - (int) Math.floor(Math.log10(size));
        return String.format(Locale.ROOT, "%." + digits + "f", scaled) + prefixes[prefix];
    }

    private static String p(Double p) {
        return p == null ? "n/a" : String.format(Locale.ROOT, "%.3f", p);
    }

    private static String n(Comparison.Row row) {
        int before = row.baseline().n();
        int after = row.candidate().n();
        return before == after ? Integer.toString(before) : before + "+" + after;
    }

    private static String trim(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.codePointCount(0, text.length())));
    }
}
