package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.engine.CancellationToken;
import dev.concurrency.playground.engine.JitWatch;
import dev.concurrency.playground.engine.PinningRecording;
import dev.concurrency.playground.engine.ProcessChild;
import dev.concurrency.playground.engine.RecordedTrial;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialCancelledException;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.engine.TrialMeasurement;
import dev.concurrency.playground.engine.TrialPlan;
import dev.concurrency.playground.engine.Workload;
import dev.concurrency.playground.experiment.BackendInfo;
import dev.concurrency.playground.experiment.Environment;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.Pinning;
import dev.concurrency.playground.experiment.RunParams;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.TrialOrder;
import dev.concurrency.playground.experiment.WarmUp;
import dev.concurrency.playground.experiment.analysis.LossExplanation;
import dev.concurrency.playground.experiment.analysis.LossReconstruction;
import dev.concurrency.playground.experiment.analysis.RunSummary;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import dev.concurrency.playground.experiment.analysis.Verdict;
import dev.concurrency.playground.experiment.event.ExperimentEvent;
import dev.concurrency.playground.experiment.event.ExperimentEvents;
import dev.concurrency.playground.store.ExperimentStore;
import dev.concurrency.playground.store.StoreUnavailableException;
import dev.concurrency.playground.strategy.Backend;
import dev.concurrency.playground.strategy.Backends;
import dev.concurrency.playground.strategy.DatabaseCounter;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs the runs of one experiment: for every strategy and every thread count, a warm-up that lasts until
 * the strategy's loop is compiled and its timings have settled, then the measured trials, each published
 * as it ends, and each finished run stored and published. The trials of different runs run in the order
 * the spec asks for: run after run, or interleaved (trial 1 of every run, then trial 2, ...). What happens
 * around it (which experiment runs when, how it is stopped and how it ends) is the
 * {@link ExperimentRunner}'s business.
 */
final class RunSequence {

    private static final Logger LOG = Logger.getLogger(RunSequence.class);

    /** A warm-up trial more than this much faster than the best before it means the timings still improve. */
    static final double SETTLED_RATIO = 0.9;

    /**
     * A measured trial is disturbed when the JIT compiled for at least this share of its span: enough to take
     * a core from the workers for a while. A long fixed-time trial in a service that also answers requests
     * sees some compiling; that must not make every such trial run twice.
     */
    static final double DISTURBING_COMPILE_SHARE = 0.01;

    private final ExperimentStore store;
    private final StrategyCatalog catalog;
    private final ExperimentEvents events;
    private final ExperimentMetrics metrics;
    private final TrialCosts costs;
    private final TrialEngine engine;
    private final Environment environment;
    private final JitWatch jit;
    private final long warmupMinNanos;
    private final long warmupMaxNanos;
    private final long checkpointNanos;
    /** Memory an explain trial may take (playground.limits.max-explain-bytes). */
    private final long explainBytes;
    /** Where the strategies with a backend other than a database (Redis) find it. */
    private final TrialBackends backends;

    /** Where the database strategies race. */
    private final RaceDatabases databases;

    RunSequence(ExperimentStore store, StrategyCatalog catalog, ExperimentEvents events, ExperimentMetrics metrics,
            TrialCosts costs, TrialEngine engine, Environment environment, JitWatch jit, Duration warmupMinTime,
            Duration warmupMaxTime, Duration checkpointInterval, long explainBytes, TrialBackends backends,
            RaceDatabases databases) {
        this.store = store;
        this.catalog = catalog;
        this.events = events;
        this.metrics = metrics;
        this.costs = costs;
        this.engine = engine;
        this.environment = environment;
        this.jit = jit;
        this.warmupMinNanos = warmupMinTime.toNanos();
        this.warmupMaxNanos = Math.max(warmupMinNanos, warmupMaxTime.toNanos());
        this.checkpointNanos = checkpointInterval.toNanos();
        this.explainBytes = explainBytes;
        this.backends = backends;
        this.databases = databases;
    }

    /**
     * Runs every run of {@code experiment} until all are done or {@code token} is cancelled.
     *
     * @param interrupted called first when the runner thread is interrupted (a shutdown), so that the
     *     reason it gives wins over a timeout that fires meanwhile; the interrupt flag is then restored
     * @return the last run, measured but not stored: the caller stores it with the experiment's end, in one
     *     write, since nothing happens between the two (an experiment of one run cost four commits, a third of
     *     them for this); empty for an experiment without runs
     * @throws Stopped when a trial was cancelled or the thread interrupted; it carries the measured
     *     trials of the runs in progress, which are kept
     */
    Optional<RunResult> run(Experiment experiment, CancellationToken token, Runnable interrupted, Writes writes)
            throws Stopped {
        ExperimentSpec spec = experiment.spec();
        try (PinningWatch pinning = new PinningWatch(spec.blocks() && spec.threadType() == ThreadType.VIRTUAL)) {
            return run(experiment, token, interrupted, writes, pinning);
        }
    }

    private Optional<RunResult> run(Experiment experiment, CancellationToken token, Runnable interrupted, Writes writes,
            PinningWatch pinning) throws Stopped {
        ExperimentSpec spec = experiment.spec();
        List<Run> runs = new ArrayList<>();
        // One set for the experiment, so every run of it says which database it used.
        DatabaseBackends database = databases.backendsFor(spec.databaseOrDefault());
        for (String strategyId : spec.strategies()) {
            Strategy strategy = catalog.find(strategyId)
                    .orElseThrow(() -> new IllegalStateException("Unknown strategy " + strategyId));
            Backends planBackends = switch (strategy.backend().orElse(null)) {
                case DATABASE -> database;
                case REDIS -> backends;
                case null -> Backends.NONE;
            };
            for (RunParams params : spec.runParams()) {
                for (int threads : spec.threadCounts()) {
                    runs.add(new Run(strategy, spec.hasParams() ? params : null, new TrialPlan(strategy,
                            spec.threadType(), threads, spec.workload(), planBackends, params.work(),
                            params.reads()), pinning));
                }
            }
        }
        try {
            if (spec.trialOrder() == TrialOrder.INTERLEAVED) {
                for (Run run : runs) {
                    run.warmUp(spec.warmupTrials(), token);
                }
                long checkpointed = System.nanoTime();
                for (int trial = 1; trial <= spec.trials(); trial++) {
                    for (Run run : runs) {
                        run.measure(trial, experiment, token);
                    }
                    if (trial < spec.trials() && System.nanoTime() - checkpointed >= checkpointNanos) {
                        checkpoint(runs, experiment);
                        checkpointed = System.nanoTime();
                    }
                }
                for (Run run : runs) {
                    run.explainIfAsked(spec, token);
                }
                for (Run run : runs.subList(0, Math.max(0, runs.size() - 1))) { // the last is stored with the end
                    store(run, experiment, writes);
                }
            } else {
                for (Run run : runs) {
                    run.warmUp(spec.warmupTrials(), token);
                    for (int trial = 1; trial <= spec.trials(); trial++) {
                        run.measure(trial, experiment, token);
                    }
                    run.explainIfAsked(spec, token);
                    if (run != runs.getLast()) { // the last is stored with the end
                        store(run, experiment, writes);
                    }
                }
            }
            return runs.isEmpty() ? Optional.empty() : Optional.of(completed(runs.getLast(), experiment));
        } catch (TrialCancelledException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                interrupted.run();
                Thread.currentThread().interrupt(); // so the runner's loop ends too
            }
            throw new Stopped(runs.stream().filter(run -> !run.stored && !run.trials.isEmpty())
                    .map(run -> withPinning(run.result(spec), run.pinning())).toList());
        }
    }

    /**
     * Stores the runs of an interleaved experiment part-way, so that a crash keeps their trials so far (the
     * runs are stored whole after the last round). No event: followers had each trial as it ended. One
     * attempt only: a database that is down costs a checkpoint, not the measuring time of waiting for it.
     */
    private void checkpoint(List<Run> runs, Experiment experiment) {
        List<RunResult> partial = runs.stream().map(run -> run.result(experiment.spec())).toList();
        Optional<Experiment> stored;
        try {
            stored = store.update(experiment.id(), e -> {
                if (e.status() != ExperimentStatus.RUNNING) {
                    return e;
                }
                Experiment with = e;
                for (RunResult run : partial) {
                    with = with.withRun(run);
                }
                return with;
            }).filter(e -> e.status() == ExperimentStatus.RUNNING);
        } catch (StoreUnavailableException e) {
            LOG.debugf("Checkpoint of experiment %s skipped: %s", experiment.id(), e.getMessage());
            return;
        }
        if (stored.isEmpty()) {
            throw new Orphaned(store.find(experiment.id()).orElse(experiment));
        }
    }

    private void store(Run run, Experiment experiment, Writes writes) {
        RunResult result = completed(run, experiment);
        // Only while it is still ours: an instance taken for dead has had its experiment ended by another.
        Optional<Experiment> stored = writes.retrying("store a run of experiment " + experiment.id(),
                () -> events.record(experiment.id(), ExperimentEvent.RUN, () -> store.update(experiment.id(),
                        e -> e.status() == ExperimentStatus.RUNNING ? e.withRun(result) : e)
                        .filter(e -> e.status() == ExperimentStatus.RUNNING), s -> ExperimentEvent.RunEvent.of(result)));
        if (stored.isEmpty() && !Thread.currentThread().isInterrupted()) {
            throw new Orphaned(store.find(experiment.id()).orElse(experiment));
        }
        run.stored = true;
    }

    /** The result of a run whose trials are all measured, counted in the metrics, and the bug it would show. */
    private RunResult completed(Run run, Experiment experiment) {
        RunResult result = withPinning(run.result(experiment.spec()), run.pinning());
        if (result.threadSafe() && result.verdict() == Verdict.CORRUPTED) {
            LOG.errorf("Playground bug: thread-safe strategy %s lost updates at %d %s threads in experiment %s: %s",
                    run.strategy.id(), run.plan.threads(), run.plan.threadType().id(), experiment.id(), result.verdictReason());
        }
        metrics.runCompleted(result, Duration.ofNanos(run.elapsedNanos));
        return result;
    }

    /**
     * The run with its pinning; when its workers were pinned, its verdict's reason says so, since pinning is why
     * virtual threads that block may never have run side by side.
     */
    private static RunResult withPinning(RunResult run, Pinning pinning) {
        if (pinning == null || pinning.events() == null || pinning.events() == 0) {
            return run.withPinning(pinning);
        }
        String pinned = " Its virtual threads were pinned to their carriers " + pinning.events() + " times while they "
                + "blocked: a pinned thread keeps its carrier, so at most " + pinning.carriers() + " of them ran at a time.";
        return new RunResult(run.strategy(), run.threads(), run.threadType(), run.threadSafe(), run.oversubscribed(),
                run.verdict(), run.verdictReason() == null ? pinned.strip() : run.verdictReason() + pinned, run.trials(),
                run.summary(), run.warmup(), run.explanation(), run.params(), run.backend(), run.database(), pinning);
    }

    /**
     * One trial, and what it cost beyond its timed span, which keeps the admission estimate honest. Not for a
     * strategy with a backend: its workers connect before the gate, milliseconds each, and that figure would
     * make every experiment on many threads look dearer than it is.
     */
    /** {@link #runTrial(TrialPlan, CancellationToken)} kept apart in time from the trials whose pinning is counted. */
    private TrialMeasurement runTrial(TrialPlan plan, CancellationToken token, PinningWatch pinning)
            throws TrialCancelledException, InterruptedException {
        long from = pinning.beginTrial();
        try {
            return runTrial(plan, token);
        } finally {
            pinning.endTrial(from);
        }
    }

    private TrialMeasurement runTrial(TrialPlan plan, CancellationToken token)
            throws TrialCancelledException, InterruptedException {
        long started = System.nanoTime();
        TrialMeasurement measurement = engine.run(plan, token);
        if (plan.strategy().backend().isEmpty()) {
            costs.observe(plan.threadType(), plan.threads(), System.nanoTime() - started - measurement.durationNanos());
        }
        return measurement;
    }

    /** Whether the JIT compiled, between two readings of its time, for at least {@link #DISTURBING_COMPILE_SHARE} of the trial. */
    private static boolean disturbedByJit(long compilingBefore, long compilingAfter, TrialMeasurement measurement) {
        return compilingBefore >= 0 && compilingAfter > compilingBefore
                && (compilingAfter - compilingBefore) * 1e6 >= DISTURBING_COMPILE_SHARE * measurement.durationNanos();
    }

    /** Nanoseconds per increment of one trial, as its workers did them. */
    private static double nanosPerOp(TrialMeasurement measurement) {
        return (double) measurement.durationNanos() / Math.max(1, measurement.expectedCount());
    }

    /** One run in progress: its warm-up, its measured trials so far, and the time it has taken. */
    private final class Run {
        final Strategy strategy;
        /** The run's parameters, or null when the experiment has none. */
        final RunParams params;
        final TrialPlan plan;
        final List<TrialResult> trials = new ArrayList<>();
        int warmupTrials;
        long warmupNanos;
        Boolean compiled;
        boolean settled;
        int repeated;
        int disturbed;
        long elapsedNanos;
        boolean stored;
        LossExplanation explanation;
        /** What the strategy's backend said it is, asked before the first trial; null for a strategy in the heap. */
        BackendInfo backend;
        boolean described;

        /** Where its virtual threads' pinning is recorded. */
        final PinningWatch pinningWatch;
        /** When its kept measured trials ran: the pinning in them is the run's. */
        final List<PinningRecording.Window> windows = new ArrayList<>();
        private PinningRecording.Window lastDisturbedWindow;

        Run(Strategy strategy, RunParams params, TrialPlan plan, PinningWatch pinningWatch) {
            this.strategy = strategy;
            this.params = params;
            this.plan = plan;
            this.pinningWatch = pinningWatch;
        }

        /** How its measured trials' workers were pinned, when the experiment watches for it; else null. */
        Pinning pinning() {
            return pinningWatch.pinningOf(windows);
        }

        /** Asks the backend, once, before this run's first trial, what it is; not timed, and not part of a trial. */
        void describeBackend() {
            if (!described) {
                described = true;
                backend = backends.describe(strategy).orElse(null);
            }
        }

        /**
         * At least {@code minTrials} trials and the minimum warm-up time, then on until the loop is compiled
         * at the top tier and the last trial is no longer clearly faster than the best before it, or until
         * the maximum warm-up time. No warm-up at all when none was asked for.
         */
        void warmUp(int minTrials, CancellationToken token) throws TrialCancelledException, InterruptedException {
            describeBackend();
            pinningWatch.start(); // before warming up, so that starting Flight Recorder disturbs no measured trial
            if (minTrials == 0 || inProcesses()) {
                return; // every process trial starts fresh JVMs, which warm themselves up (see WarmUp)
            }
            long started = System.nanoTime();
            double best = Double.POSITIVE_INFINITY;
            boolean external = strategy.backend().isPresent();
            while (true) {
                // The JIT's clock is read around a database strategy's warm-up trials only: an in-heap run waits
                // for its loop to be compiled instead.
                long compilingBefore = external ? jit.compilationMillis() : -1;
                TrialMeasurement measurement = runTrial(plan, token, pinningWatch);
                boolean jitQuiet = external && !disturbedByJit(compilingBefore, jit.compilationMillis(), measurement);
                double nanosPerOp = nanosPerOp(measurement);
                warmupTrials++;
                settled = warmupTrials >= 2 && nanosPerOp >= SETTLED_RATIO * best;
                best = Math.min(best, nanosPerOp);
                // A database strategy's time goes to round trips, not to its loop, which may never be hot enough
                // for the top tier: it is warm when its timings have settled and the JIT has stopped compiling
                // during its trials (the driver's code, called from a loop that runs a thousand times less often,
                // is compiled for seconds after the first trial), so that its measured trials are not run twice.
                compiled = external ? null : jit.compiledAtTopTier(strategy);
                boolean ready = external ? settled && jitQuiet : settled && !Boolean.FALSE.equals(compiled);
                long elapsed = System.nanoTime() - started;
                if (warmupTrials >= minTrials && elapsed >= warmupMinNanos && (elapsed >= warmupMaxNanos || ready)) {
                    warmupNanos = elapsed;
                    elapsedNanos += elapsed;
                    return;
                }
            }
        }

        /**
         * Measured trial {@code number}, run again once if the JIT compiled during it (its threads then took
         * cores from the workers, or it was compiling this very loop) and the run warmed up, and published.
         */
        void measure(int number, Experiment experiment, CancellationToken token)
                throws TrialCancelledException, InterruptedException {
            describeBackend();
            pinningWatch.start();
            long started = System.nanoTime();
            TrialMeasurement measurement = undisturbed(token);
            if (measurement == null && warmupTrials == 0) {
                // Warm-up off: the request asked for the JIT's work to be measured, not waited out. The trial is
                // kept and counted; repeating it could also take the experiment past its planned time.
                disturbed++;
                measurement = lastDisturbed;
                windows.add(lastDisturbedWindow);
            } else if (measurement == null) {
                repeated++;
                measurement = undisturbed(token);
                if (measurement == null) {
                    disturbed++;
                    measurement = lastDisturbed;
                    windows.add(lastDisturbedWindow);
                }
            }
            elapsedNanos += System.nanoTime() - started;
            TrialResult result = TrialResult.of(number, plan.threads(), measurement);
            trials.add(result);
            events.publish(experiment.id(), ExperimentEvent.TRIAL, new ExperimentEvent.TrialEvent(
                    strategy.id(), plan.threads(), plan.threadType().id(), params, result));
        }

        private TrialMeasurement lastDisturbed;

        /**
         * One trial, or null (keeping it in {@link #lastDisturbed}) when the JIT compiled for at least
         * {@link #DISTURBING_COMPILE_SHARE} of its span while it ran.
         */
        private TrialMeasurement undisturbed(CancellationToken token) throws TrialCancelledException, InterruptedException {
            if (inProcesses()) {
                return runTrial(plan, token); // this JVM's JIT tells nothing of the children's
            }
            long before = jit.compilationMillis();
            long from = pinningWatch.beginTrial();
            TrialMeasurement measurement = runTrial(plan, token);
            PinningRecording.Window window = pinningWatch.endTrial(from);
            if (disturbedByJit(before, jit.compilationMillis(), measurement)) {
                lastDisturbed = measurement;
                lastDisturbedWindow = window;
                return null;
            }
            windows.add(window);
            return measurement;
        }

        /** The explain trial, after this run's measured ones, when the spec asks and the strategy can be explained. */
        void explainIfAsked(ExperimentSpec spec, CancellationToken token) throws TrialCancelledException, InterruptedException {
            if (spec.explain() && strategy.explainable() && !inProcesses()) {
                long started = System.nanoTime();
                explanation = explain(plan, spec, trials, token);
                elapsedNanos += System.nanoTime() - started;
            }
        }

        boolean inProcesses() {
            return plan.threadType() == ThreadType.PROCESS;
        }

        RunResult result(ExperimentSpec spec) {
            WarmUp warmup = inProcesses()
                    ? WarmUp.inChildProcesses(ProcessChild.WARMUP_MILLIS)
                    : WarmUp.of(warmupTrials, TimeUnit.NANOSECONDS.toMillis(warmupNanos), compiled, settled, repeated,
                            disturbed);
            return RunResult.of(strategy.id(), plan.threads(), plan.threadType(), strategy.safeIn(plan.threadType().workerKind()),
                    spec.durationMillis() != null, environment.availableProcessors(), trials, warmup)
                    .withExplanation(explanation)
                    .withParams(params)
                    .withBackend(backend)
                    .withDatabase(plan.backends() instanceof DatabaseBackends database
                            && strategy.newCounter() instanceof DatabaseCounter<?> counter
                            ? database.used(counter.isolationLevel()) : null);
        }
    }

    /**
     * The Flight Recorder stream that records how an experiment's virtual threads were pinned, when the experiment
     * blocks on virtual threads; does nothing otherwise. It is started before a run warms up or measures, and
     * stopped (which waits for every event so far) when a run's result is taken; runs one after the other each have
     * a recording of their own, interleaved runs share one. A run's pinning is what was pinned while its kept measured
     * trials ran, each a few milliseconds apart from the others (see {@link PinningRecording} for why by time).
     */
    static final class PinningWatch implements AutoCloseable {
        /**
         * Milliseconds between the end of one trial and the start of the next, in which no pinning is counted: the
         * recording tallies by the millisecond, so no millisecond holds two trials' pinning, and Flight Recorder's
         * clock may differ from {@link System#currentTimeMillis()} by a fraction of one.
         */
        static final long GAP_MILLIS = 2;

        private final boolean wanted;
        private PinningRecording recording;
        private PinningRecording last;
        private long lastEndMillis;

        PinningWatch(boolean wanted) {
            this.wanted = wanted;
        }

        void start() {
            if (wanted && recording == null) {
                recording = PinningRecording.start();
            }
        }

        /** When watching, waits until {@link #GAP_MILLIS} after the last trial's end; the trial's start. */
        long beginTrial() {
            if (!wanted) {
                return 0;
            }
            long now;
            while ((now = System.currentTimeMillis()) < lastEndMillis + GAP_MILLIS) {
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
            return now;
        }

        /** The trial's window, from {@code from} to now. */
        PinningRecording.Window endTrial(long from) {
            lastEndMillis = System.currentTimeMillis();
            return new PinningRecording.Window(from, lastEndMillis);
        }

        /** The pinning of these threads, from the recording that ran while they did; null when not wanted. */
        Pinning pinningOf(List<PinningRecording.Window> windows) {
            if (!wanted) {
                return null;
            }
            if (recording != null) {
                recording.stop();
                last = recording;
                recording = null;
            }
            if (last == null) {
                return null;
            }
            if (last.unavailable() != null) {
                return Pinning.notRecorded(last.unavailable());
            }
            PinningRecording.PinnedTally tally = last.of(windows);
            return Pinning.recorded(tally.events(), tally.totalNanos(), tally.longestNanos(), tally.reasons(),
                    tally.carriers());
        }

        @Override
        public void close() {
            if (recording != null) {
                recording.close();
            }
        }
    }

    /**
     * The explain trial: after the measured ones and never one of them (no event, no statistic, no trial
     * cost), a fixed-work trial small enough that every increment of every thread is recorded, so the
     * reconstruction from its logs is exact.
     */
    private LossExplanation explain(TrialPlan measured, ExperimentSpec spec, List<TrialResult> trials,
            CancellationToken token) throws TrialCancelledException, InterruptedException {
        long perThread = LossReconstruction.incrementsPerThread(explainBytes, measured.threads(), spec.incrementsPerThread());
        if (perThread < 1) {
            return null; // validation refuses such a request; a limit lowered since it was accepted lands here
        }
        RecordedTrial recorded = engine.runRecorded(new TrialPlan(measured.strategy(), measured.threadType(),
                measured.threads(), new Workload.FixedWork(perThread)), token);
        RunSummary summary = RunSummary.of(trials);
        return LossReconstruction.explain(recorded.reads(), recorded.writes(), recorded.measurement().actualCount(),
                perThread, TrialResult.of(0, measured.threads(), recorded.measurement()).nsPerOp(),
                summary.nsPerOp() == null ? null : summary.nsPerOp().mean());
    }

    /** How the sequence writes what the experiment's story depends on: retried while the store is unavailable. */
    @FunctionalInterface
    interface Writes {
        <T> Optional<T> retrying(String what, Supplier<Optional<T>> write);
    }

    /** The experiment is no longer RUNNING in the store (another instance ended it), or is gone. */
    static final class Orphaned extends RuntimeException {
        private final transient Experiment current;

        Orphaned(Experiment current) {
            super("it is " + current.status() + " in the store", null, false, false);
            this.current = current;
        }

        Experiment current() {
            return current;
        }
    }

    /** The sequence was stopped; carries the trials of the runs it was in, which are kept. */
    static final class Stopped extends Exception {
        private final transient List<RunResult> partialRuns;

        Stopped(List<RunResult> partialRuns) {
            super(null, null, false, false);
            this.partialRuns = List.copyOf(partialRuns);
        }

        /** The runs in progress that had measured trials, in the spec's order; empty if none had. */
        List<RunResult> partialRuns() {
            return partialRuns;
        }
    }
}
