package dev.concurrency.playground.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a SIGTERM does to the runner: nothing accepted is left behind without a terminal status. */
class ExperimentRunnerShutdownTest {

    private final ExperimentStore store = new InMemoryExperimentStore();
    private final ExperimentRunner runner = new ExperimentRunner(store, new StrategyCatalog(), new ExperimentEvents(),
            TestRunnerConfig.standard(), new ExperimentMetrics(new SimpleMeterRegistry()), new TrialCosts(), new TrialEngine());

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shutdownCancelsWhatRunsAndWhatWaitsAndRefusesNewWork() throws Exception {
        runner.onStart(null);
        assertTrue(runner.isReady());
        // One minute of work, so only the shutdown can end it in time.
        Experiment running = runner.submit(spec("fair-lock", 60_000));
        Experiment queued = runner.submit(spec("atomic", 10));
        var waitingClient = runner.completion(running.id()).orElseThrow().toCompletableFuture();
        awaitStatus(running.id(), ExperimentStatus.RUNNING);

        runner.beginShutdown(); // what the shutdown delay triggers, while HTTP still answers
        assertEquals(ExperimentStatus.CANCELLED, waitingClient.get(30, TimeUnit.SECONDS).status(),
                "a client waiting on the experiment learns how it ended");
        runner.onStop(null);

        assertFalse(runner.isReady(), "readiness is DOWN while and after draining");
        for (String id : List.of(running.id(), queued.id())) {
            Experiment ended = store.find(id).orElseThrow();
            assertEquals(ExperimentStatus.CANCELLED, ended.status(), id);
            assertEquals("service shutting down", ended.statusReason());
        }
        Experiment stopped = store.find(running.id()).orElseThrow();
        assertTrue(Duration.between(stopped.startedAt(), stopped.finishedAt()).toSeconds() < 30,
                "the running experiment was stopped, not run to its end");
        SubmissionRefusedException refused = assertThrows(SubmissionRefusedException.class,
                () -> runner.submit(spec("atomic", 10)));
        assertEquals(SubmissionRefusedException.Reason.SHUTTING_DOWN, refused.reason());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("trial-worker-")), "no trial thread outlives it");
    }

    private static ExperimentSpec spec(String strategy, long durationMillis) {
        return new ExperimentSpec(null, List.of(strategy), List.of(2), ThreadType.PLATFORM, null, durationMillis, 1, 0);
    }

    private void awaitStatus(String id, ExperimentStatus status) throws InterruptedException {
        while (store.find(id).orElseThrow().status() != status) {
            Thread.sleep(10);
        }
    }
}
