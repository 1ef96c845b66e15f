package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.engine.CancellationToken;
import dev.concurrency.playground.engine.RecordedTrial;
import dev.concurrency.playground.engine.TrialCancelledException;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.engine.TrialMeasurement;
import dev.concurrency.playground.engine.TrialPlan;
import dev.concurrency.playground.engine.Workload;
import dev.concurrency.playground.experiment.Environment;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.LossExplanation;
import dev.concurrency.playground.experiment.analysis.LossReconstruction;
import dev.concurrency.playground.experiment.analysis.RunSummary;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import dev.concurrency.playground.experiment.analysis.Verdict;
import dev.concurrency.playground.experiment.event.ExperimentEvent;
import dev.concurrency.playground.experiment.event.ExperimentEvents;
import dev.concurrency.playground.store.ExperimentStore;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs the runs of one experiment, in order: for every strategy and every thread count, the warm-up
 * trials and then the measured ones, each measured trial published as it ends and each finished run
 * stored and published. What happens around it (which experiment runs when, how it is stopped and
 * how it ends) is the {@link ExperimentRunner}'s business.
 */
final class RunSequence {

    private static final Logger LOG = Logger.getLogger(RunSequence.class);

    private final ExperimentStore store;
    private final StrategyCatalog catalog;
    private final ExperimentEvents events;
    private final ExperimentMetrics metrics;
    private final TrialCosts costs;
    private final TrialEngine engine;
    private final Environment environment;
    /** Memory an explain trial may take (playground.limits.max-explain-bytes). */
    private final long explainBytes;

    RunSequence(ExperimentStore store, StrategyCatalog catalog, ExperimentEvents events, ExperimentMetrics metrics,
            TrialCosts costs, TrialEngine engine, Environment environment, long explainBytes) {
        this.store = store;
        this.catalog = catalog;
        this.events = events;
        this.metrics = metrics;
        this.costs = costs;
        this.engine = engine;
        this.environment = environment;
        this.explainBytes = explainBytes;
    }

    /**
     * Runs every run of {@code experiment} until all are done or {@code token} is cancelled.
     *
     * @param interrupted called first when the runner thread is interrupted (a shutdown), so that the
     *     reason it gives wins over a timeout that fires meanwhile; the interrupt flag is then restored
     * @throws Stopped when a trial was cancelled or the thread interrupted; it carries the measured
     *     trials of the run in progress, which are kept
     */
    void run(Experiment experiment, CancellationToken token, Runnable interrupted, Writes writes) throws Stopped {
        ExperimentSpec spec = experiment.spec();
        boolean fixedTime = spec.durationMillis() != null;
        for (String strategyId : spec.strategies()) {
            Strategy strategy = catalog.find(strategyId)
                    .orElseThrow(() -> new IllegalStateException("Unknown strategy " + strategyId));
            for (int threads : spec.threadCounts()) {
                TrialPlan plan = new TrialPlan(strategy, spec.threadType(), threads, spec.workload());
                long runStarted = System.nanoTime();
                List<TrialResult> trials = new ArrayList<>(spec.trials());
                LossExplanation explanation = null;
                try {
                    for (int warmup = 0; warmup < spec.warmupTrials(); warmup++) {
                        runTrial(plan, token);
                    }
                    for (int trial = 1; trial <= spec.trials(); trial++) {
                        TrialResult result = TrialResult.of(trial, threads, runTrial(plan, token));
                        trials.add(result);
                        events.publish(experiment.id(), ExperimentEvent.TRIAL, new ExperimentEvent.TrialEvent(
                                strategy.id(), threads, spec.threadType().id(), result));
                    }
                    if (spec.explain() && strategy.explainable()) {
                        explanation = explain(plan, spec, trials, token);
                    }
                } catch (TrialCancelledException | InterruptedException e) {
                    if (e instanceof InterruptedException) {
                        interrupted.run();
                        Thread.currentThread().interrupt(); // so the runner's loop ends too
                    }
                    throw new Stopped(trials.isEmpty() ? null : RunResult.of(strategy.id(), threads,
                            spec.threadType(), strategy.threadSafe(), fixedTime, environment.availableProcessors(), trials));
                }
                RunResult run = RunResult.of(strategy.id(), threads, spec.threadType(), strategy.threadSafe(),
                        fixedTime, environment.availableProcessors(), trials).withExplanation(explanation);
                if (strategy.threadSafe() && run.verdict() == Verdict.CORRUPTED) {
                    LOG.errorf("Playground bug: thread-safe strategy %s lost updates at %d %s threads in experiment %s: %s",
                            strategy.id(), threads, spec.threadType().id(), experiment.id(), run.verdictReason());
                }
                // Only while it is still ours: an instance taken for dead has had its experiment ended by another.
                Optional<Experiment> stored = writes.retrying("store a run of experiment " + experiment.id(),
                        () -> events.record(experiment.id(), ExperimentEvent.RUN, () -> store.update(experiment.id(),
                                e -> e.status() == ExperimentStatus.RUNNING ? e.withRun(run) : e)
                                .filter(e -> e.status() == ExperimentStatus.RUNNING), s -> ExperimentEvent.RunEvent.of(run)));
                if (stored.isEmpty() && !Thread.currentThread().isInterrupted()) {
                    throw new Orphaned(store.find(experiment.id()).orElse(experiment));
                }
                metrics.runCompleted(run, Duration.ofNanos(System.nanoTime() - runStarted));
            }
        }
    }

    /** One trial, and what it cost beyond its timed span, which keeps the admission estimate honest. */
    private TrialMeasurement runTrial(TrialPlan plan, CancellationToken token)
            throws TrialCancelledException, InterruptedException {
        long started = System.nanoTime();
        TrialMeasurement measurement = engine.run(plan, token);
        costs.observe(plan.threadType(), plan.threads(), System.nanoTime() - started - measurement.durationNanos());
        return measurement;
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

    /** The sequence was stopped; carries the trials of the run it was in, which are kept. */
    static final class Stopped extends Exception {
        private final transient RunResult partialRun;

        Stopped(RunResult partialRun) {
            super(null, null, false, false);
            this.partialRun = partialRun;
        }

        /** The measured trials of the run in progress, or {@code null} if it had none. */
        RunResult partialRun() {
            return partialRun;
        }
    }
}
