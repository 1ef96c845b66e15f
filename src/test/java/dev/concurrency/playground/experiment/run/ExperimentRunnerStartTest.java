package dev.concurrency.playground.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.event.ExperimentEvents;
import dev.concurrency.playground.store.InMemoryExperimentStore;
import dev.concurrency.playground.strategy.StrategyCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a restart finds queued is run, not mistaken for a leftover: the runners wait until the instance
 * has settled what its previous life left RUNNING and has sent its first heartbeat. (They once claimed an
 * experiment while the settling was still going on, before the first heartbeat, and the settling marked
 * that experiment FAILED as the dead instance's.)
 */
class ExperimentRunnerStartTest {

    /** Settles slowly, so a runner that does not wait claims in the middle of it. */
    private static final class SlowToSettle extends InMemoryExperimentStore {
        @Override
        public List<Experiment> endOrphans(Instant deadBefore, UnaryOperator<Experiment> end) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.endOrphans(deadBefore, end);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anExperimentQueuedBeforeTheStartRunsToCompletion() throws Exception {
        SlowToSettle store = new SlowToSettle();
        ExperimentSpec spec = new ExperimentSpec(null, List.of("atomic"), List.of(1), ThreadType.PLATFORM, null, 1000L, 1, 0);
        Experiment queued = Experiment.queued("queued-before-the-restart", spec, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        store.insert(queued);
        // Two runners: the second does not calibrate first, so it would claim at once; the experiment runs for a
        // second, so it is still running when the slow settling looks.
        ExperimentRunner runner = new ExperimentRunner(store, new StrategyCatalog(), new ExperimentEvents(),
                TestRunnerConfig.standard().withConcurrency(2), new ExperimentMetrics(new SimpleMeterRegistry()),
                new TrialCosts(), new TrialEngine());
        runner.onStart(null);
        try {
            Experiment ended = runner.completion(queued.id()).orElseThrow().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertEquals(ExperimentStatus.COMPLETED, ended.status(), String.valueOf(ended.statusReason()));
            assertNull(ended.statusReason());
        } finally {
            runner.onStop(null);
        }
    }
}
