package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.experiment.TestInstance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.experiment.Environment;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.Progress;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.Judgement;
import dev.concurrency.playground.experiment.analysis.LossExplanation;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import dev.concurrency.playground.experiment.analysis.Verdict;
import dev.concurrency.playground.experiment.event.ExperimentEvent;
import dev.concurrency.playground.experiment.event.ExperimentEvents;
import dev.concurrency.playground.store.ListQuery;
import dev.concurrency.playground.strategy.Safety;
import dev.concurrency.playground.strategy.SharedCounter;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runner from submission to a terminal status, on real trials: what it stores, announces and
 * counts, checked against what the trials themselves report and against the configuration. Every
 * assertion holds however the threads are scheduled; liveness is bounded by generous timeouts only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExperimentRunnerTest {

    private final StrategyCatalog realCatalog = new StrategyCatalog();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HookedStore store = new HookedStore();
    private final ExperimentEvents events = new ExperimentEvents();
    private final TrialCosts costs = new TrialCosts();
    private ExperimentRunner runner;

    private ExperimentRunner runner(StrategyCatalog catalog, TestRunnerConfig config) {
        runner = new ExperimentRunner(store, catalog, events, config, new ExperimentMetrics(registry), costs, new TrialEngine());
        return runner;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (runner != null) {
            runner.onStop(null);
        }
    }

    static ExperimentSpec fixedWork(List<String> strategies, List<Integer> threads, long increments, int trials,
            int warmups) {
        return new ExperimentSpec(null, strategies, threads, ThreadType.PLATFORM, increments, null, trials, warmups);
    }

    static ExperimentSpec fixedTime(String strategy, int threads, long millis, int trials) {
        return new ExperimentSpec(null, List.of(strategy), List.of(threads), ThreadType.PLATFORM, null, millis, trials, 0);
    }

    private Experiment awaitEnd(Experiment submitted) throws Exception {
        return runner.completion(submitted.id()).orElseThrow().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The first strategy of the catalog that is (or is not) thread-safe: no id is copied into the test. */
    private Strategy first(boolean threadSafe) {
        return realCatalog.all().stream().filter(s -> s.threadSafe() == threadSafe).findFirst().orElseThrow();
    }

    /**
     * With explain, each run of a racy strategy gets one extra recorded trial after its measured ones: never
     * one of them (not in its trials, its statistics or its events), and its reconstruction accounts for
     * exactly what that trial lost. A thread-safe strategy's run gets none.
     */
    @Test
    void explainAddsAReconciledExplanationToRacyRunsOnlyAndNoTrial() throws Exception {
        Strategy safe = first(true);
        Strategy racy = first(false);
        ExperimentSpec spec = new ExperimentSpec(null, List.of(safe.id(), racy.id()), List.of(2), ThreadType.PLATFORM,
                50_000L, null, 2, 0, true);
        runner(realCatalog, TestRunnerConfig.standard());
        Experiment submitted = runner.submit(spec);
        List<ExperimentEvent> heard = new CopyOnWriteArrayList<>();
        events.subscribe(submitted.id(), heard::add, () -> store.find(submitted.id()), null).orElseThrow();
        runner.onStart(null);

        Experiment done = awaitEnd(submitted);

        assertEquals(ExperimentStatus.COMPLETED, done.status());
        RunResult safeRun = done.runs().get(0);
        RunResult racyRun = done.runs().get(1);
        assertNull(safeRun.explanation(), "nothing to explain in a thread-safe run");
        assertEquals(2, racyRun.trials().size(), "the explain trial is not a measured trial");
        assertEquals(2, racyRun.summary().measuredTrials());
        LossExplanation explained = racyRun.explanation();
        assertTrue(explained.reconciled(), explained.reconciliation());
        assertEquals(2, explained.threads());
        assertEquals(50_000, explained.incrementsPerThread(), "as many as the run asked for, within the memory limit");
        assertEquals(100_000, explained.recordedIncrements(), "every increment recorded");
        assertEquals(explained.lostUpdates(), explained.duplicateWrites() + explained.finalRollBack());
        assertEquals(100_000 * 16, explained.logBytes());
        assertEquals(4, heard.stream().filter(e -> e.name().equals(ExperimentEvent.TRIAL)).count(),
                "two measured trials per run are announced, and no explain trial");
        assertEquals(done, store.find(submitted.id()).orElseThrow(), "the explanation is stored with its run");
    }

    @Test
    void aFixedWorkExperimentRunsEveryRunInOrderAndReportsWhatTheTrialsCounted() throws Exception {
        Strategy safe = first(true);
        Strategy racy = first(false);
        long increments = 20_000;
        ExperimentSpec spec = fixedWork(List.of(safe.id(), racy.id()), List.of(1, 2), increments, 2, 1);
        runner(realCatalog, TestRunnerConfig.standard());
        long before = System.nanoTime();
        Experiment submitted = runner.submit(spec);
        List<ExperimentEvent> heard = new CopyOnWriteArrayList<>();
        events.subscribe(submitted.id(), heard::add, () -> store.find(submitted.id()), null).orElseThrow();
        runner.onStart(null);

        Experiment done = awaitEnd(submitted);
        long wall = System.nanoTime() - before;

        assertEquals(ExperimentStatus.COMPLETED, done.status());
        assertNull(done.statusReason());
        assertEquals(done, store.find(submitted.id()).orElseThrow(), "the waiter gets what is stored");
        assertFalse(done.startedAt().isBefore(done.submittedAt()));
        assertFalse(done.finishedAt().isBefore(done.startedAt()));
        assertEquals(Environment.current(runner.instance()), done.environment());
        assertEquals(new Progress(4, 4), done.progress());

        // Strategy by strategy, thread count by thread count, as the spec lists them.
        List<String> order = done.runs().stream().map(r -> r.strategy() + "@" + r.threads()).toList();
        assertEquals(List.of(safe.id() + "@1", safe.id() + "@2", racy.id() + "@1", racy.id() + "@2"), order);
        int processors = Runtime.getRuntime().availableProcessors();
        for (RunResult run : done.runs()) {
            String where = run.strategy() + " on " + run.threads();
            assertEquals(realCatalog.find(run.strategy()).orElseThrow().threadSafe(), run.threadSafe(), where);
            assertEquals(ThreadType.PLATFORM, run.threadType(), where);
            assertEquals(run.threads() > processors, run.oversubscribed(), where);
            assertEquals(spec.trials(), run.trials().size(), "warm-ups are not reported: " + where);
            assertEquals(spec.trials(), run.summary().measuredTrials(), where);
            for (int i = 0; i < run.trials().size(); i++) {
                TrialResult trial = run.trials().get(i);
                assertEquals(i + 1, trial.trial(), where);
                // Fixed work: every thread did exactly its increments.
                assertEquals(run.threads() * increments, trial.expectedCount(), where);
                // A lost update can only lower the count, and one thread has nobody to lose it to.
                assertTrue(trial.actualCount() <= trial.expectedCount(), where);
                if (run.threadSafe() || run.threads() == 1) {
                    assertEquals(trial.expectedCount(), trial.actualCount(), where);
                }
            }
            if (run.threads() == 1) {
                assertEquals(Verdict.INCONCLUSIVE, run.verdict(), where);
            }
        }

        // Meters: one submission, one completion, a run duration per run, the lost updates of the measured trials.
        assertEquals(1, count("playground.experiments.submitted"));
        assertEquals(1, count("playground.experiments.finished", "status", "completed"));
        for (Strategy strategy : List.of(safe, racy)) {
            Timer runs = registry.find("playground.run.duration").tags("strategy", strategy.id()).timer();
            assertEquals(spec.threadCounts().size(), runs.count());
            assertTrue(runs.totalTime(TimeUnit.NANOSECONDS) <= wall, "runs take no longer than the experiment");
            long lost = done.runs().stream().filter(r -> r.strategy().equals(strategy.id()))
                    .flatMap(r -> r.trials().stream()).mapToLong(t -> t.expectedCount() - t.actualCount()).sum();
            assertEquals(lost, count("playground.lost.updates", "strategy", strategy.id()));
        }

        // Events: the start, each trial and run as it happened, then the end; numbered from 1 without a gap.
        List<String> expectedNames = new ArrayList<>(List.of(ExperimentEvent.STATUS));
        for (int run = 0; run < 4; run++) {
            for (int trial = 0; trial < spec.trials(); trial++) {
                expectedNames.add(ExperimentEvent.TRIAL);
            }
            expectedNames.add(ExperimentEvent.RUN);
        }
        expectedNames.add(ExperimentEvent.END);
        assertEquals(expectedNames, heard.stream().map(ExperimentEvent::name).toList());
        for (int i = 0; i < heard.size(); i++) {
            assertEquals(i + 1, heard.get(i).id());
        }
        ExperimentEvent.StatusEvent started = assertInstanceOf(ExperimentEvent.StatusEvent.class, heard.get(0).data());
        assertEquals(ExperimentStatus.RUNNING, started.status());
        assertEquals(new Progress(0, 4), started.progress());
        RunResult firstRun = done.runs().get(0);
        assertEquals(new ExperimentEvent.TrialEvent(safe.id(), 1, ThreadType.PLATFORM.id(), null, firstRun.trials().get(0)), heard.get(1).data());
        assertEquals(ExperimentEvent.RunEvent.of(firstRun), heard.get(1 + spec.trials()).data());
        assertEquals(done, heard.get(heard.size() - 1).data());
        assertEquals(0, events.followers(submitted.id()), "nobody follows a finished experiment");

        // Calibration before the first experiment measured both kinds of thread (only platform ones ran here),
        // and the trials' own costs were sane.
        TrialCosts pessimistic = new TrialCosts();
        assertNotEquals(pessimistic.estimate(ThreadType.VIRTUAL), costs.estimate(ThreadType.VIRTUAL));
        assertTrue(costs.estimate(ThreadType.PLATFORM).fixedNanos() < TimeUnit.SECONDS.toNanos(1),
                "a trial of one or two threads costs less than a second beyond its timed span: " + costs.estimate(ThreadType.PLATFORM));
    }

    @Test
    void fixedTimeTrialsLastTheirDurationAndRunsNoLongerThanTheWallClock() throws Exception {
        long millis = 30;
        ExperimentSpec spec = new ExperimentSpec(null, List.of(first(true).id()), List.of(1, 2), ThreadType.PLATFORM,
                null, millis, 2, 1);
        runner(realCatalog, TestRunnerConfig.standard());
        runner.onStart(null);
        long before = System.nanoTime();
        Experiment done = awaitEnd(runner.submit(spec));
        long wall = System.nanoTime() - before;

        assertEquals(ExperimentStatus.COMPLETED, done.status());
        long trialNanos = TimeUnit.MILLISECONDS.toNanos(millis);
        for (RunResult run : done.runs()) {
            for (TrialResult trial : run.trials()) {
                assertTrue(trial.durationNanos() >= trialNanos, "a trial lasts its durationMillis: " + trial);
                assertTrue(trial.durationNanos() <= wall, "and no longer than the experiment: " + trial);
                assertEquals(trial.expectedCount(), trial.actualCount(), "thread-safe: " + trial);
            }
        }
        Timer runs = registry.find("playground.run.duration").timer();
        assertEquals(spec.threadCounts().size(), runs.count());
        // Each run is its warm-up and measured trials, each of at least the duration, end to end.
        long perRun = (spec.trials() + spec.warmupTrials()) * trialNanos;
        assertTrue(runs.totalTime(TimeUnit.NANOSECONDS) >= spec.threadCounts().size() * perRun, runs.totalTime(TimeUnit.MILLISECONDS) + " ms");
        assertTrue(runs.totalTime(TimeUnit.NANOSECONDS) <= wall, runs.totalTime(TimeUnit.MILLISECONDS) + " ms");
        assertTrue(runs.max(TimeUnit.NANOSECONDS) >= perRun);
    }

    @Test
    void aStrategyWhoseCounterThrowsFailsTheExperimentKeepingTheRunsBeforeIt() throws Exception {
        Strategy broken = TestStrategies.strategy("broken", Safety.THREAD_SAFE, TestStrategies.Throwing::new);
        String safe = first(true).id();
        runner(TestStrategies.catalogWith(broken), TestRunnerConfig.standard());
        runner.onStart(null);

        Experiment failed = awaitEnd(runner.submit(fixedWork(List.of(safe, broken.id()), List.of(2), 1_000, 1, 0)));

        assertEquals(ExperimentStatus.FAILED, failed.status());
        assertTrue(Pattern.matches("The experiment failed \\(error id [0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\\): .+",
                failed.statusReason()), failed.statusReason());
        assertTrue(failed.statusReason().contains(TestStrategies.Throwing.MESSAGE), failed.statusReason());
        assertEquals(List.of(safe), failed.runs().stream().map(RunResult::strategy).toList(),
                "the run before the failure is kept; the failed one measured nothing");
        assertEquals(new Progress(1, 2), failed.progress());
        assertNotNull(failed.finishedAt());
        assertEquals(1, count("playground.experiments.finished", "status", "failed"));

        // The runner survives it: the next experiment runs.
        Experiment next = awaitEnd(runner.submit(fixedWork(List.of(safe), List.of(1), 10, 1, 0)));
        assertEquals(ExperimentStatus.COMPLETED, next.status());
        assertTrue(runner.isReady());
    }

    @Test
    void aStrategyTheCatalogDoesNotKnowFailsTheExperiment() throws Exception {
        runner(realCatalog, TestRunnerConfig.standard());
        runner.onStart(null);
        Experiment failed = awaitEnd(runner.submit(fixedWork(List.of("no-such-strategy"), List.of(1), 10, 1, 0)));
        assertEquals(ExperimentStatus.FAILED, failed.status());
        assertTrue(failed.statusReason().endsWith("): Unknown strategy no-such-strategy"), failed.statusReason());
        assertEquals(List.of(), failed.runs());
    }

    @Test
    void aFullQueueRefusesWithTheEstimatedTimeOfTheWorkAheadSpreadOverTheRunners() {
        TestRunnerConfig config = TestRunnerConfig.standard().withQueueCapacity(3).withConcurrency(2);
        runner(realCatalog, config); // not started: everything stays queued
        String strategy = first(true).id();
        double ahead = 0;
        for (int i = 1; i <= config.queue().capacity(); i++) {
            ExperimentSpec spec = fixedTime(strategy, 2, 1_000L * i, 7);
            ahead += runner.estimate(spec).seconds();
            runner.submit(spec);
        }
        assertEquals(config.queue().capacity(), runner.queueDepth());

        SubmissionRefusedException full = assertThrows(SubmissionRefusedException.class,
                () -> runner.submit(fixedTime(strategy, 2, 1, 1)));

        assertEquals(SubmissionRefusedException.Reason.QUEUE_FULL, full.reason());
        assertEquals((long) Math.ceil(ahead / config.runner().concurrency()), full.retryAfterSeconds(), "ahead: " + ahead);
        assertTrue(full.getMessage().contains("(" + config.queue().capacity() + " experiments waiting"), full.getMessage());
        assertEquals(config.queue().capacity(), count("playground.experiments.submitted"));
        assertEquals(1, count("playground.experiments.rejected", "reason", "queue_full"));
        assertEquals(config.queue().capacity(), store.list(ListQuery.all(100)).items().size(), "nothing refused is stored");
    }

    @Test
    void aCancelledQueuedExperimentNoLongerCountsAsWorkAhead() {
        TestRunnerConfig config = TestRunnerConfig.standard().withQueueCapacity(2).withConcurrency(1);
        runner(realCatalog, config);
        String strategy = first(true).id();
        ExperimentSpec big = fixedTime(strategy, 2, 50_000, 10);
        ExperimentSpec small = fixedTime(strategy, 2, 1_000, 3);
        String cancelled = runner.submit(big).id();
        runner.submit(small);
        runner.cancel(cancelled);
        runner.submit(small);

        SubmissionRefusedException full = assertThrows(SubmissionRefusedException.class, () -> runner.submit(small));
        assertEquals((long) Math.ceil(2 * runner.estimate(small).seconds()), full.retryAfterSeconds());
    }

    @Test
    void retryAfterIsAtMostAnHourAndAtLeastASecond() throws InterruptedException {
        String strategy = first(true).id();
        runner(realCatalog, TestRunnerConfig.standard().withQueueCapacity(1));
        ExperimentSpec huge = fixedTime(strategy, 2, 60_000, 100); // 100 minutes
        assertTrue(runner.estimate(huge).seconds() > 3600);
        runner.submit(huge);
        assertEquals(3600, assertThrows(SubmissionRefusedException.class, () -> runner.submit(huge)).retryAfterSeconds());
        runner.onStop(null);

        runner(realCatalog, TestRunnerConfig.standard().withQueueCapacity(1));
        ExperimentSpec tiny = fixedTime(strategy, 1, 1, 1);
        assertTrue(runner.estimate(tiny).seconds() < 1);
        runner.submit(tiny);
        assertEquals(1, assertThrows(SubmissionRefusedException.class, () -> runner.submit(tiny)).retryAfterSeconds());
    }

    @Test
    void theRunningExperimentCountsOnlyWithWhatItHasLeftToDo() throws Exception {
        Strategy endless = TestStrategies.strategy("endless", Safety.THREAD_SAFE, TestStrategies.Endless::new);
        TestRunnerConfig config = TestRunnerConfig.standard().withQueueCapacity(1);
        runner(TestStrategies.catalogWith(endless), config);
        long before = System.nanoTime();
        // Fixed-time, so the estimate says how long it is planned to run; the endless counter keeps it running.
        ExperimentSpec lengthy = new ExperimentSpec(null, List.of(endless.id()), List.of(1), ThreadType.PLATFORM, null,
                60_000L, 1, 0);
        double planned = runner.estimate(lengthy).seconds();
        Experiment running = runner.submit(lengthy);
        runner.onStart(null);
        while (!runner.runningExperiments().contains(running.id())) {
            Thread.sleep(5);
        }
        Thread.sleep(1_000); // so that at least a second of it is done
        ExperimentSpec small = fixedTime(first(true).id(), 1, 10, 1);
        double queuedLow = runner.estimate(small).seconds();
        runner.submit(small);
        double queuedHigh = runner.estimate(small).seconds();

        SubmissionRefusedException full = assertThrows(SubmissionRefusedException.class, () -> runner.submit(small));
        double elapsedAtMost = (System.nanoTime() - before) / 1e9;

        long retry = full.retryAfterSeconds();
        assertTrue(retry <= Math.ceil(Math.max(queuedLow, queuedHigh) + planned - 1), "a second is done: " + retry);
        assertTrue(retry >= Math.ceil(Math.min(queuedLow, queuedHigh) + planned - elapsedAtMost),
                "no more than the elapsed time is done: " + retry + " of " + planned);
        runner.cancel(running.id());
    }

    @Test
    void cancellingAQueuedExperimentEndsItAtOnceAndCancellingAFinishedOneRemovesIt() throws Exception {
        runner(realCatalog, TestRunnerConfig.standard()); // not started: the experiment stays queued
        Experiment queued = runner.submit(fixedWork(List.of(first(true).id()), List.of(1), 10, 1, 0));
        var waiter = runner.completion(queued.id()).orElseThrow().toCompletableFuture();

        var stopping = assertInstanceOf(ExperimentRunner.Cancellation.Stopping.class, runner.cancel(queued.id()));

        Experiment cancelled = stopping.stopped().toCompletableFuture().getNow(null);
        assertNotNull(cancelled, "a queued experiment stops at once");
        assertEquals(ExperimentStatus.CANCELLED, cancelled.status());
        assertEquals("cancelled by request", cancelled.statusReason());
        assertNull(cancelled.startedAt(), "it never ran");
        assertNotNull(cancelled.finishedAt());
        assertEquals(cancelled, waiter.getNow(null));
        assertEquals(0, runner.queueDepth());
        assertEquals(1, count("playground.experiments.finished", "status", "cancelled"));
        assertEquals(cancelled, runner.completion(queued.id()).orElseThrow().toCompletableFuture().getNow(null),
                "a late waiter gets the stored end");

        assertInstanceOf(ExperimentRunner.Cancellation.Removed.class, runner.cancel(queued.id()));
        assertTrue(store.find(queued.id()).isEmpty());
        assertInstanceOf(ExperimentRunner.Cancellation.Unknown.class, runner.cancel(queued.id()));
        assertTrue(runner.completion(queued.id()).isEmpty());
        assertInstanceOf(ExperimentRunner.Cancellation.Unknown.class, runner.cancel("never-submitted"));
    }

    @Test
    void readinessQueueAndRunningAreReportedAsTheyAre() throws Exception {
        Strategy endless = TestStrategies.strategy("endless", Safety.THREAD_SAFE, TestStrategies.Endless::new);
        runner(TestStrategies.catalogWith(endless), TestRunnerConfig.standard().withConcurrency(2));
        assertFalse(runner.isReady(), "no runner thread yet");
        assertTrue(runner.isAccepting());
        ExperimentSpec forever = fixedWork(List.of(endless.id()), List.of(1), TestStrategies.FOREVER, 1, 0);
        List<String> ids = List.of(runner.submit(forever).id(), runner.submit(forever).id(), runner.submit(forever).id());
        assertEquals(3, runner.queueDepth());

        runner.onStart(null);
        assertTrue(runner.isReady());
        assertTrue(Runtime.getRuntime().removeShutdownHook(runner.shutdownNotice()),
                "the runner notices a SIGTERM as soon as the JVM does");
        // Two runners: two experiments run side by side, the third waits.
        while (runner.runningExperiments().size() < 2) {
            Thread.sleep(5);
        }
        assertEquals(java.util.Set.copyOf(ids.subList(0, 2)), java.util.Set.copyOf(runner.runningExperiments()));
        assertEquals(1, runner.queueDepth());
        assertEquals(1, registry.find("playground.queue.depth").gauge().value());
        assertEquals(2, registry.find("playground.experiments.running").gauge().value());

        runner.onShutdownDelay(null);
        assertFalse(runner.isReady(), "readiness is down as soon as the shutdown begins");
        assertFalse(runner.isAccepting());
        SubmissionRefusedException refused = assertThrows(SubmissionRefusedException.class, () -> runner.submit(forever));
        assertEquals(SubmissionRefusedException.Reason.SHUTTING_DOWN, refused.reason());
        assertEquals(1, count("playground.experiments.rejected", "reason", "shutting_down"));
        for (String id : ids) {
            Experiment ended = runner.completion(id).orElseThrow().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertEquals(ExperimentStatus.CANCELLED, ended.status(), id);
            assertEquals(ExperimentRunner.SHUTTING_DOWN, ended.statusReason(), id);
        }
        assertEquals(3, count("playground.experiments.finished", "status", "cancelled"));
        assertEquals(0, runner.queueDepth());
    }

    @Test
    void aRunsVerdictIsJudgedInTheModeTheExperimentRanIn() throws Exception {
        // Not thread-safe by its own account, yet it never loses an update: its verdict's advice always names
        // the mode, whether the threads overlapped enough or not.
        Strategy lucky = TestStrategies.strategy("lucky", Safety.RACY,
                () -> realCatalog.find(first(true).id()).orElseThrow().newCounter());
        runner(TestStrategies.catalogWith(lucky), TestRunnerConfig.standard());
        runner.onStart(null);
        Experiment fixedWork = awaitEnd(runner.submit(fixedWork(List.of(lucky.id()), List.of(2), 10_000, 1, 0)));
        Experiment fixedTime = awaitEnd(runner.submit(fixedTime(lucky.id(), 2, 10, 1)));

        for (Experiment experiment : List.of(fixedWork, fixedTime)) {
            boolean timed = experiment == fixedTime;
            RunResult run = experiment.runs().get(0);
            assertEquals(0, run.summary().corruptedTrials(), "it loses nothing");
            // No warm-up was asked for, and the reason ends by saying so.
            assertEquals(Judgement.judge(run.trials(), 2, false, timed, false).reason() + " " + run.warmup().caveat(),
                    run.verdictReason());
            assertEquals(0, run.warmup().trials());
            assertNotEquals(Judgement.judge(run.trials(), 2, false, !timed, false).reason(), run.verdictReason(),
                    "the other mode would have advised otherwise");
        }
    }

    @Test
    void everyTrialTellsTheAdmissionEstimateWhatItCostBeyondItsTimedSpan() throws Exception {
        // Making each trial's counter takes a known time, outside the timed span: a cost the estimate must learn.
        long makeMillis = 200;
        long trialMillis = 200;
        Strategy slowToMake = TestStrategies.strategy("slow-to-make", Safety.THREAD_SAFE, () -> {
            try {
                Thread.sleep(makeMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return realCatalog.find(first(true).id()).orElseThrow().newCounter();
        });
        runner(TestStrategies.catalogWith(slowToMake), TestRunnerConfig.standard());
        TrialCosts.Estimate pessimistic = new TrialCosts().estimate(ThreadType.VIRTUAL);
        runner.onStart(null);
        while (costs.estimate(ThreadType.VIRTUAL).equals(pessimistic)) {
            Thread.sleep(5); // calibration measures platform threads first, then virtual ones
        }
        double calibrated = costs.estimate(ThreadType.PLATFORM).fixedNanos();

        // One warm-up and one measured trial, each on one platform thread: two observations of the fixed part.
        Experiment done = awaitEnd(runner.submit(new ExperimentSpec(null, List.of(slowToMake.id()), List.of(1),
                ThreadType.PLATFORM, null, trialMillis, 1, 1)));

        assertEquals(ExperimentStatus.COMPLETED, done.status());
        double fixed = costs.estimate(ThreadType.PLATFORM).fixedNanos();
        double make = TimeUnit.MILLISECONDS.toNanos(makeMillis);
        // Each observation moves the estimate a fifth of the way: 0.64 of the old figure, 0.36 of what the two cost.
        double atLeast = 0.64 * calibrated + 0.36 * make;
        assertTrue(fixed >= atLeast, fixed + " >= " + atLeast);
        // The timed span is not a cost: counted twice over, it would add 0.72 of a trial.
        double timedTwice = 0.72 * TimeUnit.MILLISECONDS.toNanos(trialMillis);
        assertTrue(fixed < atLeast + timedTwice, fixed + " < " + (atLeast + timedTwice));
    }

    @Test
    void aCalibrationThatFailsLeavesThePessimisticFiguresAndTheRunnerRunning() throws Exception {
        // The catalog's calibration strategy, replaced by one whose counter throws.
        Strategy brokenAtomic = TestStrategies.strategy("atomic", Safety.THREAD_SAFE, TestStrategies.Throwing::new);
        runner(TestStrategies.catalogWith(brokenAtomic), TestRunnerConfig.standard());
        runner.onStart(null);
        String safe = realCatalog.all().stream().filter(Strategy::threadSafe).map(Strategy::id)
                .filter(id -> !id.equals(brokenAtomic.id())).findFirst().orElseThrow();
        Experiment done = awaitEnd(runner.submit(fixedWork(List.of(safe), List.of(1), 100, 1, 0)));
        assertEquals(ExperimentStatus.COMPLETED, done.status());
        assertEquals(new TrialCosts().estimate(ThreadType.VIRTUAL), costs.estimate(ThreadType.VIRTUAL),
                "no virtual trial ran, and calibration measured nothing");
        assertTrue(runner.isReady());
    }

    @Test
    void aThreadSafeStrategyThatLosesUpdatesIsLoggedAsAPlaygroundBugAndNoOtherIs() throws Exception {
        // Counters that count every increment but one: on one thread, exactly one lost update per trial.
        Supplier<SharedCounter> losesOne = () -> new TestStrategies.Immediate() {
            @Override
            public long total() {
                return super.total() - 1;
            }
        };
        Strategy claimsSafe = TestStrategies.strategy("claims-safe", Safety.THREAD_SAFE, losesOne);
        Strategy racy = TestStrategies.strategy("racy", Safety.RACY, losesOne);
        Strategy safe = TestStrategies.strategy("safe", Safety.THREAD_SAFE, TestStrategies.Immediate::new);
        runner(TestStrategies.catalogWith(claimsSafe, racy, safe), TestRunnerConfig.standard());
        java.util.Set<java.util.logging.LogRecord> errors = java.util.Collections.synchronizedSet(
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        // JBoss Logging writes to the JBoss LogManager's logger when that is the JDK's log manager (as under
        // Surefire) and to the JDK's own logger otherwise (as under PIT): listen to both, and count each record
        // once, as both may be views of the same logger.
        String name = RunSequence.class.getName();
        List<java.util.logging.Logger> logs = List.of(java.util.logging.Logger.getLogger(name),
                org.jboss.logmanager.LogContext.getLogContext().getLogger(name));
        logs.forEach(l -> l.addHandler(capture));
        try {
            runner.onStart(null);
            Experiment done = awaitEnd(runner.submit(fixedWork(List.of(claimsSafe.id(), racy.id(), safe.id()), List.of(1),
                    100, 1, 0)));
            assertEquals(List.of(Verdict.CORRUPTED, Verdict.CORRUPTED, Verdict.INCONCLUSIVE),
                    done.runs().stream().map(RunResult::verdict).toList());
            List<String> messages;
            synchronized (errors) {
                messages = errors.stream().map(r -> String.valueOf(r.getMessage())).toList();
            }
            List<String> bugs = messages.stream().filter(m -> m.contains("Playground bug")).toList();
            assertEquals(1, bugs.size(), "errors logged: " + messages);
            assertTrue(bugs.get(0).contains(claimsSafe.id()) && bugs.get(0).contains(done.id()), bugs.get(0));
        } finally {
            logs.forEach(l -> l.removeHandler(capture));
        }
    }

    @Test
    void anExperimentRemovedFromTheStoreWhileItRunsEndsItsWaitersWithAnError() throws Exception {
        // No path of the service removes a running experiment; a store that loses one must not leave waiters hanging.
        java.util.concurrent.CountDownLatch trialStarted = new java.util.concurrent.CountDownLatch(1);
        Strategy endless = TestStrategies.strategy("endless", Safety.THREAD_SAFE, () -> {
            trialStarted.countDown();
            return new TestStrategies.Endless();
        });
        runner(TestStrategies.catalogWith(endless), TestRunnerConfig.standard());
        runner.onStart(null);
        Experiment running = runner.submit(fixedWork(List.of(endless.id()), List.of(1), TestStrategies.FOREVER, 1, 0));
        var waiter = runner.completion(running.id()).orElseThrow().toCompletableFuture();
        assertTrue(trialStarted.await(60, TimeUnit.SECONDS));
        assertTrue(store.delete(running.id()));
        runner.cancel(running.id()); // finds nothing to cancel: it is no longer stored
        runner.beginShutdown();      // so stop it this way

        var failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> waiter.get(30, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, failure.getCause());
        assertEquals("experiment " + running.id() + " was removed", failure.getCause().getMessage());
    }
}
