package dev.concurrency.playground.bench;

import dev.concurrency.playground.engine.CancellationToken;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.engine.TrialMeasurement;
import dev.concurrency.playground.engine.TrialPlan;
import dev.concurrency.playground.engine.Workload;
import dev.concurrency.playground.experiment.analysis.SampleStatistics;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Checks the playground's figures against JMH on this machine, in one go, and prints a Markdown report
 * (also written to the file named by the {@code calibration.report} system property).
 *
 * <ol>
 *   <li>For every thread-safe strategy and the {@code unsynchronized} baseline, at 1 and 2 threads:
 *       JMH's ns/op, then the engine's ns/op in a fresh JVM, one right after the other.</li>
 *   <li>The harness overhead: the engine against JMH on the cheapest loop.</li>
 *   <li>The same rows once more, all in this one JVM, the way the long-lived service runs them.</li>
 *   <li>Race detection of the racy strategies, and a lost-update check of the thread-safe ones.</li>
 * </ol>
 *
 * <p>Arguments: {@code --quick} for a smoke test of a couple of minutes; {@code --only=id,id} to
 * restrict every section to some strategies. Run it with {@code ./mvnw -Pbench verify}.
 *
 * <p>The process exits with 1 if a thread-safe strategy lost an update (a playground bug); missed
 * timing targets are reported, not failed on, because a shared machine's noise can miss them too.
 */
public final class Calibration {

    /** JMH's and the engine's figures are compared at these thread counts; the issue asks for 1 and 2. */
    private static final int[] THREAD_COUNTS = {1, 2};

    /** The plain loop: the cheapest real operation, so the best view of what the harness itself adds. */
    private static final String BASELINE = "unsynchronized";

    private static final double DETECTION_TARGET = 0.95;

    private static final double OVERHEAD_TARGET_NANOS = 1.0;

    /**
     * A measurement whose threads got less than 85% of a core each, on a machine at least 85% busy, was
     * time-sliced with other work. The forks' own start-up and JIT threads keep a healthy row of
     * CPU-bound threads near or above 100%.
     */
    private static final double ALLOWED_SHORTFALL = 0.15;

    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    /**
     * How long each part runs. The full budget, on 2 cores: 22 rows × (JMH ≈ 9 s with its fork, engine
     * ≈ 8.5 s with its fork) ≈ 6.4 min; the in-process pass 22 × 4 s ≈ 1.5 min; race detection
     * 2 × (5 s fixed-time + ≈ 2.5 s fixed-work) + 10 thread-safe × 5 s ≈ 1 min. Measured: 8.6 minutes,
     * 8.7 with the Maven build around it, inside the 12 the issue allows. The in-process pass is the one
     * that was cut (1 warm-up, 3 trials) because it only has to show a difference, not pass a target; the
     * thread-safe lost-update check keeps all 50 trials because it fits. A row whose threads other
     * processes kept off their cores is measured again, at most {@code retries} times in the whole run
     * (4 × ≈ 18 s), so a busy shared machine costs at most about 1.2 minutes more.
     */
    record Settings(
            String name,
            int warmups,
            int iterations,
            long iterationMillis,
            int inProcessWarmups,
            int inProcessTrials,
            int raceTrials,
            long raceMillis,
            long raceIncrementsPerThread,
            int safeTrials,
            int retries) {

        /** Matches what the issue asks of JMH: 3 × 1 s warm-up, 5 × 1 s measurement; the engine gets the same. */
        static final Settings FULL = new Settings("full", 3, 5, 1000, 1, 3, 50, 100, 1_000_000, 50, 4);

        static final Settings QUICK = new Settings("quick", 1, 2, 200, 1, 2, 10, 100, 1_000_000, 5, 1);
    }

    /**
     * One JMH run.
     *
     * @param score JMH's primary score: per iteration, the mean over threads of each thread's ns/op
     * @param pooled per iteration, the whole iteration's time per operation (the harmonic mean of the
     *     threads' scores, as every thread measured the same span): the way the playground divides
     *     total time by total work
     * @param threadSpread mean over iterations of the slowest thread's ns/op over the fastest one's
     */
    record JmhFigures(SampleStatistics score, SampleStatistics pooled, double threadSpread) {
    }

    /**
     * One line of the comparison.
     *
     * @param jmhCpu cores used by JMH's fork and by everything else while it ran
     * @param forkedCpu the same for the playground's forked run
     * @param inProcessCpu the same for the in-process run, or {@code null} before it
     * @param attempt which attempt at the row these figures come from
     * @param attempts how many attempts were made
     */
    record Row(Strategy strategy, int threads, JmhFigures jmh, CpuShare.Usage jmhCpu, PlaygroundProbe.Measurement forked,
            CpuShare.Usage forkedCpu, PlaygroundProbe.Measurement inProcess, CpuShare.Usage inProcessCpu, int attempt,
            int attempts) {

        Row withInProcess(PlaygroundProbe.Measurement measurement, CpuShare.Usage cpu) {
            return new Row(strategy, threads, jmh, jmhCpu, forked, forkedCpu, measurement, cpu, attempt, attempts);
        }

        Row withAttempts(int made) {
            return new Row(strategy, threads, jmh, jmhCpu, forked, forkedCpu, inProcess, inProcessCpu, attempt, made);
        }

        SampleStatistics playground() {
            return SampleStatistics.of(forked.nsPerOp());
        }

        double ratio() {
            return playground().mean() / jmh.score().mean();
        }

        double pooledRatio() {
            return playground().mean() / jmh.pooled().mean();
        }

        /** Robust to the one slow second that dominates a mean of five heavy-tailed samples. */
        double medianRatio() {
            return playground().p50() / jmh.score().p50();
        }

        boolean judged() {
            return strategy.threadSafe();
        }

        double low() {
            return threads == 1 ? 0.8 : 0.67;
        }

        double high() {
            return threads == 1 ? 1.25 : 1.5;
        }

        boolean ok() {
            return within(ratio());
        }

        boolean within(double ratio) {
            return ratio >= low() && ratio <= high();
        }

        boolean disturbed() {
            return deprived(jmhCpu, threads) || deprived(forkedCpu, threads);
        }

        /** How much other work competed with the worse half of the row; unknown counts as none. */
        double competition() {
            double worst = Math.max(jmhCpu.others(), forkedCpu.others());
            return Double.isNaN(worst) ? 0 : worst;
        }
    }

    /**
     * Whether a measurement's threads went without cores because other processes had them. Using fewer
     * cores than threads is not enough: a thread parked on a fair lock gives its core away by itself.
     * Only when the machine was also full did someone else take it.
     */
    static boolean deprived(CpuShare.Usage cpu, int threads) {
        double enough = 1 - ALLOWED_SHORTFALL;
        boolean shortOfCores = cpu.ours() < enough * Math.min(threads, PROCESSORS);
        boolean machineFull = cpu.ours() + cpu.others() >= enough * PROCESSORS;
        return shortOfCores && machineFull; // false when unknown (NaN)
    }

    /** Race detection of one racy strategy in one workload mode. */
    record Detection(String strategy, String mode, int trials, int caught, double meanOverlap, double meanLostShare,
            CpuShare.Usage cpu) {
        double rate() {
            return (double) caught / trials;
        }
    }

    /** Lost updates of one thread-safe strategy over its trials. */
    record SafetyCheck(String strategy, int trials, long lostUpdates, int wrongTrials) {
    }

    private final Settings settings;
    private final List<Strategy> compared;
    private final List<Strategy> racy;
    private final List<Strategy> safe;
    private final String java;
    private final List<String> jvmArgs;
    private final String classPath;
    private final StringBuilder report = new StringBuilder();

    Calibration(Settings settings, Set<String> only) {
        this.settings = settings;
        // The strategies in the heap: JMH measures a loop in the JVM, and a database strategy's increment is a
        // round trip to a server that neither harness owns, measured against it in the service's own tests.
        List<Strategy> all = new StrategyCatalog().all().stream()
                .filter(s -> s.backend().isEmpty())
                .filter(s -> only.isEmpty() || only.contains(s.id()))
                .toList();
        this.compared = all.stream().filter(s -> s.threadSafe() || s.id().equals(BASELINE)).toList();
        this.racy = all.stream().filter(s -> !s.threadSafe()).toList();
        this.safe = all.stream().filter(Strategy::threadSafe).toList();
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // JMH's forks and the engine's forks get the same JVM, flags and class path, so neither has an edge.
        List<String> flags = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        String quiet = "--sun-misc-unsafe-memory-access=allow";
        if (Runtime.version().feature() >= 24 && !flags.contains(quiet)) {
            // JMH 1.37 uses sun.misc.Unsafe, which JDK 24+ warns about in every fork; the warning is all it changes.
            flags.add(quiet);
        }
        this.jvmArgs = List.copyOf(flags);
        this.classPath = System.getProperty("java.class.path");
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.FULL;
        Set<String> only = new HashSet<>();
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            } else if (arg.equals("--quick")) {
                settings = Settings.QUICK;
            } else if (arg.startsWith("--only=")) {
                only.addAll(Arrays.asList(arg.substring("--only=".length()).split(",")));
            } else {
                System.err.println("usage: Calibration [--quick] [--only=strategy,strategy...]");
                System.exit(2);
            }
        }
        Set<String> known = new HashSet<>(new StrategyCatalog().ids());
        for (String id : only) {
            if (!known.contains(id)) {
                System.err.println("Unknown strategy " + id + "; known: " + known);
                System.exit(2);
            }
        }
        boolean safe = new Calibration(settings, only).run();
        System.exit(safe ? 0 : 1);
    }

    /** Runs every section; false if a thread-safe strategy lost an update. */
    boolean run() throws Exception {
        long started = System.nanoTime();
        environment();

        List<Row> rows = new ArrayList<>();
        int total = compared.size() * THREAD_COUNTS.length;
        int retriesLeft = settings.retries();
        for (Strategy strategy : compared) {
            for (int threads : THREAD_COUNTS) {
                String label = String.format(Locale.ROOT, "[%d/%d] %s at %d thread(s)", rows.size() + 1, total,
                        strategy.id(), threads);
                Row row = measure(strategy, threads, label, 1);
                while (row.disturbed() && retriesLeft > 0) {
                    retriesLeft--;
                    progress("%s: got %s / %s cores for %d thread(s) while other processes used %s / %s; measuring it again",
                            label, cores(row.jmhCpu().ours()), cores(row.forkedCpu().ours()), threads,
                            cores(row.jmhCpu().others()), cores(row.forkedCpu().others()));
                    Row again = measure(strategy, threads, label, row.attempt() + 1);
                    // Both halves of a row must come from one attempt, or the ratio compares two machines.
                    row = again.competition() < row.competition() ? again : row.withAttempts(again.attempt());
                }
                rows.add(row);
            }
        }
        // The service runs every strategy in one JVM, strategy after strategy in catalog order; so does this.
        TrialEngine engine = new TrialEngine();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            progress("[%d/%d] %s at %d thread(s): playground engine, in this JVM", i + 1, total, row.strategy().id(), row.threads());
            CpuShare.Sample before = CpuShare.sample();
            PlaygroundProbe.Measurement inProcess = PlaygroundProbe.measure(engine, row.strategy(), row.threads(),
                    settings.inProcessWarmups(), settings.inProcessTrials(), settings.iterationMillis());
            rows.set(i, row.withInProcess(inProcess, CpuShare.between(before, CpuShare.sample())));
        }
        CpuShare.Sample racesStart = CpuShare.sample();
        List<Detection> detections = new ArrayList<>();
        for (Strategy strategy : racy) {
            progress("race detection: %s", strategy.id());
            detections.add(detect(engine, strategy, "fixed-time " + settings.raceMillis() + " ms",
                    new Workload.FixedTime(settings.raceMillis())));
            detections.add(detect(engine, strategy, "fixed-work " + settings.raceIncrementsPerThread() + " per thread",
                    new Workload.FixedWork(settings.raceIncrementsPerThread())));
        }
        List<SafetyCheck> checks = new ArrayList<>();
        for (Strategy strategy : safe) {
            progress("lost-update check: %s", strategy.id());
            checks.add(check(engine, strategy));
        }
        CpuShare.Usage racesCpu = CpuShare.between(racesStart, CpuShare.sample());

        comparison(rows);
        overhead(rows);
        diagnostics(rows);
        races(detections, checks, racesCpu);
        line("");
        line("Total time: %s.", human(Duration.ofNanos(System.nanoTime() - started)));
        publish();
        return checks.stream().allMatch(c -> c.lostUpdates() == 0 && c.wrongTrials() == 0);
    }

    private Row measure(Strategy strategy, int threads, String label, int attempt) throws Exception {
        progress("%s: JMH", label);
        CpuShare.Sample before = CpuShare.sample();
        JmhFigures jmh = jmh(strategy, threads);
        CpuShare.Sample between = CpuShare.sample();
        progress("%s: playground engine, forked", label);
        PlaygroundProbe.Measurement forked = forkedProbe(strategy, threads);
        CpuShare.Sample after = CpuShare.sample();
        return new Row(strategy, threads, jmh, CpuShare.between(before, between), forked,
                CpuShare.between(between, after), null, null, attempt, attempt);
    }

    private JmhFigures jmh(Strategy strategy, int threads) throws RunnerException {
        Class<?> benchmark = switch (strategy.newCounter().batchSize()) {
            case CheapCounterBenchmark.BATCH -> CheapCounterBenchmark.class;
            case BlockingCounterBenchmark.BATCH -> BlockingCounterBenchmark.class;
            default -> throw new IllegalStateException("No benchmark drives " + strategy.id() + " in batches of "
                    + strategy.newCounter().batchSize());
        };
        TimeValue iteration = TimeValue.milliseconds(settings.iterationMillis());
        Options options = new OptionsBuilder()
                .include(Pattern.quote(benchmark.getName()) + "\\.incrementBatch$")
                .param("strategy", strategy.id())
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .threads(threads)
                .forks(1)
                .warmupIterations(settings.warmups())
                .warmupTime(iteration)
                .measurementIterations(settings.iterations())
                .measurementTime(iteration)
                .jvm(java)
                .jvmArgs(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        if (results.size() != 1) {
            throw new IllegalStateException("Expected one JMH result for " + strategy.id() + ", got " + results.size());
        }
        RunResult result = results.iterator().next();
        List<IterationResult> iterations = result.getBenchmarkResults().stream()
                .flatMap(b -> b.getIterationResults().stream())
                .toList();
        double[] scores = new double[iterations.size()];
        double[] pooled = new double[iterations.size()];
        double spread = 0;
        for (int i = 0; i < iterations.size(); i++) {
            Collection<Result> perThread = iterations.get(i).getRawPrimaryResults();
            double inverseSum = 0;
            double fastest = Double.MAX_VALUE;
            double slowest = 0;
            for (Result r : perThread) {
                inverseSum += 1 / r.getScore();
                fastest = Math.min(fastest, r.getScore());
                slowest = Math.max(slowest, r.getScore());
            }
            scores[i] = iterations.get(i).getPrimaryResult().getScore();
            pooled[i] = perThread.size() / inverseSum;
            spread += slowest / fastest;
        }
        return new JmhFigures(SampleStatistics.of(scores), SampleStatistics.of(pooled), spread / iterations.size());
    }

    private PlaygroundProbe.Measurement forkedProbe(Strategy strategy, int threads) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", classPath, PlaygroundProbe.class.getName(), strategy.id(), String.valueOf(threads),
                String.valueOf(settings.warmups()), String.valueOf(settings.iterations()),
                String.valueOf(settings.iterationMillis())));
        // Output goes to a file rather than a pipe, so that a hung probe cannot block us past the time limit.
        Path output = Files.createTempFile("playground-probe", ".txt");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            long budgetMillis = (settings.warmups() + settings.iterations()) * settings.iterationMillis() + 60_000;
            if (!process.waitFor(budgetMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("The playground probe for " + strategy.id() + " at " + threads
                        + " threads did not finish within " + budgetMillis + " ms");
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            PlaygroundProbe.Measurement measurement = lines.stream()
                    .map(PlaygroundProbe::parse)
                    .filter(Objects::nonNull)
                    .reduce((first, second) -> second)
                    .orElse(null);
            if (process.exitValue() != 0 || measurement == null) {
                throw new IllegalStateException("The playground probe for " + strategy.id() + " at " + threads
                        + " threads failed with exit code " + process.exitValue() + ": " + lines);
            }
            return measurement;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private Detection detect(TrialEngine engine, Strategy strategy, String mode, Workload workload) throws Exception {
        TrialPlan plan = new TrialPlan(strategy, ThreadType.PLATFORM, 2, workload);
        CancellationToken never = new CancellationToken();
        // One discarded trial, as the README's experiments use: the first one also pays for compilation.
        engine.run(plan, never);
        int caught = 0;
        double overlap = 0;
        double lostShare = 0;
        CpuShare.Sample before = CpuShare.sample();
        for (int i = 0; i < settings.raceTrials(); i++) {
            TrialMeasurement outcome = engine.run(plan, never);
            if (outcome.lostUpdates() > 0) {
                caught++;
            }
            overlap += outcome.overlap();
            lostShare += (double) outcome.lostUpdates() / outcome.expectedCount();
        }
        int n = settings.raceTrials();
        return new Detection(strategy.id(), mode, n, caught, overlap / n, lostShare / n,
                CpuShare.between(before, CpuShare.sample()));
    }

    private SafetyCheck check(TrialEngine engine, Strategy strategy) throws Exception {
        TrialPlan plan = new TrialPlan(strategy, ThreadType.PLATFORM, 2, new Workload.FixedTime(settings.raceMillis()));
        CancellationToken never = new CancellationToken();
        long lost = 0;
        int wrong = 0;
        for (int i = 0; i < settings.safeTrials(); i++) {
            TrialMeasurement outcome = engine.run(plan, never);
            lost += outcome.lostUpdates();
            if (outcome.lostUpdates() != 0) {
                wrong++;
            }
        }
        return new SafetyCheck(strategy.id(), settings.safeTrials(), lost, wrong);
    }

    // ---- report ----

    private void environment() {
        line("# Playground engine vs JMH");
        line("");
        line("- date: %s", ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        line("- java: %s (%s, %s)", System.getProperty("java.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"));
        line("- available processors: %d", Runtime.getRuntime().availableProcessors());
        line("- CPU: %s", cpuModel());
        line("- load average at start (1, 5, 15 min): %s", loadAverage());
        line("- JVM flags of every fork: %s", jvmArgs.isEmpty() ? "(none)" : String.join(" ", jvmArgs));
        line("- settings: %s. JMH: %d × %d ms warm-up, %d × %d ms measurement, 1 fork. Playground: a fresh JVM per row, "
                        + "%d discarded + %d measured fixed-time trials of %d ms, platform threads. A row whose threads were short "
                        + "of cores is measured again (at most %d times per run). Errors are 99.9%% confidence "
                        + "half-widths (Student's t), as JMH's.",
                settings.name(), settings.warmups(), settings.iterationMillis(), settings.iterations(),
                settings.iterationMillis(), settings.warmups(), settings.iterations(), settings.iterationMillis(),
                settings.retries());
        // The header goes out before the long part, so a watcher knows what is running.
        System.err.print(report);
    }

    private void comparison(List<Row> rows) {
        line("");
        line("## Cost per increment");
        line("");
        line("Ratio = playground / JMH. Targets apply to thread-safe strategies; `%s` is the baseline of the "
                + "harness overhead below.", BASELINE);
        line("");
        line("| strategy | threads | playground ns/op | JMH ns/op | ratio | target | ok |");
        line("|---|---:|---:|---:|---:|---:|---|");
        for (Row row : rows) {
            line("| `%s` | %d | %s | %s | %s | %s | %s |", row.strategy().id(), row.threads(),
                    withError(row.playground()), withError(row.jmh().score()), ratio(row.ratio()),
                    row.judged() ? ratio(row.low()) + "–" + ratio(row.high()) : "baseline",
                    (!row.judged() ? "–" : row.ok() ? "yes" : "**no**") + (row.disturbed() ? " (short of cores)" : ""));
        }
        List<Row> judged = rows.stream().filter(Row::judged).toList();
        long missed = judged.stream().filter(r -> !r.ok()).count();
        long missedClean = judged.stream().filter(r -> !r.ok() && !r.disturbed()).count();
        long clean = judged.stream().filter(r -> !r.disturbed()).count();
        line("");
        line("%d of %d thread-safe rows within target; %d of the %d rows that got their cores.",
                judged.size() - missed, judged.size(), clean - missedClean, clean);
        long disturbed = rows.stream().filter(Row::disturbed).count();
        if (disturbed > 0) {
            line("");
            line("(short of cores): %d row(s) where JMH or the playground got less than %.0f%% of a core per thread "
                    + "while other processes filled the machine (columns *cores* below). Two threads sharing one core "
                    + "take turns: the counter's cache line stays put, locks change hands when the time slice ends, and "
                    + "the figure describes time slicing, not contention. Such a row compares two different "
                    + "experiments; re-run it on a quiet machine.", disturbed, 100 * (1 - ALLOWED_SHORTFALL));
        }
    }

    private void overhead(List<Row> rows) {
        line("");
        line("## Harness overhead");
        line("");
        Row base = rows.stream().filter(r -> r.strategy().id().equals(BASELINE) && r.threads() == 1).findFirst().orElse(null);
        if (base == null) {
            line("Not measured: `%s` was left out.", BASELINE);
            return;
        }
        SampleStatistics playground = base.playground();
        SampleStatistics jmh = base.jmh().score();
        double overhead = playground.mean() - jmh.mean();
        double error = Math.hypot(orZero(playground.error()), orZero(jmh.error()));
        line("`%s` at 1 thread, the plain loop: playground %s ns/op, JMH %s ns/op.", BASELINE,
                withError(playground), withError(jmh));
        line("");
        line("**Overhead: %s ± %s ns per increment** (target < %s ns: %s).", number(overhead), number(error),
                number(OVERHEAD_TARGET_NANOS), Math.abs(overhead) < OVERHEAD_TARGET_NANOS ? "met" : "**missed**");
    }

    private void diagnostics(List<Row> rows) {
        line("");
        line("## Why a ratio can miss");
        line("");
        line("- *JMH pooled*: JMH's score averages each thread's own ns/op; the playground divides the whole "
                + "trial's time by all threads' work. When threads do unequal work (an unfair lock lets one "
                + "thread win most hand-offs) the two differ; the pooled figure is JMH's data divided the "
                + "playground's way.");
        line("- *JMH thread spread*: slowest thread's ns/op over the fastest one's, mean of the iterations.");
        line("- *ratio of medians*: playground median trial over JMH median iteration; when it is in target but "
                + "the ratio of means is not, one or two slow seconds on one side decided the mean.");
        line("- *overlap*: the playground's share of each trial during which every worker was alive (minimum over "
                + "trials); below 1 means start-up or stop skew inside the timed span. It cannot tell whether the "
                + "workers were on a core at the same time: the cores columns can.");
        line("- *cores*: average cores used by the measuring JVM / by all other processes (steal included), "
                + "for JMH's fork and for the playground's fork.");
        line("- *in this JVM*: the same engine run strategy after strategy in one JVM, as the service does "
                + "(%d discarded + %d measured trials); compare with the forked figure.",
                settings.inProcessWarmups(), settings.inProcessTrials());
        line("");
        line("| strategy | threads | JMH pooled ns/op | playground / pooled | JMH thread spread | ratio of medians "
                + "| overlap | cores JMH | cores playground | attempt | in this JVM ns/op | in this JVM / forked "
                + "| cores in this JVM |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row row : rows) {
            SampleStatistics inProcess = SampleStatistics.of(row.inProcess().nsPerOp());
            line("| `%s` | %d | %s | %s | %s | %s | %s | %s | %s | %d of %d | %s | %s | %s |", row.strategy().id(),
                    row.threads(), withError(row.jmh().pooled()), ratio(row.pooledRatio()),
                    ratio(row.jmh().threadSpread()), ratio(row.medianRatio()),
                    String.format(Locale.ROOT, "%.3f", min(row.forked().overlap())),
                    usage(row.jmhCpu()), usage(row.forkedCpu()), row.attempt(), row.attempts(), withError(inProcess),
                    ratio(inProcess.mean() / row.playground().mean()), usage(row.inProcessCpu()));
        }
        List<String> notes = new ArrayList<>();
        for (Row row : rows) {
            if (!row.judged() || row.ok()) {
                continue;
            }
            String why = row.within(row.pooledRatio())
                    ? "within target against JMH's pooled figure (" + ratio(row.pooledRatio()) + "): the threads did "
                            + "unequal work (JMH thread spread " + ratio(row.jmh().threadSpread()) + "), so the miss "
                            + "is in how per-thread figures are averaged, not in the harness"
                    : "also off against JMH's pooled figure (" + ratio(row.pooledRatio()) + ")";
            if (row.within(row.medianRatio())) {
                why += "; the ratio of medians is " + ratio(row.medianRatio()) + ", so a few slow seconds (JMH from "
                        + number(row.jmh().score().min()) + " to " + number(row.jmh().score().max()) + ", playground from "
                        + number(row.playground().min()) + " to " + number(row.playground().max()) + " ns/op) decided "
                        + "the means: more samples would be needed to compare them";
            }
            if (row.disturbed()) {
                why += "; JMH had " + cores(row.jmhCpu().ours()) + " and the playground " + cores(row.forkedCpu().ours())
                        + " cores for " + row.threads() + " thread(s), so the two measured different things";
            }
            notes.add(String.format(Locale.ROOT, "- `%s` at %d thread(s), ratio %s: %s.", row.strategy().id(),
                    row.threads(), ratio(row.ratio()), why));
        }
        for (Row row : rows) {
            double drift = SampleStatistics.of(row.inProcess().nsPerOp()).mean() / row.playground().mean();
            boolean inProcessShort = deprived(row.inProcessCpu(), row.threads());
            if ((drift < 0.9 || drift > 1.1) && !row.disturbed() && !inProcessShort) {
                notes.add(String.format(Locale.ROOT, "- `%s` at %d thread(s) costs %s× its forked figure when run in "
                        + "one JVM after other strategies.", row.strategy().id(), row.threads(), ratio(drift)));
            }
        }
        if (!notes.isEmpty()) {
            line("");
            notes.forEach(n -> line("%s", n));
        }
    }

    private void races(List<Detection> detections, List<SafetyCheck> checks, CpuShare.Usage cpu) {
        line("");
        line("## Race detection (2 platform threads, in this JVM, 1 discarded trial first)");
        line("");
        line("Cores used by this JVM / by other processes meanwhile: %s. A racy strategy can only be caught while its "
                + "two workers run on two cores at once, so rows whose *cores* fall well below 2 say more about the "
                + "machine than about the race.", usage(cpu));
        line("");
        line("| strategy | workload | trials | caught losing updates | detection rate | target | mean overlap | mean lost "
                + "| cores |");
        line("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Detection d : detections) {
            boolean fixedTime = d.mode().startsWith("fixed-time");
            line("| `%s` | %s | %d | %d | %.0f%% | %s | %.3f | %.1f%% | %s |", d.strategy(), d.mode(), d.trials(),
                    d.caught(), 100 * d.rate(), fixedTime ? (d.rate() >= DETECTION_TARGET ? "≥ 95%: met" : "≥ 95%: **missed**")
                            : "for comparison",
                    d.meanOverlap(), 100 * d.meanLostShare(), usage(d.cpu()));
        }
        line("");
        line("Thread-safe strategies, fixed-time %d ms × %d trials at 2 platform threads (any loss is a playground bug):",
                settings.raceMillis(), settings.safeTrials());
        line("");
        line("| strategy | trials | lost updates (total) | trials with a wrong count |");
        line("|---|---:|---:|---:|");
        for (SafetyCheck c : checks) {
            line("| `%s` | %d | %s | %d |", c.strategy(), c.trials(),
                    c.lostUpdates() == 0 ? "0" : "**" + c.lostUpdates() + "**", c.wrongTrials());
        }
    }

    private void publish() throws IOException {
        System.out.println();
        System.out.print(report);
        String target = System.getProperty("calibration.report");
        if (target != null && !target.isBlank()) {
            Path path = Path.of(target);
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.writeString(path, report, StandardCharsets.UTF_8);
            System.out.println();
            System.out.println("Report written to " + path);
        }
    }

    private void line(String format, Object... args) {
        report.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static void progress(String format, Object... args) {
        System.err.println("calibration: " + String.format(Locale.ROOT, format, args));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("not reported");
        } catch (IOException | RuntimeException e) {
            return "not readable (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(", ", Arrays.copyOf(fields, Math.min(3, fields.length)));
        } catch (IOException | RuntimeException e) {
            return "not readable (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static String withError(SampleStatistics stats) {
        return stats.error() == null ? number(stats.mean()) : number(stats.mean()) + " ± " + number(stats.error());
    }

    /** Three significant figures or so: the spread of these figures rarely justifies more. */
    private static String number(double value) {
        double magnitude = Math.abs(value);
        String format = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, format, value);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String usage(CpuShare.Usage usage) {
        return usage == null ? "–" : cores(usage.ours()) + " / " + cores(usage.others());
    }

    private static String cores(double value) {
        return Double.isNaN(value) ? "?" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static String human(Duration duration) {
        return String.format(Locale.ROOT, "%d min %02d s", duration.toMinutes(), duration.toSecondsPart());
    }
}
