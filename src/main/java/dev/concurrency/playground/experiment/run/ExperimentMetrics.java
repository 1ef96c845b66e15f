package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The playground's own meters, next to the HTTP server's, at {@code /q/metrics}. Names follow the
 * Micrometer conventions (dotted, lower case, base units), which the Prometheus registry turns into
 * {@code playground_experiments_submitted_total}, {@code playground_run_duration_seconds} and so on.
 */
@ApplicationScoped
public class ExperimentMetrics {

    private final MeterRegistry registry;

    @Inject
    public ExperimentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void submitted() {
        registry.counter("playground.experiments.submitted").increment();
    }

    /**
     * A submission that was refused: {@code invalid}, {@code queue_full} or {@code shutting_down}, or,
     * for a retry with an {@code Idempotency-Key}, {@code idempotency_key_reused} (another request) or
     * {@code idempotency_experiment_gone} (its experiment was deleted).
     */
    public void rejected(String reason) {
        registry.counter("playground.experiments.rejected", "reason", reason).increment();
    }

    void finished(ExperimentStatus status) {
        registry.counter("playground.experiments.finished", "status", status.name().toLowerCase(Locale.ROOT)).increment();
    }

    void runCompleted(RunResult run, Duration took) {
        Timer.builder("playground.run.duration")
                .description("Wall time of one run: warm-up and measured trials of one strategy at one thread count")
                .tag("strategy", run.strategy())
                .register(registry)
                .record(took);
        long lost = run.trials().stream().mapToLong(TrialResult::lostUpdates).sum();
        Counter.builder("playground.lost.updates")
                .description("Increments lost in measured trials")
                .tag("strategy", run.strategy())
                .register(registry)
                .increment(lost);
    }

    void watch(Supplier<Number> queueDepth, Supplier<Number> running) {
        // Strong references: a gauge otherwise holds its source weakly, and these lambdas have no other owner.
        Gauge.builder("playground.queue.depth", queueDepth, s -> s.get().doubleValue())
                .description("Experiments waiting for the runner").strongReference(true).register(registry);
        Gauge.builder("playground.experiments.running", running, s -> s.get().doubleValue())
                .description("Experiments being run").strongReference(true).register(registry);
    }
}
