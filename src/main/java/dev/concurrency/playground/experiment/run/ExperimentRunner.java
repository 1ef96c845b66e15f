package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.config.RunnerConfig;
import dev.concurrency.playground.engine.CancellationToken;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.experiment.Environment;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.IdempotencyKey;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.event.ExperimentEvent;
import dev.concurrency.playground.experiment.event.ExperimentEvents;
import dev.concurrency.playground.store.ExperimentStore;
import dev.concurrency.playground.store.IdempotencyRecord;
import dev.concurrency.playground.strategy.StrategyCatalog;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Admits experiments into a bounded queue and runs them, in submission order, on threads of its own.
 *
 * <p>One at a time by default, because experiments that run side by side steal each other's cores
 * and distort each other's timings. Never on an HTTP worker thread or the event loop: an experiment
 * can take minutes, and the service must keep answering while it does.
 *
 * <p>Nothing accepted is lost silently: every experiment that got past {@link #submit} reaches a
 * terminal status, whether it completes, fails, is cancelled, times out or is stopped by a shutdown,
 * and the reason is recorded in the experiment.
 */
@ApplicationScoped
public class ExperimentRunner {

    private static final Logger LOG = Logger.getLogger(ExperimentRunner.class);
    static final String SHUTTING_DOWN = "service shutting down";

    private final ExperimentStore store;
    private final StrategyCatalog catalog;
    private final ExperimentEvents events;
    private final RunnerConfig config;
    private final ExperimentMetrics metrics;
    private final TrialCosts costs;
    private final TrialEngine engine;
    private final Environment environment = Environment.current();
    private final RunSequence sequence;
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    /** The estimated seconds of each queued experiment, for Retry-After without reading the store. */
    private final Map<String, Double> queuedSeconds = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Experiment>> completions = new ConcurrentHashMap<>();
    private final Map<String, Execution> running = new ConcurrentHashMap<>();
    /** Guards admission, and the hand-over from queue to runner against a concurrent cancel. */
    private final Object admission = new Object();
    private final Set<String> cancelledInHandOver = new HashSet<>();
    private final List<Thread> runners = new ArrayList<>();
    private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("experiment-timeouts").daemon(true).factory());
    /**
     * Notices a SIGTERM as soon as the JVM does, before Quarkus's own shutdown reaches its listeners:
     * a submission that arrives in between must not be answered as queued and then dropped.
     */
    private final Thread earlyShutdownNotice = Thread.ofPlatform().name("experiment-runner-shutdown-notice")
            .unstarted(this::beginShutdown);
    private volatile boolean accepting = true;

    @Inject
    public ExperimentRunner(ExperimentStore store, StrategyCatalog catalog, ExperimentEvents events,
            RunnerConfig config, ExperimentMetrics metrics, TrialCosts costs, TrialEngine engine) {
        this.store = store;
        this.costs = costs;
        this.catalog = catalog;
        this.events = events;
        this.config = config;
        this.metrics = metrics;
        this.engine = engine;
        this.sequence = new RunSequence(store, catalog, events, metrics, costs, engine, environment);
    }

    void onStart(@Observes StartupEvent event) {
        metrics.watch(queue::size, running::size);
        Runtime.getRuntime().addShutdownHook(earlyShutdownNotice);
        for (int i = 0; i < config.runner().concurrency(); i++) {
            boolean first = i == 0;
            runners.add(Thread.ofPlatform().name("experiment-runner-" + i).daemon(true).start(() -> {
                if (first) {
                    calibrate();
                }
                loop();
            }));
        }
    }

    /** Measures what a trial costs beyond its timed span on this machine, before the first experiment runs. */
    private void calibrate() {
        try {
            costs.calibrate(engine, catalog.find("atomic").orElseThrow());
            LOG.debugf("Trial costs measured: platform %s, virtual %s", costs.estimate(ThreadType.PLATFORM),
                    costs.estimate(ThreadType.VIRTUAL));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The pessimistic starting figures stay in force: big experiments are refused, nothing breaks.
            LOG.warnf(e, "Could not measure trial costs; admission keeps its pessimistic estimates");
        }
    }

    /**
     * The first sign of a shutdown (SIGTERM): during Quarkus's shutdown delay the HTTP server still
     * answers and readiness reports DOWN, so this is when to stop taking work and settle every
     * experiment, while clients waiting on one can still be told how it ended.
     */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        beginShutdown();
    }

    /**
     * Makes sure the shutdown has begun (without a delay configured this is the first sign) and waits
     * for the runners to finish their current trial, which stops within milliseconds once cancelled.
     */
    void onStop(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        beginShutdown();
        try {
            Runtime.getRuntime().removeShutdownHook(earlyShutdownNotice);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The JVM is exiting and has started the hook, which has done (or is doing) the same.
        }
        runners.forEach(Thread::interrupt);
        for (Thread runner : runners) {
            runner.join(TimeUnit.SECONDS.toMillis(10));
        }
        timeouts.shutdownNow();
    }

    /** Refuses new submissions and cancels what is queued and running, as "service shutting down". */
    void beginShutdown() {
        List<String> queued = new ArrayList<>();
        synchronized (admission) {
            accepting = false;
            queue.drainTo(queued);
            queued.forEach(queuedSeconds::remove);
        }
        queued.forEach(id -> finish(id, ExperimentStatus.CANCELLED, SHUTTING_DOWN, null));
        running.values().forEach(execution -> execution.stop(ExperimentStatus.CANCELLED, SHUTTING_DOWN));
    }

    /**
     * Stores a new experiment and puts it at the back of the queue.
     *
     * @throws SubmissionRefusedException if the queue is full or the service is shutting down;
     *     nothing was stored then
     */
    public Experiment submit(ExperimentSpec spec) {
        return admit(spec, null).experiment();
    }

    /** What a submission with an {@code Idempotency-Key} got. */
    public record Submission(Experiment experiment, boolean replayed) {
    }

    /**
     * Like {@link #submit(ExperimentSpec)}, once per {@code key}: the first submission with it is
     * admitted (or refused, which binds nothing, so a retry can succeed later); while the key is kept,
     * a submission with it and an equal spec gets that experiment back as it stands now, without
     * another being queued, even while the queue is full or the service is shutting down, since it asks
     * for no new work. The check and the insert are one step under the admission lock, so submissions
     * that race with one key make one experiment between them.
     *
     * @throws IdempotencyKeyConflictException if the key was used for another spec, or its experiment
     *     has been deleted or evicted; nothing was stored then
     * @throws SubmissionRefusedException as {@link #submit(ExperimentSpec)}
     */
    public Submission submit(ExperimentSpec spec, IdempotencyKey key) {
        return admit(spec, Objects.requireNonNull(key, "key"));
    }

    private Submission admit(ExperimentSpec spec, IdempotencyKey key) {
        String fingerprint = key == null ? null : spec.fingerprint();
        synchronized (admission) {
            if (key != null) {
                Optional<IdempotencyRecord> bound = store.findByIdempotencyKey(key);
                if (bound.isPresent()) {
                    return replay(bound.get(), fingerprint);
                }
            }
            if (!accepting) {
                metrics.rejected("shutting_down");
                throw new SubmissionRefusedException(SubmissionRefusedException.Reason.SHUTTING_DOWN, 0,
                        "The service is shutting down and accepts no new experiments; submit again once it is back.");
            }
            if (queue.size() >= config.queue().capacity()) {
                long retryAfter = secondsOfWorkAhead();
                metrics.rejected("queue_full");
                throw new SubmissionRefusedException(SubmissionRefusedException.Reason.QUEUE_FULL, retryAfter,
                        "The queue is full (" + queue.size() + " experiments waiting, the configured capacity); "
                                + "retry in about " + retryAfter + " s, or submit smaller experiments.");
            }
            Experiment queued = Experiment.queued(UUID.randomUUID().toString(), spec, now());
            completions.put(queued.id(), new CompletableFuture<>());
            if (key == null) {
                store.insert(queued);
            } else {
                store.insert(queued, key, fingerprint);
            }
            queuedSeconds.put(queued.id(), estimate(spec).seconds());
            queue.add(queued.id());
            metrics.submitted();
            return new Submission(queued, false);
        }
    }

    /** The experiment a key is bound to, for a retry that asks for the same spec. */
    private Submission replay(IdempotencyRecord binding, String fingerprint) {
        if (!binding.fingerprint().equals(fingerprint)) {
            metrics.rejected("idempotency_key_reused");
            throw new IdempotencyKeyConflictException(IdempotencyKeyConflictException.Reason.REUSED, binding);
        }
        return store.find(binding.experimentId()).map(experiment -> new Submission(experiment, true))
                .orElseThrow(() -> {
                    metrics.rejected("idempotency_experiment_gone");
                    return new IdempotencyKeyConflictException(
                            IdempotencyKeyConflictException.Reason.EXPERIMENT_GONE, binding);
                });
    }

    /** The JVM shutdown hook that notices a SIGTERM first; for tests, which cannot send one. */
    Thread shutdownNotice() {
        return earlyShutdownNotice;
    }

    /** How long {@code spec} is expected to run on this machine as it is now. */
    public WorkEstimate estimate(ExperimentSpec spec) {
        return WorkEstimate.of(spec, environment.availableProcessors(), costs);
    }

    /** False once a shutdown has begun: from then on nothing new is run. */
    public boolean isAccepting() {
        return accepting;
    }

    /** Whether submissions are accepted and every runner thread is alive. */
    public boolean isReady() {
        return accepting && !runners.isEmpty() && runners.stream().allMatch(Thread::isAlive);
    }

    public int queueDepth() {
        return queue.size();
    }

    public List<String> runningExperiments() {
        return List.copyOf(running.keySet());
    }

    /**
     * Completes with the experiment's final snapshot once it has reached a terminal status; already
     * complete if it has. Empty if the experiment is unknown.
     *
     * <p>Each caller gets a stage of its own: a waiter that gives up cancels its stage (Mutiny does so
     * when a timeout fires or the client leaves), and that must reach neither the experiment nor any
     * other waiter.
     */
    public Optional<CompletionStage<Experiment>> completion(String id) {
        CompletableFuture<Experiment> pending = completions.get(id);
        if (pending != null) {
            return Optional.of(pending.copy());
        }
        // Not pending any more: the runner stored the terminal snapshot before dropping the future.
        return store.find(id).map(CompletableFuture::completedFuture);
    }

    /** What {@link #cancel} did. */
    public sealed interface Cancellation {
        /** No such experiment. */
        record Unknown() implements Cancellation {
        }

        /** It had already finished, and has now been removed. */
        record Removed() implements Cancellation {
        }

        /** It was queued or running; completes once it has stopped. */
        record Stopping(CompletionStage<Experiment> stopped) implements Cancellation {
        }
    }

    /** Cancels a queued or running experiment, or forgets a finished one. */
    public Cancellation cancel(String id) {
        String reason = "cancelled by request";
        synchronized (admission) {
            Optional<Experiment> current = store.find(id);
            if (current.isEmpty()) {
                return new Cancellation.Unknown();
            }
            if (current.get().status().isTerminal()) {
                // Two DELETEs of one finished experiment: the one that removes it says so, the other finds nothing.
                return store.delete(id) ? new Cancellation.Removed() : new Cancellation.Unknown();
            }
            // Taken while nothing can finish the experiment behind our back: the runner finishes
            // experiments outside this lock, but the future is dropped only after its snapshot is stored,
            // so one of the two is always there.
            CompletionStage<Experiment> stopped = completion(id).orElseGet(
                    () -> CompletableFuture.completedFuture(current.get()));
            if (queue.remove(id)) {
                queuedSeconds.remove(id);
                finish(id, ExperimentStatus.CANCELLED, reason, null);
            } else {
                Execution execution = running.get(id);
                if (execution != null) {
                    execution.stop(ExperimentStatus.CANCELLED, reason);
                } else {
                    // Taken off the queue by a runner that has not registered it yet.
                    cancelledInHandOver.add(id);
                }
            }
            return new Cancellation.Stopping(stopped);
        }
    }

    /**
     * Seconds until the work ahead of a new submission is done. It reads no store: a submission flood
     * calls this under the admission lock, while experiments come and go.
     */
    private long secondsOfWorkAhead() {
        double seconds = 0;
        for (double queued : queuedSeconds.values()) {
            seconds += queued;
        }
        long now = System.nanoTime();
        for (Execution execution : running.values()) {
            seconds += Math.max(0, execution.plannedSeconds - (now - execution.startedNanos) / 1e9);
        }
        double spread = seconds / Math.max(1, config.runner().concurrency());
        return Math.max(1, Math.min(3600, (long) Math.ceil(spread)));
    }

    private void loop() {
        while (accepting && !Thread.currentThread().isInterrupted()) {
            String id;
            try {
                id = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            Execution execution = new Execution(id, Objects.requireNonNullElse(queuedSeconds.remove(id), 0.0));
            synchronized (admission) {
                running.put(id, execution);
                if (cancelledInHandOver.remove(id)) {
                    execution.stop(ExperimentStatus.CANCELLED, "cancelled by request");
                } else if (!accepting) {
                    // Taken off the queue just before a shutdown drained it.
                    execution.stop(ExperimentStatus.CANCELLED, SHUTTING_DOWN);
                }
            }
            try {
                execute(execution);
            } finally {
                running.remove(id);
            }
        }
    }

    private void execute(Execution execution) {
        String id = execution.id;
        Experiment experiment = events.record(id, ExperimentEvent.STATUS,
                () -> store.update(id, e -> e.started(now(), environment)), ExperimentEvent.StatusEvent::of).orElse(null);
        if (experiment == null) {
            completions.remove(id);
            return;
        }
        Duration timeout = config.runner().experimentTimeout();
        ScheduledFuture<?> timer = timeouts.schedule(
                () -> execution.stop(ExperimentStatus.TIMED_OUT, "stopped after the experiment timeout of " + timeout),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        ExperimentStatus outcome = ExperimentStatus.COMPLETED;
        String why = null;
        RunResult partial = null;
        try {
            sequence.run(experiment, execution.token,
                    () -> execution.stop(ExperimentStatus.CANCELLED, SHUTTING_DOWN));
        } catch (RunSequence.Stopped stopped) {
            outcome = execution.stopStatus;
            why = execution.stopReason;
            partial = stopped.partialRun();
        } catch (RuntimeException | Error e) {
            String errorId = UUID.randomUUID().toString();
            LOG.errorf(e, "Experiment %s failed (error id %s)", id, errorId);
            outcome = ExperimentStatus.FAILED;
            why = "The experiment failed (error id " + errorId + "): " + e.getMessage();
        } finally {
            timer.cancel(false);
        }
        finish(id, outcome, why, partial);
    }

    /** Records the terminal status, tells the followers and wakes whoever waits for it. */
    private void finish(String id, ExperimentStatus terminal, String why, RunResult partialRun) {
        Instant now = now();
        Optional<Experiment> last = events.record(id, ExperimentEvent.END, () -> store.update(id, e -> {
            Experiment withPartial = partialRun == null ? e : e.withRun(partialRun);
            return withPartial.finished(terminal, now, why);
        }), ended -> ended);
        metrics.finished(terminal);
        events.forget(id);
        CompletableFuture<Experiment> done = completions.remove(id);
        if (done != null) {
            last.ifPresentOrElse(done::complete, () -> done.completeExceptionally(
                    new IllegalStateException("experiment " + id + " was removed")));
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** An experiment on a runner thread, and how to stop it. */
    private static final class Execution {
        final String id;
        final double plannedSeconds;
        final long startedNanos = System.nanoTime();
        final CancellationToken token = new CancellationToken();
        volatile ExperimentStatus stopStatus = ExperimentStatus.CANCELLED;
        volatile String stopReason = "cancelled";

        Execution(String id, double plannedSeconds) {
            this.id = id;
            this.plannedSeconds = plannedSeconds;
        }

        /** The first reason given wins: a timeout during a shutdown stays a timeout. */
        synchronized void stop(ExperimentStatus status, String reason) {
            if (!token.isCancelled()) {
                stopStatus = status;
                stopReason = reason;
                token.cancel();
            }
        }
    }
}
