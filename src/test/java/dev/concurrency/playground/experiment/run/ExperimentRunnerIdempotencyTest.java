package dev.concurrency.playground.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.IdempotencyKey;
import dev.concurrency.playground.experiment.event.ExperimentEvents;
import dev.concurrency.playground.store.InMemoryExperimentStore;
import dev.concurrency.playground.strategy.StrategyCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Submissions with an {@code Idempotency-Key}, at the runner, where the check and the insert happen
 * under one lock. The runner threads are not started, so every accepted experiment stays queued and
 * the queue's depth counts exactly the experiments that were made.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExperimentRunnerIdempotencyTest {

    private static final ExperimentSpec SPEC = spec("atomic", 1000);
    private static final ExperimentSpec OTHER = spec("atomic", 2000);

    private final InMemoryExperimentStore store = new InMemoryExperimentStore();
    private ExperimentRunner runner = runnerWithQueue(8);

    private ExperimentRunner runnerWithQueue(int capacity) {
        return new ExperimentRunner(store, new StrategyCatalog(), new ExperimentEvents(),
                TestRunnerConfig.standard().withQueueCapacity(capacity), new ExperimentMetrics(new SimpleMeterRegistry()),
                new TrialCosts(), new TrialEngine());
    }

    private static ExperimentSpec spec(String strategy, long increments) {
        return new ExperimentSpec(null, List.of(strategy), List.of(1), ThreadType.PLATFORM, increments, null, 1, 0);
    }

    private static IdempotencyKey key(String value) {
        return new IdempotencyKey(value);
    }

    @AfterEach
    void stop() throws InterruptedException {
        runner.onStop(null);
    }

    @Test
    void manySubmissionsOfOneKeyAtOnceMakeOneExperimentAndAllGetIt() throws Exception {
        runner = runnerWithQueue(1000);
        int clients = 16;
        int rounds = 50;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            for (int round = 0; round < rounds; round++) {
                IdempotencyKey key = key("race-" + round);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ExperimentRunner.Submission>> answers = new ArrayList<>();
                for (int client = 0; client < clients; client++) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return runner.submit(SPEC, key);
                    }));
                }
                go.countDown();
                Set<String> ids = new HashSet<>();
                int firsts = 0;
                for (Future<ExperimentRunner.Submission> answer : answers) {
                    ExperimentRunner.Submission submission = answer.get(30, TimeUnit.SECONDS);
                    ids.add(submission.experiment().id());
                    firsts += submission.replayed() ? 0 : 1;
                }
                assertEquals(1, ids.size(), "round " + round + ": every client got the one experiment");
                assertEquals(1, firsts, "round " + round + ": exactly one submission made it, the others replayed it");
                assertEquals(round + 1, runner.queueDepth(), "round " + round + ": one experiment queued per key");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRetryWithAnEqualSpecGetsTheExperimentAsItStandsWithoutQueueingAnother() {
        Experiment first = runner.submit(SPEC, key("k")).experiment();
        ExperimentRunner.Submission retry = runner.submit(spec("atomic", 1000), key("k"));

        assertTrue(retry.replayed());
        assertEquals(first, retry.experiment());
        assertEquals(1, runner.queueDepth());
        Experiment another = runner.submit(SPEC, key("k2")).experiment();
        assertNotEquals(first.id(), another.id(), "another key is another experiment");
        assertNotEquals(first.id(), runner.submit(SPEC).id(), "without a key, every submission is a new one");
        assertEquals(3, runner.queueDepth());
    }

    @Test
    void theKeyWithAnotherSpecIsRefusedWithItsBindingAndQueuesNothing() {
        Experiment first = runner.submit(SPEC, key("k")).experiment();
        IdempotencyKeyConflictException conflict = assertThrows(IdempotencyKeyConflictException.class,
                () -> runner.submit(OTHER, key("k")));

        assertEquals(IdempotencyKeyConflictException.Reason.REUSED, conflict.reason());
        assertEquals(first.id(), conflict.binding().experimentId());
        assertEquals(SPEC.fingerprint(), conflict.binding().fingerprint());
        assertEquals(1, runner.queueDepth());
        assertEquals(first, runner.submit(SPEC, key("k")).experiment(), "the first request still gets its experiment");
    }

    @Test
    void aSubmissionRefusedAsQueueFullBindsNothingSoItsRetrySucceedsLater() {
        runner = runnerWithQueue(1);
        Experiment filler = runner.submit(OTHER);
        SubmissionRefusedException full = assertThrows(SubmissionRefusedException.class,
                () -> runner.submit(SPEC, key("k")));
        assertEquals(SubmissionRefusedException.Reason.QUEUE_FULL, full.reason());
        assertTrue(store.findByIdempotencyKey(key("k")).isEmpty());

        assertInstanceOf(ExperimentRunner.Cancellation.Stopping.class, runner.cancel(filler.id()));
        ExperimentRunner.Submission retry = runner.submit(SPEC, key("k"));
        assertFalse(retry.replayed(), "the retry is the first submission that was admitted");
        assertNotEquals(filler.id(), retry.experiment().id());
        assertEquals(ExperimentStatus.QUEUED, retry.experiment().status());
    }

    @Test
    void aRetryIsAnsweredWhileTheQueueIsFullOrTheServiceShutsDownForItAsksForNoNewWork() throws Exception {
        runner = runnerWithQueue(1);
        Experiment first = runner.submit(SPEC, key("k")).experiment();
        assertEquals(first, runner.submit(SPEC, key("k")).experiment(), "the queue is full, but this is no new work");

        runner.beginShutdown();
        ExperimentRunner.Submission duringShutdown = runner.submit(SPEC, key("k"));
        assertEquals(first.id(), duringShutdown.experiment().id());
        assertEquals(ExperimentStatus.CANCELLED, duringShutdown.experiment().status(), "as the shutdown left it");
        SubmissionRefusedException refused = assertThrows(SubmissionRefusedException.class,
                () -> runner.submit(SPEC, key("new")));
        assertEquals(SubmissionRefusedException.Reason.SHUTTING_DOWN, refused.reason());
        assertTrue(store.findByIdempotencyKey(key("new")).isEmpty());
    }

    @Test
    void aRetryOfAnExperimentThatWasDeletedIsRefusedRatherThanRunAgain() {
        Experiment first = runner.submit(SPEC, key("k")).experiment();
        assertInstanceOf(ExperimentRunner.Cancellation.Stopping.class, runner.cancel(first.id()));
        assertInstanceOf(ExperimentRunner.Cancellation.Removed.class, runner.cancel(first.id()));

        IdempotencyKeyConflictException gone = assertThrows(IdempotencyKeyConflictException.class,
                () -> runner.submit(SPEC, key("k")));
        assertEquals(IdempotencyKeyConflictException.Reason.EXPERIMENT_GONE, gone.reason());
        assertEquals(first.id(), gone.binding().experimentId());
        assertEquals(0, runner.queueDepth());
    }
}
