package dev.concurrency.playground.experiment;

import dev.concurrency.playground.engine.CancellationToken;
import dev.concurrency.playground.engine.TrialCancelledException;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.engine.TrialPlan;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs queued experiments one at a time, in submission order, on a thread of its own.
 *
 * <p>One at a time because experiments that run side by side steal each other's cores and distort
 * each other's timings. Never on an HTTP worker thread or the event loop: an experiment can take
 * minutes, and the service must keep answering while it does.
 */
@ApplicationScoped
public class ExperimentRunner {

    private static final Logger LOG = Logger.getLogger(ExperimentRunner.class);

    private final ExperimentStore store;
    private final StrategyCatalog catalog;
    private final TrialEngine engine = new TrialEngine();
    private final Environment environment = Environment.current();
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Experiment>> completions = new ConcurrentHashMap<>();
    private volatile CancellationToken current = new CancellationToken();
    private volatile Thread thread;

    @Inject
    public ExperimentRunner(ExperimentStore store, StrategyCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    void onStart(@Observes StartupEvent event) {
        thread = Thread.ofPlatform().name("experiment-runner").daemon(true).start(this::loop);
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        Thread runner = thread;
        if (runner != null) {
            current.cancel();
            runner.interrupt();
            runner.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    /** Stores a new experiment and puts it at the back of the queue. */
    public Experiment submit(ExperimentSpec spec) {
        Experiment queued = Experiment.queued(UUID.randomUUID().toString(), spec, now());
        completions.put(queued.id(), new CompletableFuture<>());
        store.insert(queued);
        queue.add(queued.id());
        return queued;
    }

    /**
     * Completes with the experiment's final snapshot once it has reached a terminal status; already
     * complete if it has. Empty if the experiment is unknown.
     */
    public java.util.Optional<CompletionStage<Experiment>> completion(String id) {
        CompletableFuture<Experiment> pending = completions.get(id);
        if (pending != null) {
            return java.util.Optional.of(pending);
        }
        // Not pending any more: the runner stored the terminal snapshot before dropping the future.
        return store.find(id).map(CompletableFuture::completedFuture);
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            String id;
            try {
                id = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            execute(id);
        }
    }

    private void execute(String id) {
        CancellationToken token = new CancellationToken();
        current = token;
        Experiment experiment = store.update(id, e -> e.started(now(), environment)).orElse(null);
        if (experiment == null) {
            completions.remove(id);
            return;
        }
        ExperimentStatus outcome = ExperimentStatus.COMPLETED;
        String why = null;
        try {
            runAll(experiment, token);
        } catch (TrialCancelledException e) {
            outcome = ExperimentStatus.CANCELLED;
            why = "cancelled";
        } catch (InterruptedException e) {
            outcome = ExperimentStatus.CANCELLED;
            why = "service shutting down";
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            String errorId = UUID.randomUUID().toString();
            LOG.errorf(e, "Experiment %s failed (error id %s)", id, errorId);
            outcome = ExperimentStatus.FAILED;
            why = "The experiment failed (error id " + errorId + "): " + e.getMessage();
        }
        ExperimentStatus terminal = outcome;
        String reason = why;
        Experiment last = store.update(id, e -> e.finished(terminal, now(), reason)).orElse(experiment);
        CompletableFuture<Experiment> done = completions.remove(id);
        if (done != null) {
            done.complete(last);
        }
    }

    private void runAll(Experiment experiment, CancellationToken token)
            throws TrialCancelledException, InterruptedException {
        ExperimentSpec spec = experiment.spec();
        for (String strategyId : spec.strategies()) {
            Strategy strategy = catalog.find(strategyId)
                    .orElseThrow(() -> new IllegalStateException("Unknown strategy " + strategyId));
            for (int threads : spec.threadCounts()) {
                TrialPlan plan = new TrialPlan(strategy, spec.threadType(), threads, spec.workload());
                for (int warmup = 0; warmup < spec.warmupTrials(); warmup++) {
                    engine.run(plan, token);
                }
                List<TrialResult> trials = new ArrayList<>(spec.trials());
                for (int trial = 1; trial <= spec.trials(); trial++) {
                    trials.add(TrialResult.of(trial, threads, engine.run(plan, token)));
                }
                RunResult run = RunResult.of(strategy.id(), threads, spec.threadType(), strategy.threadSafe(),
                        spec.durationMillis() != null, environment.availableProcessors(), trials);
                if (strategy.threadSafe() && run.verdict() == Verdict.CORRUPTED) {
                    LOG.errorf("Playground bug: thread-safe strategy %s lost updates at %d %s threads in experiment %s: %s",
                            strategy.id(), threads, spec.threadType().id(), experiment.id(), run.verdictReason());
                }
                store.update(experiment.id(), e -> e.withRun(run));
            }
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
