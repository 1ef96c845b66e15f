package dev.concurrency.playground.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.event.ExperimentEvents;
import dev.concurrency.playground.store.ExperimentStore;
import dev.concurrency.playground.store.InMemoryExperimentStore;
import dev.concurrency.playground.strategy.StrategyCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The races a hostile client and a script author found: waiters that give up, DELETEs at once, a
 * submission flood, and a SIGTERM noticed late. Each test failed before its fix.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExperimentRunnerRacesTest {

    private final ExperimentStore store = new InMemoryExperimentStore();
    private final ExperimentRunner runner = new ExperimentRunner(store, new StrategyCatalog(), new ExperimentEvents(),
            TestRunnerConfig.standard(), new ExperimentMetrics(new SimpleMeterRegistry()),
            new TrialCosts(), new TrialEngine());

    @AfterEach
    void stop() throws InterruptedException {
        runner.onStop(null);
    }

    @Test
    void aWaiterThatGivesUpCancelsNeitherTheExperimentNorAnotherWaiter() throws Exception {
        runner.onStart(null);
        Experiment running = runner.submit(spec("atomic", 1, 60_000));
        awaitStatus(running.id(), ExperimentStatus.RUNNING);
        CompletableFuture<Experiment> impatient = runner.completion(running.id()).orElseThrow().toCompletableFuture();
        CompletableFuture<Experiment> patient = runner.completion(running.id()).orElseThrow().toCompletableFuture();
        impatient.cancel(false); // what Mutiny does when `Prefer: wait` times out or the client leaves

        assertFalse(patient.isDone(), "another waiter still waits");
        assertEquals(ExperimentStatus.RUNNING, store.find(running.id()).orElseThrow().status());
        ExperimentRunner.Cancellation cancellation = runner.cancel(running.id());
        ExperimentRunner.Cancellation.Stopping stopping = assertInstanceOf(ExperimentRunner.Cancellation.Stopping.class,
                cancellation);
        Experiment stopped = stopping.stopped().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(ExperimentStatus.CANCELLED, stopped.status());
        assertEquals("cancelled by request", stopped.statusReason());
        assertEquals(ExperimentStatus.CANCELLED, patient.get(30, TimeUnit.SECONDS).status());
    }

    @Test
    void concurrentCancelsOfOneExperimentEachGetAnAnswerAndNeverFail() throws Exception {
        runner.onStart(null);
        Experiment blocker = runner.submit(spec("atomic", 1, 60_000));
        awaitStatus(blocker.id(), ExperimentStatus.RUNNING);
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 300; round++) {
                String id = runner.submit(spec("atomic", 1, 10)).id(); // stays queued behind the blocker
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ExperimentRunner.Cancellation>> answers = new ArrayList<>();
                for (int client = 0; client < 3; client++) {
                    answers.add(clients.submit(() -> {
                        go.await();
                        return runner.cancel(id);
                    }));
                }
                go.countDown();
                int stopped = 0;
                for (Future<ExperimentRunner.Cancellation> answer : answers) {
                    // Before the fix, one in about thirty rounds threw NoSuchElementException here.
                    ExperimentRunner.Cancellation cancellation = answer.get(30, TimeUnit.SECONDS);
                    if (cancellation instanceof ExperimentRunner.Cancellation.Stopping stopping) {
                        stopped++;
                        assertEquals(ExperimentStatus.CANCELLED,
                                stopping.stopped().toCompletableFuture().get(30, TimeUnit.SECONDS).status());
                    }
                }
                assertEquals(1, stopped, "exactly one DELETE cancels; the others remove it or find nothing");
            }
        } finally {
            clients.shutdownNow();
            runner.cancel(blocker.id());
        }
    }

    @Test
    void aFloodOfSubmissionsIsOnlyEverAcceptedOrRefusedAsFull() throws Exception {
        runner.onStart(null);
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        int[] outcomes = new int[2];
        List<Thread> flooders = new ArrayList<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (int i = 0; i < 4; i++) {
            flooders.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < until) {
                    try {
                        runner.submit(new ExperimentSpec(null, List.of("atomic"), List.of(1), ThreadType.PLATFORM,
                                1000L, null, 1, 0));
                        synchronized (outcomes) {
                            outcomes[0]++;
                        }
                    } catch (SubmissionRefusedException full) {
                        assertEquals(SubmissionRefusedException.Reason.QUEUE_FULL, full.reason());
                        assertTrue(full.retryAfterSeconds() >= 1, "Retry-After " + full.retryAfterSeconds());
                        synchronized (outcomes) {
                            outcomes[1]++;
                        }
                    } catch (Throwable e) {
                        // Before the fix: NullPointerException from an experiment running without a start time.
                        unexpected.add(e);
                    }
                }
            }));
        }
        for (Thread flooder : flooders) {
            flooder.join();
        }
        assertTrue(unexpected.isEmpty(), "unexpected failures: " + unexpected);
        assertTrue(outcomes[0] > 0 && outcomes[1] > 0,
                "the flood both filled the queue and got through: " + outcomes[0] + " accepted, " + outcomes[1] + " refused");
    }

    @Test
    void aSigtermIsNoticedByTheJvmShutdownHookBeforeQuarkusTellsTheRunner() throws Exception {
        runner.onStart(null);
        Experiment queued = runner.submit(spec("atomic", 1, 60_000));
        Thread notice = runner.shutdownNotice();
        notice.run(); // what the JVM does on SIGTERM, before Quarkus's own shutdown reaches its listeners
        assertFalse(runner.isAccepting());
        try {
            runner.submit(spec("atomic", 1, 10));
            fail("a submission after SIGTERM must be refused");
        } catch (SubmissionRefusedException refused) {
            assertEquals(SubmissionRefusedException.Reason.SHUTTING_DOWN, refused.reason());
        }
        Experiment ended = runner.completion(queued.id()).orElseThrow().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(ExperimentStatus.CANCELLED, ended.status());
        assertEquals("service shutting down", ended.statusReason());
    }

    private static ExperimentSpec spec(String strategy, int threads, long durationMillis) {
        return new ExperimentSpec(null, List.of(strategy), List.of(threads), ThreadType.PLATFORM, null, durationMillis, 1, 0);
    }

    private void awaitStatus(String id, ExperimentStatus status) throws InterruptedException {
        while (store.find(id).orElseThrow().status() != status) {
            Thread.sleep(10);
        }
    }
}
