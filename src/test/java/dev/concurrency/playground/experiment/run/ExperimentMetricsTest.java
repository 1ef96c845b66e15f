package dev.concurrency.playground.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The meters by their values: each counter moves by exactly what happened, under its own tags. */
class ExperimentMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ExperimentMetrics metrics = new ExperimentMetrics(registry);

    private double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void submissionsAndRejectionsAreCountedByReason() {
        metrics.submitted();
        metrics.submitted();
        metrics.submitted();
        metrics.rejected("queue_full");
        metrics.rejected("queue_full");
        metrics.rejected("invalid");
        assertEquals(3, counter("playground.experiments.submitted"));
        assertEquals(2, counter("playground.experiments.rejected", "reason", "queue_full"));
        assertEquals(1, counter("playground.experiments.rejected", "reason", "invalid"));
        assertEquals(0, counter("playground.experiments.rejected", "reason", "shutting_down"));
    }

    @Test
    void finishedExperimentsAreCountedByTheirStatusInLowerCase() {
        metrics.finished(ExperimentStatus.COMPLETED);
        metrics.finished(ExperimentStatus.TIMED_OUT);
        metrics.finished(ExperimentStatus.TIMED_OUT);
        assertEquals(1, counter("playground.experiments.finished", "status", "completed"));
        assertEquals(2, counter("playground.experiments.finished", "status", "timed_out"));
        assertEquals(0, counter("playground.experiments.finished", "status", "failed"));
    }

    @Test
    void aRunRecordsItsDurationAndAddsItsLostUpdates() {
        RunResult racy = run("unsynchronized", 5, 0, 7);
        metrics.runCompleted(racy, Duration.ofMillis(30));
        metrics.runCompleted(run("unsynchronized", 1, 1), Duration.ofMillis(10));
        metrics.runCompleted(run("atomic", 0, 0), Duration.ofMillis(5));

        assertEquals(5 + 7 + 1 + 1, counter("playground.lost.updates", "strategy", "unsynchronized"));
        assertEquals(0, counter("playground.lost.updates", "strategy", "atomic"));
        Timer racyRuns = registry.find("playground.run.duration").tags("strategy", "unsynchronized").timer();
        assertEquals(2, racyRuns.count());
        assertEquals(40, racyRuns.totalTime(TimeUnit.MILLISECONDS), 1e-9);
        assertEquals(30, racyRuns.max(TimeUnit.MILLISECONDS), 1e-9);
        assertEquals(1, registry.find("playground.run.duration").tags("strategy", "atomic").timer().count());
    }

    @Test
    void gaugesReadTheirSourceWhenScraped() {
        AtomicInteger queued = new AtomicInteger(3);
        AtomicInteger running = new AtomicInteger(1);
        metrics.watch(queued::get, running::get);
        assertEquals(3, registry.find("playground.queue.depth").gauge().value());
        assertEquals(1, registry.find("playground.experiments.running").gauge().value());
        queued.set(0);
        running.set(2);
        assertEquals(0, registry.find("playground.queue.depth").gauge().value());
        assertEquals(2, registry.find("playground.experiments.running").gauge().value());
        assertNull(registry.find("playground.experiments.submitted").counter(), "nothing counted before it happens");
    }

    private static RunResult run(String strategy, long... lostPerTrial) {
        List<TrialResult> trials = new java.util.ArrayList<>();
        for (int i = 0; i < lostPerTrial.length; i++) {
            trials.add(new TrialResult(i + 1, 100, 100 - lostPerTrial[i], lostPerTrial[i], 1000, 1.0, 1e9, 1, 1000,
                    1000, null, null, null, null, null));
        }
        return RunResult.of(strategy, 2, ThreadType.PLATFORM, false, true, 2, trials);
    }
}
