package dev.concurrency.playground.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.Progress;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.TrialOrder;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import dev.concurrency.playground.experiment.event.ExperimentEvents;
import dev.concurrency.playground.strategy.Safety;
import dev.concurrency.playground.strategy.SharedCounter;
import dev.concurrency.playground.strategy.Strategy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every way a running experiment is stopped, in fixed-work mode: the strategy here never finishes a
 * trial by itself, so only the stop can end it, and a stop that is ignored shows as a timeout. Also
 * the hand-over from the queue to a runner, which a hook in the store holds open deterministically.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExperimentRunnerStopTest {

    private static final String CANCELLED_BY_REQUEST = "cancelled by request";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HookedStore store = new HookedStore();
    private ExperimentRunner runner;

    /** Counters made so far, one per trial (warm-ups included); each one made on the runner's own thread. */
    private final AtomicInteger counters = new AtomicInteger();
    private final AtomicReference<Thread> runnerThread = new AtomicReference<>();
    private final CountDownLatch endlessTrialStarted = new CountDownLatch(1);

    /**
     * A strategy whose first {@code quick} trials finish at once and whose later ones never end by
     * themselves; each worker of those waits for {@code release} once stopped.
     */
    private Strategy quickThenEndless(int quick, CountDownLatch release) {
        Supplier<SharedCounter> make = () -> {
            runnerThread.set(Thread.currentThread());
            if (counters.getAndIncrement() < quick) {
                return new TestStrategies.Immediate();
            }
            endlessTrialStarted.countDown();
            return new TestStrategies.Endless(release);
        };
        return TestStrategies.strategy("endless", Safety.THREAD_SAFE, make);
    }

    private ExperimentRunner runner(Strategy strategy, TestRunnerConfig config) {
        runner = new ExperimentRunner(store, TestStrategies.catalogWith(strategy), new ExperimentEvents(), config,
                new ExperimentMetrics(registry), new TrialCosts(), new TrialEngine());
        return runner;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (runner != null) {
            runner.onStop(null);
        }
    }

    private static ExperimentSpec forever(Strategy strategy, int trials, int warmups) {
        return new ExperimentSpec(null, List.of(strategy.id()), List.of(2), ThreadType.PLATFORM,
                TestStrategies.FOREVER, null, trials, warmups);
    }

    private Experiment awaitEnd(String id) throws Exception {
        return runner.completion(id).orElseThrow().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private Experiment startEndless(Strategy strategy, TestRunnerConfig config, int trials, int warmups) throws Exception {
        runner(strategy, config);
        runner.onStart(null);
        Experiment submitted = runner.submit(forever(strategy, trials, warmups));
        assertTrue(endlessTrialStarted.await(60, TimeUnit.SECONDS), "the endless trial started");
        return submitted;
    }

    @Test
    void aDeleteStopsAFixedWorkExperiment() throws Exception {
        Experiment running = startEndless(quickThenEndless(0, new CountDownLatch(0)), TestRunnerConfig.standard(), 1, 0);

        var stopping = assertInstanceOf(ExperimentRunner.Cancellation.Stopping.class, runner.cancel(running.id()));

        Experiment stopped = stopping.stopped().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertEquals(ExperimentStatus.CANCELLED, stopped.status());
        assertEquals(CANCELLED_BY_REQUEST, stopped.statusReason());
        assertNotNull(stopped.startedAt());
        assertEquals(List.of(), stopped.runs(), "the trial was stopped before it measured anything");
        assertEquals(new Progress(0, 1), stopped.progress());
        assertEquals(1, registry.find("playground.experiments.finished").tags("status", "cancelled").counter().count());
    }

    @Test
    void theTimeoutStopsAFixedWorkExperiment() throws Exception {
        TestRunnerConfig config = TestRunnerConfig.standard().withExperimentTimeout(Duration.ofMillis(200));
        Experiment running = startEndless(quickThenEndless(0, new CountDownLatch(0)), config, 1, 0);

        Experiment stopped = awaitEnd(running.id());

        assertEquals(ExperimentStatus.TIMED_OUT, stopped.status());
        assertEquals("stopped after the experiment timeout of " + config.runner().experimentTimeout(),
                stopped.statusReason());
        // Both instants are truncated to the millisecond, so the span can look up to 1 ms short.
        assertTrue(Duration.between(stopped.startedAt(), stopped.finishedAt()).plusMillis(1)
                .compareTo(config.runner().experimentTimeout()) >= 0, "not before the timeout: " + stopped);
        assertEquals(1, registry.find("playground.experiments.finished").tags("status", "timed_out").counter().count());
    }

    @Test
    void theShutdownStopsAFixedWorkExperiment() throws Exception {
        Experiment running = startEndless(quickThenEndless(0, new CountDownLatch(0)), TestRunnerConfig.standard(), 1, 0);

        runner.beginShutdown();

        Experiment stopped = awaitEnd(running.id());
        assertEquals(ExperimentStatus.CANCELLED, stopped.status());
        assertEquals(ExperimentRunner.SHUTTING_DOWN, stopped.statusReason());
    }

    @Test
    void stoppingInterleavedRunsKeepsTheMeasuredTrialsOfEveryRunInTheSpecsOrder() throws Exception {
        // quick 1, endless 1 (still quick), quick 2, endless 2 (endless): cancelled there.
        Strategy quick = TestStrategies.strategy("quick", Safety.THREAD_SAFE, TestStrategies.Immediate::new);
        Strategy endless = quickThenEndless(1, new CountDownLatch(0));
        runner = new ExperimentRunner(store, TestStrategies.catalogWith(quick, endless), new ExperimentEvents(),
                TestRunnerConfig.standard(), new ExperimentMetrics(registry), new TrialCosts(), new TrialEngine());
        runner.onStart(null);
        Experiment running = runner.submit(new ExperimentSpec(null, List.of(quick.id(), endless.id()), List.of(2),
                ThreadType.PLATFORM, TestStrategies.FOREVER, null, 3, 0, TrialOrder.INTERLEAVED));
        assertTrue(endlessTrialStarted.await(60, TimeUnit.SECONDS), "the endless trial started");

        runner.cancel(running.id());

        Experiment stopped = awaitEnd(running.id());
        assertEquals(ExperimentStatus.CANCELLED, stopped.status());
        assertEquals(List.of(quick.id(), endless.id()), stopped.runs().stream().map(RunResult::strategy).toList());
        assertEquals(List.of(1, 2), stopped.runs().get(0).trials().stream().map(TrialResult::trial).toList());
        assertEquals(List.of(1), stopped.runs().get(1).trials().stream().map(TrialResult::trial).toList());
        assertEquals(new Progress(0, 2), stopped.progress(), "neither run has all its trials");
    }

    @Test
    void interleavedRunsAreStoredPartWayAfterEachRoundSoACrashKeepsTheirTrials() throws Exception {
        // quick 1, endless 1 (still quick), checkpoint, quick 2, endless 2 (endless): the store holds round 1.
        Strategy quick = TestStrategies.strategy("quick", Safety.THREAD_SAFE, TestStrategies.Immediate::new);
        Strategy endless = quickThenEndless(1, new CountDownLatch(0));
        runner = new ExperimentRunner(store, TestStrategies.catalogWith(quick, endless), new ExperimentEvents(),
                TestRunnerConfig.standard().withCheckpointInterval(Duration.ZERO), new ExperimentMetrics(registry),
                new TrialCosts(), new TrialEngine());
        runner.onStart(null);
        Experiment running = runner.submit(new ExperimentSpec(null, List.of(quick.id(), endless.id()), List.of(2),
                ThreadType.PLATFORM, TestStrategies.FOREVER, null, 3, 0, TrialOrder.INTERLEAVED));
        assertTrue(endlessTrialStarted.await(60, TimeUnit.SECONDS), "the endless trial started");

        Experiment stored = store.find(running.id()).orElseThrow();
        assertEquals(ExperimentStatus.RUNNING, stored.status());
        assertEquals(List.of(quick.id(), endless.id()), stored.runs().stream().map(RunResult::strategy).toList(),
                "both runs are stored after the first round, in the spec's order");
        for (RunResult run : stored.runs()) {
            assertEquals(List.of(1), run.trials().stream().map(TrialResult::trial).toList(), run.strategy());
        }
        assertEquals(new Progress(0, 2), stored.progress(), "a run stored part-way is not completed");

        runner.cancel(running.id());
        Experiment stopped = awaitEnd(running.id());
        assertEquals(List.of(quick.id(), endless.id()), stopped.runs().stream().map(RunResult::strategy).toList(),
                "the runs stopped part-way take the place of their checkpoints, not a second place");
        assertEquals(List.of(1, 2), stopped.runs().get(0).trials().stream().map(TrialResult::trial).toList());
    }

    @Test
    void aRunStoppedPartWayKeepsItsMeasuredTrialsButIsNotCompleted() throws Exception {
        // Warm-up and first measured trial finish at once; the second measured trial never does.
        int warmups = 1;
        Strategy strategy = quickThenEndless(warmups + 1, new CountDownLatch(0));
        Experiment running = startEndless(strategy, TestRunnerConfig.standard(), 3, warmups);

        runner.cancel(running.id());

        Experiment stopped = awaitEnd(running.id());
        assertEquals(ExperimentStatus.CANCELLED, stopped.status());
        assertEquals(1, stopped.runs().size());
        RunResult partial = stopped.runs().get(0);
        assertEquals(1, partial.trials().size(), "the warm-up is not reported, the stopped trial measured nothing");
        TrialResult measured = partial.trials().get(0);
        assertEquals(1, measured.trial());
        assertEquals(2 * TestStrategies.FOREVER, measured.expectedCount(), "two threads did all their increments");
        assertEquals(measured.expectedCount(), measured.actualCount());
        assertEquals(1, partial.summary().measuredTrials());
        assertEquals(new Progress(0, 1), stopped.progress(), "a run with fewer trials than asked is not completed");
        assertEquals(0, registry.find("playground.run.duration").timers().size(), "only completed runs are timed");
    }

    @Test
    void theFirstReasonToStopWinsOverALaterOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Experiment running = startEndless(quickThenEndless(0, release), TestRunnerConfig.standard(), 1, 0);

        runner.cancel(running.id());
        // The trial cannot end before `release`: the runner still holds the experiment when the shutdown comes.
        runner.beginShutdown();
        assertEquals(List.of(running.id()), runner.runningExperiments());
        release.countDown();

        Experiment stopped = awaitEnd(running.id());
        assertEquals(ExperimentStatus.CANCELLED, stopped.status());
        assertEquals(CANCELLED_BY_REQUEST, stopped.statusReason(), "a DELETE during a shutdown stays a DELETE");
    }

    @Test
    void anInterruptedRunnerCancelsItsExperimentAndEnds() throws Exception {
        Experiment running = startEndless(quickThenEndless(0, new CountDownLatch(0)), TestRunnerConfig.standard(), 1, 0);
        Thread thread = runnerThread.get();
        assertTrue(runner.isReady());

        thread.interrupt(); // unannounced: no cancel, no shutdown begun; the runner must still settle its experiment

        Experiment stopped = awaitEnd(running.id());
        assertEquals(ExperimentStatus.CANCELLED, stopped.status());
        assertEquals(ExperimentRunner.SHUTTING_DOWN, stopped.statusReason());
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(thread.isAlive(), "the runner's loop ends with its interrupted thread");
        assertFalse(runner.isReady(), "a dead runner thread is not ready");
    }

    @Test
    void aStopWithoutAShutdownDelayCancelsEverythingAndReturnsOnceTheRunnersHaveEnded() throws Exception {
        // Once stopped, the trial's workers take a while to end, so the runner does too.
        CountDownLatch release = new CountDownLatch(1);
        Strategy strategy = quickThenEndless(0, release);
        Experiment running = startEndless(strategy, TestRunnerConfig.standard(), 1, 0);
        Experiment queued = runner.submit(forever(strategy, 1, 0));
        Thread thread = runnerThread.get();
        Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });

        runner.onStop(null); // without a shutdown delay, Quarkus's stop is the first the runner hears

        assertFalse(thread.isAlive(), "the stop waited for the runner thread to end");
        assertFalse(runner.isAccepting());
        for (String id : List.of(running.id(), queued.id())) {
            Experiment ended = store.find(id).orElseThrow();
            assertEquals(ExperimentStatus.CANCELLED, ended.status(), id);
            assertEquals(ExperimentRunner.SHUTTING_DOWN, ended.statusReason(), id);
        }
    }

    @Test
    void aRunnerInterruptedWhileItCalibratesEndsWithoutRunningAnything() throws Exception {
        // The catalog's calibration strategy, replaced by one that waits in its first trial until interrupted.
        CountDownLatch calibrating = new CountDownLatch(1);
        Strategy waitingAtomic = TestStrategies.strategy("atomic", Safety.THREAD_SAFE, () -> {
            if (runnerThread.compareAndSet(null, Thread.currentThread())) {
                calibrating.countDown();
                try {
                    Thread.sleep(TimeUnit.MINUTES.toMillis(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new TestStrategies.Immediate();
        });
        runner(waitingAtomic, TestRunnerConfig.standard());
        runner.onStart(null);
        assertTrue(calibrating.await(60, TimeUnit.SECONDS));
        Experiment queued = runner.submit(new ExperimentSpec(null, List.of(waitingAtomic.id()), List.of(1),
                ThreadType.PLATFORM, 10L, null, 1, 0));

        runnerThread.get().interrupt();

        runnerThread.get().join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(runnerThread.get().isAlive(), "an interrupt ends the runner, during calibration as during a trial");
        assertFalse(runner.isReady());
        assertEquals(ExperimentStatus.QUEUED, store.find(queued.id()).orElseThrow().status());
    }

    @Test
    void aCancelDuringTheHandOverFromQueueToRunnerStopsTheExperiment() throws Exception {
        Strategy strategy = quickThenEndless(0, new CountDownLatch(0));
        runner(strategy, TestRunnerConfig.standard());
        Experiment queued = runner.submit(forever(strategy, 1, 0));
        // The DELETE looks the experiment up inside the admission lock; there it waits until a runner has
        // taken the experiment off the queue, so the runner must wait for the DELETE before registering it.
        CountDownLatch deleteInLock = new CountDownLatch(1);
        store.onNextFind(queued.id(), () -> {
            deleteInLock.countDown();
            awaitEmptyQueue();
        });
        CompletableFuture<ExperimentRunner.Cancellation> delete = CompletableFuture.supplyAsync(() -> runner.cancel(queued.id()));
        assertTrue(deleteInLock.await(60, TimeUnit.SECONDS));

        runner.onStart(null);

        var stopping = assertInstanceOf(ExperimentRunner.Cancellation.Stopping.class, delete.get(60, TimeUnit.SECONDS));
        Experiment stopped = stopping.stopped().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertEquals(ExperimentStatus.CANCELLED, stopped.status());
        assertEquals(CANCELLED_BY_REQUEST, stopped.statusReason());
        assertNotNull(stopped.startedAt(), "the runner had taken it");
        assertEquals(List.of(), stopped.runs());
        assertTrue(runner.isReady(), "and carries on");
    }

    @Test
    void aShutdownDuringTheHandOverFromQueueToRunnerStopsTheExperiment() throws Exception {
        Strategy strategy = quickThenEndless(0, new CountDownLatch(0));
        runner(strategy, TestRunnerConfig.standard());
        Experiment queued = runner.submit(forever(strategy, 1, 0));
        // Another request holds the admission lock until the runner has taken the experiment off the queue;
        // the SIGTERM arrives right then (the lock is re-entrant), and finds the queue already empty.
        CountDownLatch inLock = new CountDownLatch(1);
        store.onNextFind("some-other-experiment", () -> {
            inLock.countDown();
            awaitEmptyQueue();
            runner.beginShutdown();
        });
        CompletableFuture<ExperimentRunner.Cancellation> other = CompletableFuture.supplyAsync(
                () -> runner.cancel("some-other-experiment"));
        assertTrue(inLock.await(60, TimeUnit.SECONDS));

        runner.onStart(null);

        assertInstanceOf(ExperimentRunner.Cancellation.Unknown.class, other.get(60, TimeUnit.SECONDS));
        Experiment stopped = awaitEnd(queued.id());
        assertEquals(ExperimentStatus.CANCELLED, stopped.status());
        assertEquals(ExperimentRunner.SHUTTING_DOWN, stopped.statusReason());
        assertNotNull(stopped.startedAt(), "the runner had taken it");
        assertEquals(List.of(), stopped.runs());
    }

    private void awaitEmptyQueue() {
        while (runner.queueDepth() > 0) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
