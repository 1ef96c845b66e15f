package dev.concurrency.playground.api.format;

import dev.concurrency.playground.experiment.Environment;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.RunParams;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.HandOffSummary;
import dev.concurrency.playground.experiment.analysis.LossExplanation;
import dev.concurrency.playground.experiment.analysis.MinMeanMax;
import dev.concurrency.playground.experiment.analysis.ReadsAndWritesSummary;
import dev.concurrency.playground.experiment.analysis.RunSummary;
import dev.concurrency.playground.experiment.analysis.SampleStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An experiment as a person reads it in a terminal after {@code curl}: a few {@code # key: value} lines
 * saying what ran where, then one aligned line per run, in the manner of JMH's console summary.
 *
 * <p>{@code Lost} is the mean share of increments lost per trial: trials in fixed-time mode make
 * different numbers of increments, so a share compares across them where a count does not. A share
 * that rounds to zero but is not zero prints as {@code <0.1%}, so a rare lost update is never hidden.
 * {@code ns/op}, {@code Error} and {@code ops/s} are means over the measured trials, the error being
 * JMH's: the half-width of the 99.9% confidence interval. {@code Shares} is the smallest and the largest
 * share of the throughput one thread had in any trial, and {@code Fairness} the mean of the trials'
 * Jain's fairness index: threads that took even turns read 1.000, a lock that lets one thread barge
 * back in again and again reads lower. Figures that do not exist, such as the error of a single trial, print as
 * {@code n/a}.
 *
 * <p>An experiment of database strategies says in its header which database they raced in, and at which
 * isolation level each ran.
 *
 * <p>Runs that were asked to {@code explain} their losses follow the table, each with the outcomes of its
 * recorded trial counted in the manner of JCStress, the check that they add up to the counter's loss, what
 * recording cost, and example interleavings in the manner of Lincheck, a column per thread.
 */
public final class ExperimentTable {

    static final String NOT_AVAILABLE = "n/a";

    /** A column: its heading, whether its values line up on the right as numbers do, and what precedes it. */
    private record Column(String heading, boolean rightAligned, String gap) {

        Column(String heading, boolean rightAligned) {
            this(heading, rightAligned, "  ");
        }
    }

    // The error sits in its own column behind a one-character "±" column, as in JMH, so that every
    // "±" lines up however wide the figures around it are.
    private static final List<Column> COLUMNS = List.of(
            new Column("Strategy", false),
            new Column("Threads", true),
            new Column("Type", false),
            new Column("Trials", true),
            new Column("Lost", true),
            new Column("ns/op", true),
            new Column("", false, " "),
            new Column("Error", true, " "),
            new Column("ops/s", true),
            new Column("Shares", true),
            new Column("Fairness", true),
            new Column("Verdict", false));

    /**
     * Shown before the verdict only when some run handed its increments to an owner, so that tables of the
     * other strategies keep their width.
     */
    /** After the thread type, when the experiment gave parameter lists: each run's work, in tokens. */
    private static final List<Column> PARAM_COLUMNS = List.of(
            new Column("Inside", true),
            new Column("Outside", true));
    private static final int PARAMS_AT = 3;
    /** After the work columns, when the experiment gave a read share: each run's share of reads. */
    private static final Column READ_SHARE_COLUMN = new Column("Reads", true);

    /** Before the verdict, when some run had reads: its time per read and per write, and failed optimistic reads. */
    private static final List<Column> READ_COLUMNS = List.of(
            new Column("ns/read", true),
            new Column("ns/write", true),
            new Column("Retried", true));
    /** After the work, when the experiment gave blocking lists: each run's blocks, in microseconds. */
    private static final List<Column> BLOCK_COLUMNS = List.of(
            new Column("Block in", true),
            new Column("Block out", true));
    /** Before the verdict, when some run recorded pinning. */
    private static final List<Column> PINNING_COLUMNS = List.of(
            new Column("Pinned", true),
            new Column("Carriers", true));

    private static final List<Column> HAND_OFF_COLUMNS = List.of(
            new Column("Hand-off", true),
            new Column("Latency p50/p99", true));

    private ExperimentTable() {
    }

    public static String of(Experiment experiment) {
        StringBuilder text = new StringBuilder();
        header(experiment, text);
        text.append('\n');
        if (experiment.runs().isEmpty()) {
            text.append("No run has finished yet.\n");
            return text.toString();
        }
        boolean anyOversubscribed = experiment.runs().stream().anyMatch(RunResult::oversubscribed);
        boolean anyHandOff = experiment.runs().stream().anyMatch(run -> run.summary() != null && run.summary().handOff() != null);
        boolean anyParams = experiment.runs().stream().anyMatch(run -> run.params() != null);
        boolean anyReadShare = experiment.runs().stream().anyMatch(run -> run.params() != null && run.params().readRatio() != null);
        boolean anyReads = experiment.runs().stream().anyMatch(run -> run.summary() != null && run.summary().readsAndWrites() != null);
        boolean anyBlocks = experiment.runs().stream().anyMatch(run -> run.params() != null && run.params().blockInsideMicros() != null);
        boolean anyPinning = experiment.runs().stream().anyMatch(run -> run.pinning() != null);
        List<Column> columns = new ArrayList<>(COLUMNS);
        if (anyHandOff) {
            columns.addAll(columns.size() - 1, HAND_OFF_COLUMNS);
        }
        if (anyReads) {
            columns.addAll(columns.size() - 1, READ_COLUMNS);
        }
        if (anyPinning) {
            columns.addAll(columns.size() - 1, PINNING_COLUMNS);
        }
        if (anyBlocks) {
            columns.addAll(PARAMS_AT, BLOCK_COLUMNS);
        }
        if (anyParams) {
            columns.addAll(PARAMS_AT, PARAM_COLUMNS);
            if (anyReadShare) {
                columns.add(PARAMS_AT + PARAM_COLUMNS.size(), READ_SHARE_COLUMN);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(columns.stream().map(Column::heading).toList());
        for (RunResult run : experiment.runs()) {
            List<String> cells = new ArrayList<>(cells(run, anyOversubscribed));
            if (anyHandOff) {
                cells.addAll(cells.size() - 1, handOffCells(run.summary()));
            }
            if (anyReads) {
                cells.addAll(cells.size() - 1, readCells(run.summary()));
            }
            if (anyPinning) {
                cells.addAll(cells.size() - 1, pinningCells(run.pinning()));
            }
            if (anyBlocks) {
                RunParams params = run.paramsOrNone();
                cells.addAll(PARAMS_AT, List.of(micros(params.blockInsideMicros()), micros(params.blockOutsideMicros())));
            }
            if (anyParams) {
                RunParams params = run.paramsOrNone();
                cells.addAll(PARAMS_AT, List.of(Integer.toString(params.workInside()), Integer.toString(params.workOutside())));
                if (anyReadShare) {
                    cells.add(PARAMS_AT + PARAM_COLUMNS.size(), params.readRatio() == null ? "0%"
                            : params.reads().percent() + "%");
                }
            }
            rows.add(cells);
        }
        appendAligned(columns, rows, text);
        text.append('\n');
        text.append("Lost: mean share of increments lost per trial.\n");
        text.append("Error: half-width of the 99.9% confidence interval of ns/op, as JMH's; n/a with one trial.\n");
        text.append("Shares: smallest and largest share of the increments per second one thread had in any trial "
                + "(even: 100%/threads).\n");
        text.append("Fairness: mean Jain's index of the threads' increments per second, 1/threads (one thread got "
                + "everything) to 1 (all equal).\n");
        if (anyParams) {
            text.append("Inside, Outside: tokens of work with the lock held (or between a racy read and its write) and "
                    + "after each increment.\n");
        }
        if (anyReadShare) {
            text.append("Reads: share of each thread's operations that read the counter instead of incrementing it; "
                    + "ns/op, ops/s and the shares then count reads and increments together.\n");
        }
        if (anyReads) {
            text.append("ns/read, ns/write: mean ns one thread spent per read and per increment, timed per phase of "
                    + "each block of 1000 operations (its reads, then its increments).\n");
            text.append("Retried: mean share of optimistic reads whose stamp failed validation and that read again "
                    + "under the read lock; n/a for strategies that do not read optimistically.\n");
        }
        if (anyBlocks) {
            text.append("Block in, Block out: µs each increment slept with the lock held (or between a racy read and its "
                    + "write) and after it.\n");
        }
        if (anyPinning) {
            text.append("Pinned: times a virtual thread blocked pinned to its carrier (JFR's jdk.VirtualThreadPinned), and "
                    + "for how long in all; Carriers: distinct carriers held pinned, of the scheduler's.\n");
            experiment.runs().stream().map(RunResult::pinning).filter(java.util.Objects::nonNull).findFirst()
                    .ifPresent(pinning -> text.append(pinning.jdkBehaviour()).append('\n'));
        }
        if (anyHandOff) {
            text.append("Hand-off: mean ns one thread spent per increment handed to the owner; ns/op also counts the "
                    + "owner's drain after the last thread.\n");
            text.append("Latency p50/p99: mean of the trials' median and 99th-percentile ns from hand-off until the "
                    + "owner applied the increment.\n");
        }
        if (anyOversubscribed) {
            text.append(experiment.spec() != null && experiment.spec().threadType() == ThreadType.PROCESS
                    ? "* more processes than processors: timings include time spent waiting for a core.\n"
                    : "* more platform threads than processors: timings include time spent waiting for a core.\n");
        }
        for (RunResult run : experiment.runs()) {
            String caveat = run.warmup() == null ? null : run.warmup().caveat();
            if (caveat != null) {
                text.append(run.strategy()).append(" at ").append(workers(run.threads(), run.threadType()))
                        .append(run.params() == null ? "" : " (" + run.params().label() + ")").append(": ")
                        .append(caveat).append('\n');
            }
        }
        for (RunResult run : experiment.runs()) {
            if (run.explanation() != null) {
                text.append('\n');
                explanation(run, run.explanation(), text);
            }
        }
        return text.toString();
    }

    private static String micros(Integer micros) {
        return micros == null ? "" : Integer.toString(micros);
    }

    /** The times pinned and their total, and the carriers held of the scheduler's; n/a when nothing was recorded. */
    private static List<String> pinningCells(dev.concurrency.playground.experiment.Pinning pinning) {
        if (pinning == null) {
            return List.of("", "");
        }
        if (pinning.events() == null) {
            return List.of("n/a", "n/a");
        }
        String pinned = pinning.events() == 0 ? "0"
                : pinning.events() + " (" + String.format(java.util.Locale.ROOT, "%.1f", pinning.totalPinnedNanos() / 1e6) + " ms)";
        return List.of(pinned, pinning.pinnedCarriers() + "/" + pinning.carriers());
    }

    private static void header(Experiment experiment, StringBuilder text) {
        String name = experiment.name() == null || experiment.name().isBlank()
                ? experiment.id()
                : printable(experiment.name()) + " (" + experiment.id() + ")";
        text.append("# Experiment: ").append(name).append('\n');
        text.append("# Status: ").append(experiment.status());
        if (experiment.progress() != null) {
            text.append(", ").append(experiment.progress().completedRuns()).append(" of ")
                    .append(experiment.progress().totalRuns()).append(" runs finished");
        }
        text.append('\n');
        if (experiment.statusReason() != null) {
            text.append("# Error: ").append(printable(experiment.statusReason())).append('\n');
        }
        Environment environment = experiment.environment();
        if (environment != null) {
            // JMH's own wording, so the line reads the same in both tools' output.
            text.append("# VM version: JDK ").append(environment.javaVersion()).append(", ")
                    .append(environment.vmName()).append(", ").append(environment.vmVersion()).append('\n');
            text.append("# Processors: ").append(environment.availableProcessors());
            if (environment.cpuModel() != null) {
                text.append(" (").append(printable(environment.cpuModel())).append(')');
            }
            text.append('\n');
        }
        ExperimentSpec spec = experiment.spec();
        if (spec != null) {
            String work = spec.durationMillis() != null
                    ? "fixed time, " + spec.durationMillis() + " ms per trial"
                    : "fixed work, " + spec.incrementsPerThread()
                            + (spec.readRatio() != null ? " operations per thread" : " increments per thread");
            boolean processes = spec.threadType() == ThreadType.PROCESS;
            text.append("# Mode: ").append(work).append(", ").append(processes ? "child processes" : spec.threadType().id() + " threads")
                    .append("; ").append(count(spec.trials(), "measured trial")).append(" per run after ")
                    .append(processes ? "each child's own warm-up"
                            : spec.warmupTrials() == 0 ? "no warm-up" : "at least " + count(spec.warmupTrials(), "warm-up"))
                    .append(", trials ").append(spec.trialOrder().id()).append('\n');
        }
        database(experiment, text);
    }

    /**
     * Where the database strategies raced, once (every run of an experiment uses the same database), with the
     * isolation level of each: {@code # Database: PostgreSQL 15.20; READ COMMITTED: db-atomic-update, ...}.
     */
    private static void database(Experiment experiment, StringBuilder text) {
        java.util.Map<String, java.util.Set<String>> byIsolation = new java.util.LinkedHashMap<>();
        String where = null;
        for (RunResult run : experiment.runs()) {
            if (run.database() != null) {
                where = printable(run.database().product()) + " " + printable(run.database().version());
                byIsolation.computeIfAbsent(printable(run.database().isolationLevel()), level -> new java.util.LinkedHashSet<>())
                        .add(run.strategy());
            }
        }
        if (where == null) {
            return;
        }
        text.append("# Database: ").append(where);
        byIsolation.forEach((level, strategies) -> text.append("; ").append(level).append(": ")
                .append(String.join(", ", strategies)));
        text.append('\n');
    }

    private static List<String> cells(RunResult run, boolean anyOversubscribed) {
        RunSummary summary = run.summary();
        SampleStatistics nsPerOp = summary == null ? null : summary.nsPerOp();
        SampleStatistics opsPerSecond = summary == null ? null : summary.opsPerSecond();
        // The marker keeps digits lined up: unmarked counts get a space where others have the asterisk.
        String threads = run.threads() + (run.oversubscribed() ? "*" : anyOversubscribed ? " " : "");
        return List.of(
                run.strategy(),
                threads,
                run.threadType().id(),
                Integer.toString(summary == null ? run.trials().size() : summary.measuredTrials()),
                lost(summary == null ? null : summary.lostUpdateRate()),
                nsPerOp == null ? NOT_AVAILABLE : fixed(nsPerOp.mean(), 3),
                nsPerOp == null || nsPerOp.error() == null ? "" : "±",
                nsPerOp == null || nsPerOp.error() == null ? NOT_AVAILABLE : fixed(nsPerOp.error(), 3),
                opsPerSecond == null ? NOT_AVAILABLE : fixed(opsPerSecond.mean(), 0),
                shares(summary),
                summary == null || summary.fairness() == null ? NOT_AVAILABLE : fixed(summary.fairness().mean(), 3),
                run.verdict() == null ? NOT_AVAILABLE : run.verdict().name());
    }

    /** The hand-off columns of a run; blank for a strategy without an owner. */
    private static List<String> handOffCells(RunSummary summary) {
        HandOffSummary handOff = summary == null ? null : summary.handOff();
        if (handOff == null) {
            return List.of("", "");
        }
        String latency = handOff.latencyP50Nanos() == null || handOff.latencyP99Nanos() == null ? NOT_AVAILABLE
                : fixed(handOff.latencyP50Nanos().mean(), 0) + "/" + fixed(handOff.latencyP99Nanos().mean(), 0);
        return List.of(handOff.nsPerOp() == null ? NOT_AVAILABLE : fixed(handOff.nsPerOp().mean(), 3), latency);
    }

    private static List<String> readCells(RunSummary summary) {
        ReadsAndWritesSummary reads = summary == null ? null : summary.readsAndWrites();
        if (reads == null) {
            return List.of("", "", "");
        }
        return List.of(
                reads.nsPerRead() == null ? NOT_AVAILABLE : fixed(reads.nsPerRead().mean(), 3),
                reads.nsPerWrite() == null ? NOT_AVAILABLE : fixed(reads.nsPerWrite().mean(), 3),
                reads.readRetryRate() == null ? NOT_AVAILABLE : percent(reads.readRetryRate().mean()));
    }

    /** A share as a percentage with two decimals, and {@code <0.01%} for a share that is not zero but rounds to it. */
    private static String percent(double share) {
        return share > 0 && share < 0.0001 ? "<0.01%" : fixed(share * 100, 2) + "%";
    }

    private static void appendAligned(List<Column> columns, List<List<String>> rows, StringBuilder text) {
        int[] widths = new int[columns.size()];
        for (List<String> row : rows) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                if (c > 0) {
                    line.append(columns.get(c).gap());
                }
                String cell = row.get(c);
                String padding = " ".repeat(widths[c] - cell.length());
                boolean last = c == widths.length - 1;
                if (columns.get(c).rightAligned()) {
                    line.append(padding).append(cell);
                } else {
                    line.append(cell).append(last ? "" : padding);
                }
            }
            text.append(line).append('\n');
        }
    }

    private static void explanation(RunResult run, LossExplanation e, StringBuilder text) {
        text.append("Why ").append(run.strategy()).append(" lost updates on ").append(run.threads()).append(' ')
                .append(run.threadType().id()).append(" threads: one extra trial, not measured, in which each thread made ")
                .append(e.incrementsPerThread()).append(" increments and recorded every value it read and wrote.\n");
        text.append("  Lost: ").append(e.lostUpdates()).append(" of ").append(e.recordedIncrements()).append('\n');
        text.append("  Two increments read the same value (one lost each time): ").append(times(e.duplicateWrites()))
                .append('\n');
        text.append("  A stale write erased a thread's increments: ").append(times(e.staleWrites()));
        if (e.staleWrites() > 0) {
            text.append(", at most ").append(e.largestErasure()).append(" increments at once");
        }
        text.append('\n');
        if (!e.erasures().isEmpty()) {
            List<String> counts = new ArrayList<>();
            for (LossExplanation.ErasureCount count : e.erasures()) {
                String k = count.fromIncrements() == count.toIncrements()
                        ? Long.toString(count.fromIncrements())
                        : count.fromIncrements() + "-" + count.toIncrements();
                counts.add("k=" + k + ": " + count.times());
            }
            text.append("    erased k increments: ").append(String.join(", ", counts)).append('\n');
        }
        text.append("  Check: ").append(e.reconciliation()).append('\n');
        text.append("  Recording: ").append(e.nsPerOp() == null ? NOT_AVAILABLE : fixed(e.nsPerOp(), 3)).append(" ns/op");
        if (e.overhead() != null) {
            text.append(", ").append(fixed(e.overhead(), 1)).append("x the measured trials'");
        }
        text.append(", ").append(bytes(e.logBytes())).append(" of log\n");
        for (LossExplanation.Interleaving example : e.examples()) {
            text.append("  Example: ").append(example.title().toLowerCase(Locale.ROOT)).append('\n');
            interleaving(example, text);
            text.append("    => ").append(example.outcome()).append('\n');
        }
    }

    /** A column per thread, a row per step, as Lincheck prints an interleaving. */
    private static void interleaving(LossExplanation.Interleaving example, StringBuilder text) {
        List<Integer> threads = example.threads();
        int width = "thread 00".length();
        for (LossExplanation.Step step : example.steps()) {
            width = Math.max(width, step.action().length());
        }
        StringBuilder heading = new StringBuilder("    ");
        for (int thread : threads) {
            heading.append(pad("thread " + thread, width + 3));
        }
        text.append(heading.toString().stripTrailing()).append('\n');
        for (LossExplanation.Step step : example.steps()) {
            int column = threads.indexOf(step.thread());
            String line = "    " + " ".repeat((width + 3) * column) + step.action();
            text.append(line.stripTrailing()).append('\n');
        }
    }

    private static String times(long n) {
        return n + (n == 1 ? " time" : " times");
    }

    private static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        return n < 1024 * 1024 ? fixed(n / 1024.0, 1) + " KiB" : fixed(n / (1024.0 * 1024), 1) + " MiB";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String shares(RunSummary summary) {
        if (summary == null || summary.minThreadShare() == null || summary.maxThreadShare() == null) {
            return NOT_AVAILABLE;
        }
        return fixed(summary.minThreadShare().min() * 100, 1) + "–" + fixed(summary.maxThreadShare().max() * 100, 1) + "%";
    }

    private static String lost(MinMeanMax rate) {
        if (rate == null) {
            return NOT_AVAILABLE;
        }
        double percent = rate.mean() * 100;
        if (percent > 0 && percent < 0.05) {
            return "<0.1%";
        }
        return fixed(percent, 1) + "%";
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Names and error messages come from clients; a control character in one (an escape sequence, a
     * line break) would otherwise reach the reader's terminal and could rewrite or break the output.
     */
    static String printable(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            boolean control = Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT;
            clean.appendCodePoint(control ? ' ' : cp);
        });
        return clean.toString();
    }

    /** "2 platform threads", "1 virtual thread", "8 processes". */
    private static String workers(int n, ThreadType type) {
        if (type == ThreadType.PROCESS) {
            return n + (n == 1 ? " process" : " processes");
        }
        return n + " " + type.id() + (n == 1 ? " thread" : " threads");
    }
}
