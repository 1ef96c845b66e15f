package dev.concurrency.playground.api.chart;

import dev.concurrency.playground.api.chart.svg.BarChart;
import dev.concurrency.playground.api.chart.svg.Frame;
import dev.concurrency.playground.api.chart.svg.LineChart;
import dev.concurrency.playground.api.chart.svg.Numbers;
import dev.concurrency.playground.api.chart.svg.SvgChart;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import dev.concurrency.playground.experiment.comparison.Comparisons;
import dev.concurrency.playground.experiment.comparison.MedianSummary;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * An experiment's charts: its runs turned into the renderer's models, and the words that say what they show.
 *
 * <p>Every point is the median of a run's measured trials, as in the comparison: timings on a shared
 * machine are skewed by the odd slow trial, which moves a mean and not a median. Its band is the
 * distribution-free 95% confidence interval of that median ({@link MedianSummary}, the comparison's own);
 * a run with fewer than 6 trials has no such interval, and its band is the range of its trials instead,
 * which the description says.
 */
public final class ExperimentCharts {

    /** Thread counts that grow geometrically over this factor or more are drawn on a logarithmic x axis. */
    private static final int LOG_X_SPAN = 8;
    private static final DateTimeFormatter STAMP_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** One figure of a trial, with how the chart names it. */
    private record Metric(String axis, String unit, String what, Function<TrialResult, Double> value) {
    }

    private static final Map<String, Metric> COST_METRICS = Map.of(
            "ns-per-op", new Metric("ns per increment (ns/op)", "ns/op", "the cost of an increment in ns/op", TrialResult::nsPerOp),
            "ops-per-second", new Metric("increments per second (ops/s)", "ops/s", "throughput in increments per second (ops/s)",
                    TrialResult::opsPerSecond));

    private ExperimentCharts() {
    }

    /** The chart of {@code experiment} that {@code options} asks for, as an SVG document. */
    public static String render(Experiment experiment, ChartOptions options) {
        return switch (options.kind()) {
            case COST -> SvgChart.render(cost(experiment, options));
            case LOST_UPDATES -> SvgChart.render(lostUpdates(experiment, options));
            case THREAD_SHARE -> SvgChart.render(threadShare(experiment, options));
            case COMPARISON -> throw new IllegalArgumentException("a comparison is not one experiment's chart");
        };
    }

    static LineChart cost(Experiment experiment, ChartOptions options) {
        Metric metric = COST_METRICS.get(options.metric());
        List<LineChart.Series> series = new ArrayList<>();
        int ranges = 0;
        for (Map.Entry<String, List<RunResult>> strategy : byStrategy(experiment).entrySet()) {
            List<LineChart.Point> points = new ArrayList<>();
            for (RunResult run : strategy.getValue()) {
                double[] values = values(run, metric.value());
                if (values.length == 0) {
                    continue;
                }
                MedianSummary median = MedianSummary.of(values, Comparisons.CONFIDENCE_LEVEL);
                boolean interval = median.low() != null;
                double low = interval ? median.low() : min(values);
                double high = interval ? median.high() : max(values);
                ranges += interval ? 0 : 1;
                points.add(new LineChart.Point(run.threads(), median.median(), low, high,
                        String.format(Locale.ROOT, "%s, %s: %s %s, median of %d trial%s; %s %s to %s", seriesName(run),
                                threads(run.threads()), Numbers.compact(median.median()), metric.unit(), values.length,
                                values.length == 1 ? "" : "s", interval ? "95% interval of the median" : "range",
                                Numbers.compact(low), Numbers.compact(high))));
            }
            if (!points.isEmpty()) {
                series.add(new LineChart.Series(strategy.getKey(), strategy.getKey(), points));
            }
        }
        StringBuilder description = new StringBuilder();
        description.append(capitalise(metric.what())).append(" (the median of each run's measured trials")
                .append(options.log() ? ", on a logarithmic scale" : "").append(") against thread count");
        if (series.isEmpty()) {
            description.append(": no runs yet.");
        } else {
            description.append(" for ").append(count(series.size(), "strategy", "strategies"))
                    .append(onThreads(experiment)).append(": ");
            List<String> lines = new ArrayList<>();
            for (LineChart.Series line : series) {
                LineChart.Point first = line.points().getFirst();
                LineChart.Point last = line.points().getLast();
                lines.add(line.points().size() == 1
                        ? line.id() + " " + Numbers.compact(first.y()) + " " + metric.unit() + " at "
                                + threads(first.x())
                        : line.id() + " from " + Numbers.compact(first.y()) + " " + metric.unit() + " at "
                                + threads(first.x()) + " to " + Numbers.compact(last.y()) + " at " + plainInt(last.x()));
            }
            description.append(String.join("; ", lines)).append(". Each band is the distribution-free 95% confidence "
                    + "interval of the median");
            if (ranges > 0) {
                description.append(", except for ").append(count(ranges, "run", "runs")).append(" with fewer than ")
                        .append(MedianSummary.valuesNeeded(Comparisons.CONFIDENCE_LEVEL))
                        .append(" trials, too few for one, whose band is the range of its trials");
            }
            description.append('.');
        }
        progress(experiment).ifPresent(note -> description.append(' ').append(capitalise(note)).append('.'));
        boolean logX = logX(series.stream().flatMap(s -> s.points().stream()).map(p -> (int) p.x()).toList());
        return new LineChart(frame(experiment, options, description.toString()), threadsAxis(experiment),
                metric.axis(), logX, options.log(), series, "no runs yet");
    }

    static BarChart lostUpdates(Experiment experiment, ChartOptions options) {
        TreeSet<Integer> threadCounts = new TreeSet<>();
        experiment.runs().forEach(run -> threadCounts.add(run.threads()));
        List<Integer> categories = List.copyOf(threadCounts);
        List<BarChart.Series> series = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        List<String> none = new ArrayList<>();
        for (Map.Entry<String, List<RunResult>> strategy : byStrategy(experiment).entrySet()) {
            List<BarChart.Bar> bars = new ArrayList<>();
            categories.forEach(c -> bars.add(null));
            double worst = 0;
            int worstAt = 0;
            for (RunResult run : strategy.getValue()) {
                double[] rates = values(run, trial -> trial.lostUpdateRate() * 100);
                if (rates.length == 0) {
                    continue;
                }
                double median = MedianSummary.of(rates, Comparisons.CONFIDENCE_LEVEL).median();
                double low = min(rates);
                double high = max(rates);
                if (high > worst) {
                    worst = high;
                    worstAt = run.threads();
                }
                bars.set(categories.indexOf(run.threads()), new BarChart.Bar(median, low < high ? low : null,
                        low < high ? high : null, String.format(Locale.ROOT, "%s, %s: %s%% of increments lost, median "
                                + "of %d trial%s; range %s%% to %s%%%s", seriesName(run), threads(run.threads()),
                                Numbers.compact(median), rates.length, rates.length == 1 ? "" : "s",
                                Numbers.compact(low), Numbers.compact(high),
                                run.threadSafe() ? " (thread-safe)" : "")));
            }
            if (bars.stream().anyMatch(Objects::nonNull)) {
                series.add(new BarChart.Series(strategy.getKey(), strategy.getKey(), bars));
                if (worst > 0) {
                    lost.add(strategy.getKey() + " up to " + Numbers.compact(worst) + "% (in a trial at "
                            + threads(worstAt) + ")");
                } else {
                    none.add(strategy.getKey());
                }
            }
        }
        StringBuilder description = new StringBuilder("Share of increments lost, in percent (the median of each "
                + "run's measured trials, with whiskers from the least to the most lost in a trial), per strategy and "
                + "thread count");
        if (series.isEmpty()) {
            description.append(": no runs yet.");
        } else {
            description.append(" for ").append(count(series.size(), "strategy", "strategies")).append(": ");
            List<String> parts = new ArrayList<>();
            if (!lost.isEmpty()) {
                parts.add(String.join("; ", lost));
            }
            if (!none.isEmpty()) {
                parts.add(String.join(", ", none) + " lost none");
            }
            description.append(String.join("; ", parts)).append('.');
        }
        progress(experiment).ifPresent(note -> description.append(' ').append(capitalise(note)).append('.'));
        return new BarChart(frame(experiment, options, description.toString()), threadsAxis(experiment),
                "increments lost (%)", categories.stream().map(String::valueOf).toList(), series, "no runs yet");
    }

    /**
     * How evenly the threads shared the work. Each point is the median over the trials of the busiest
     * thread's share, as a percentage of an even share (100% when every thread did the same, 200% when one
     * did twice its part); the band runs from the most starved thread of any trial to the most favoured.
     */
    static LineChart threadShare(Experiment experiment, ChartOptions options) {
        List<LineChart.Series> series = new ArrayList<>();
        int without = 0;
        for (Map.Entry<String, List<RunResult>> strategy : byStrategy(experiment).entrySet()) {
            List<LineChart.Point> points = new ArrayList<>();
            for (RunResult run : strategy.getValue()) {
                double even = 100.0 * run.threads();
                double[] busiest = values(run, trial -> trial.maxThreadShare() == null ? null
                        : trial.maxThreadShare() * even);
                double[] starved = values(run, trial -> trial.minThreadShare() == null ? null
                        : trial.minThreadShare() * even);
                if (busiest.length == 0 || starved.length == 0) {
                    without += run.trials().isEmpty() ? 0 : 1;
                    continue;
                }
                double median = MedianSummary.of(busiest, Comparisons.CONFIDENCE_LEVEL).median();
                points.add(new LineChart.Point(run.threads(), median, min(starved), max(busiest),
                        String.format(Locale.ROOT, "%s, %s: the busiest thread did %s%% of an even share (median of "
                                + "%d trials); threads ranged from %s%% to %s%%", seriesName(run), threads(run.threads()),
                                Numbers.compact(median), busiest.length, Numbers.compact(min(starved)),
                                Numbers.compact(max(busiest)))));
            }
            if (!points.isEmpty()) {
                series.add(new LineChart.Series(strategy.getKey(), strategy.getKey(), points));
            }
        }
        StringBuilder description = new StringBuilder("How evenly the threads shared the increments, per strategy "
                + "and thread count: the busiest thread's share as a percentage of an even share (100% when every "
                + "thread did the same; the median over the measured trials), with a band from the most starved "
                + "thread of any trial to the most favoured");
        if (series.isEmpty()) {
            description.append(": no runs ").append(without > 0 ? "with per-thread shares." : "yet.");
        } else {
            description.append(", for ").append(count(series.size(), "strategy", "strategies")).append(": ");
            List<String> lines = new ArrayList<>();
            for (LineChart.Series line : series) {
                LineChart.Point worst = line.points().stream().max(Comparator.comparingDouble(LineChart.Point::y))
                        .orElseThrow();
                lines.add(line.id() + " at most " + Numbers.compact(worst.y()) + "% (at " + threads(worst.x()) + ")");
            }
            description.append(String.join("; ", lines)).append('.');
            if (without > 0) {
                description.append(' ').append(capitalise(count(without, "run", "runs")))
                        .append(" recorded no per-thread shares and are not shown.");
            }
        }
        progress(experiment).ifPresent(note -> description.append(' ').append(capitalise(note)).append('.'));
        boolean logX = logX(series.stream().flatMap(s -> s.points().stream()).map(p -> (int) p.x()).toList());
        return new LineChart(frame(experiment, options, description.toString()), threadsAxis(experiment),
                "busiest thread (% of an even share)", logX, false, series, without > 0 ? "no per-thread shares"
                        : "no runs yet");
    }

    /**
     * The runs of each series, each by thread count: a series per strategy, in the order the experiment lists
     * its strategies, or, when the experiment gave parameter lists, per strategy and combination of parameters
     * ({@code "synchronized in=100 out=0"}), in the order the runs take them.
     */
    private static Map<String, List<RunResult>> byStrategy(Experiment experiment) {
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        boolean params = experiment.spec().hasParams();
        for (String strategy : experiment.spec().strategies()) {
            if (params) {
                experiment.spec().runParams().forEach(p -> runs.put(strategy + " " + p.label(), new ArrayList<>()));
            } else {
                runs.put(strategy, new ArrayList<>());
            }
        }
        for (RunResult run : experiment.runs()) {
            runs.computeIfAbsent(seriesName(run), s -> new ArrayList<>()).add(run);
        }
        runs.values().forEach(list -> list.sort(Comparator.comparingInt(RunResult::threads)));
        return runs;
    }

    /** The strategy, and the run's parameters when it has any: what its series and its points are called. */
    private static String seriesName(RunResult run) {
        return run.params() == null ? run.strategy() : run.strategy() + " " + run.params().label();
    }

    private static double[] values(RunResult run, Function<TrialResult, Double> figure) {
        return run.trials().stream().map(figure).filter(Objects::nonNull).mapToDouble(Double::doubleValue)
                .filter(Double::isFinite).toArray();
    }

    private static Frame frame(Experiment experiment, ChartOptions options, String description) {
        String title = options.title() != null ? options.title()
                : experiment.name() != null && !experiment.name().isBlank() ? experiment.name()
                : "Experiment " + experiment.id();
        String note = progress(experiment).orElse(null);
        return new Frame(options.kind().id(), title, description, note, stamp(experiment), options.width(),
                options.height(), options.theme(), idPrefix(options.kind().id(), experiment.id(),
                        experiment.status().name(), experiment.runs().size(), options));
    }

    /** "in progress (3 of 12 runs)" while it runs, how it ended when it did not complete; empty once complete. */
    static Optional<String> progress(Experiment experiment) {
        int done = experiment.runs().size();
        int total = experiment.progress().totalRuns();
        String runs = " (" + done + " of " + total + " runs)";
        return Optional.ofNullable(switch (experiment.status()) {
            case QUEUED -> "queued" + runs;
            case RUNNING -> "in progress" + runs;
            case COMPLETED -> null;
            case CANCELLED -> "cancelled" + runs;
            case FAILED -> "failed" + runs;
            case TIMED_OUT -> "timed out" + runs;
        });
    }

    private static String stamp(Experiment experiment) {
        boolean finished = experiment.status().isTerminal() && experiment.finishedAt() != null;
        return "experiment " + experiment.id() + " · " + (finished ? "finished " + time(experiment.finishedAt())
                : "submitted " + time(experiment.submittedAt()));
    }

    static String time(Instant instant) {
        return STAMP_TIME.format(instant);
    }

    /**
     * A prefix for the chart's ids that differs between any two charts that differ: two charts inlined in
     * one page never share an id. It is derived, not random, so that the same chart is the same bytes and
     * keeps its ETag.
     */
    static String idPrefix(Object... parts) {
        StringBuilder key = new StringBuilder();
        for (Object part : parts) {
            key.append(part).append('\u0000');
        }
        return "pg-" + Integer.toHexString(key.toString().hashCode());
    }

    private static String threadsAxis(Experiment experiment) {
        return switch (experiment.spec().threadType()) {
            case VIRTUAL -> "virtual threads";
            case PROCESS -> "processes";
            case PLATFORM -> "threads";
        };
    }

    private static String onThreads(Experiment experiment) {
        return switch (experiment.spec().threadType()) {
            case VIRTUAL -> " on virtual threads";
            case PROCESS -> " in child processes";
            case PLATFORM -> "";
        };
    }

    /**
     * Whether thread counts are better drawn on a logarithmic axis: when they grow geometrically (1, 2, 4,
     * 8, ...) over at least a factor of {@value #LOG_X_SPAN}, so that the small counts are not crowded into
     * the left edge. Counts that grow by steps (1, 2, 3, ... 16) stay linear.
     */
    private static boolean logX(List<Integer> threads) {
        List<Integer> counts = threads.stream().distinct().sorted().toList();
        if (counts.size() < 2 || counts.getLast() < (long) LOG_X_SPAN * counts.getFirst()) {
            return false;
        }
        long geometric = 0;
        for (int i = 1; i < counts.size(); i++) {
            geometric += counts.get(i) >= 1.5 * counts.get(i - 1) ? 1 : 0;
        }
        return geometric * 2 >= counts.size() - 1;
    }

    static String threads(double count) {
        return plainInt(count) + (count == 1 ? " thread" : " threads");
    }

    private static String plainInt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static double min(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        for (double value : values) {
            min = Math.min(min, value);
        }
        return min;
    }

    private static double max(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            max = Math.max(max, value);
        }
        return max;
    }
}
