package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.config.ConfigDefaults;
import dev.concurrency.playground.config.FleetConfig;
import dev.concurrency.playground.config.LimitsConfig;
import dev.concurrency.playground.config.RetentionConfig;
import dev.concurrency.playground.config.RunnerConfig;
import dev.concurrency.playground.engine.CancellationToken;
import dev.concurrency.playground.engine.JitWatch;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.experiment.Environment;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.IdempotencyKey;
import dev.concurrency.playground.experiment.Instance;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.event.ExperimentEvent;
import dev.concurrency.playground.experiment.event.ExperimentEvents;
import dev.concurrency.playground.store.ExperimentStore;
import dev.concurrency.playground.store.IdempotencyRecord;
import dev.concurrency.playground.store.ListQuery;
import dev.concurrency.playground.store.StoreUnavailableException;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.Backend;
import dev.concurrency.playground.strategy.StrategyCatalog;
import io.quarkus.runtime.Quarkus;
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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Admits experiments into the store's queue and runs them, oldest first, on threads of its own.
 *
 * <p>The queue is the store's, so a fleet of instances sharing a store shares one queue: each runner
 * thread claims the oldest queued experiment ({@link ExperimentStore#claimNext}), and no two claim the
 * same one. One at a time per instance by default, because experiments that run side by side steal
 * each other's cores and distort each other's timings. Never on an HTTP worker thread or the event
 * loop: an experiment can take minutes, and the service must keep answering while it does.
 *
 * <p>Besides running, each instance keeps the fleet honest, on a timer ({@code playground.fleet.*}): it
 * heartbeats; it marks FAILED the experiments of instances that stopped heartbeating; it stops its own
 * experiments that a DELETE on another instance asked to stop; it tells its followers and waiters what
 * happens to experiments that other instances run; and, holding a lease, it deletes what the retention
 * rules say.
 *
 * <p>Nothing accepted is lost silently: every experiment that got past {@link #submit} reaches a
 * terminal status, whether it completes, fails, is cancelled or times out, or its instance dies (FAILED,
 * "the instance running it stopped"); a shutdown puts the running one back in the queue, to run whole
 * later, on another instance or after the restart (with the in-memory store, which a restart forgets,
 * a shutdown cancels queued and running ones instead, as "service shutting down").
 */
@ApplicationScoped
public class ExperimentRunner {

    private static final Logger LOG = Logger.getLogger(ExperimentRunner.class);
    static final String SHUTTING_DOWN = "service shutting down";
    static final String REQUEUED = "put back in the queue: the instance running it shut down before it finished; "
            + "it runs again, whole, on another instance or after the restart";
    static final String INSTANCE_STOPPED = "the instance running it stopped (it sent no heartbeat for %s); "
            + "the runs completed before are kept";
    static final String RESTARTED = "the instance running it stopped (the service was restarted before it "
            + "finished); the runs completed before are kept";
    static final String CANCELLED_BY_REQUEST = "cancelled by request";
    private static final String RETENTION_LEASE = "retention";

    private final ExperimentStore store;
    private final StrategyCatalog catalog;
    private final ExperimentEvents events;
    private final RunnerConfig config;
    private final FleetConfig fleet;
    private final RetentionConfig retention;
    private final ExperimentMetrics metrics;
    private final TrialCosts costs;
    private final TrialEngine engine;
    private final Instance instance;
    private final Environment environment;
    private final RunSequence sequence;
    /** Waiters' futures, by experiment, whichever instance runs it; completed with its final snapshot. */
    private final Map<String, CompletableFuture<Experiment>> completions = new ConcurrentHashMap<>();
    private final Map<String, Execution> running = new ConcurrentHashMap<>();
    /** Orders registering a claimed experiment against a shutdown that stops what is registered. */
    private final Object lifecycle = new Object();
    /** Open once this instance has settled what a previous life left RUNNING and sent its first heartbeat. */
    private final java.util.concurrent.CountDownLatch joined = new java.util.concurrent.CountDownLatch(1);
    /** Wakes an idle runner when this instance queues something; others' submissions are polled for. */
    private final Semaphore work = new Semaphore(0);
    private final List<Thread> runners = new ArrayList<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("experiment-timers").daemon(true).factory());
    /**
     * Notices a SIGTERM as soon as the JVM does, before Quarkus's own shutdown reaches its listeners:
     * a submission that arrives in between must not be answered as queued and then dropped.
     */
    private final Thread earlyShutdownNotice = Thread.ofPlatform().name("experiment-runner-shutdown-notice")
            .unstarted(this::beginShutdown);
    private volatile boolean accepting = true;
    private volatile int queueDepth;
    private volatile boolean storeAvailable = true;
    /** The store could not be opened at all; the service is exiting, and the timer has nothing to do. */
    private volatile boolean unusable;
    /** When the timer thread heartbeats and applies retention next, in {@link System#nanoTime()}. */
    private long nextHeartbeat;
    private long nextRetention;

    /** Without watching the JIT: warm-ups end on their time and timings alone. */
    public ExperimentRunner(ExperimentStore store, StrategyCatalog catalog, ExperimentEvents events,
            RunnerConfig config, FleetConfig fleet, RetentionConfig retention, ExperimentMetrics metrics,
            TrialCosts costs, TrialEngine engine, Instance instance, LimitsConfig limits) {
        this(store, catalog, events, config, fleet, retention, metrics, costs, engine, instance, limits, JitWatch.BLIND);
    }

    /** With no backend configured but the embedded race database: the others fail their trials, saying what to configure. */
    public ExperimentRunner(ExperimentStore store, StrategyCatalog catalog, ExperimentEvents events,
            RunnerConfig config, FleetConfig fleet, RetentionConfig retention, ExperimentMetrics metrics,
            TrialCosts costs, TrialEngine engine, Instance instance, LimitsConfig limits, JitWatch jit) {
        this(store, catalog, events, config, fleet, retention, metrics, costs, engine, instance, limits, jit,
                TrialBackends.none(), RaceDatabases.embeddedOnly());
    }

    @Inject
    public ExperimentRunner(ExperimentStore store, StrategyCatalog catalog, ExperimentEvents events,
            RunnerConfig config, FleetConfig fleet, RetentionConfig retention, ExperimentMetrics metrics,
            TrialCosts costs, TrialEngine engine, Instance instance, LimitsConfig limits, JitWatch jit,
            TrialBackends backends, RaceDatabases databases) {
        this.store = store;
        this.catalog = catalog;
        this.events = events;
        this.config = config;
        this.fleet = fleet;
        this.retention = retention;
        this.metrics = metrics;
        this.costs = costs;
        this.engine = engine;
        this.instance = instance;
        this.environment = Environment.current(instance);
        this.sequence = new RunSequence(store, catalog, events, metrics, costs, engine, environment, jit,
                config.runner().warmupMinTime(), config.runner().warmupMaxTime(), config.runner().checkpointInterval(),
                limits.maxExplainBytes(), backends, databases);
    }

    /** With the default fleet, retention and limits settings and a new instance identity. */
    public ExperimentRunner(ExperimentStore store, StrategyCatalog catalog, ExperimentEvents events,
            RunnerConfig config, ExperimentMetrics metrics, TrialCosts costs, TrialEngine engine) {
        this(store, catalog, events, config, ConfigDefaults.of(FleetConfig.class),
                ConfigDefaults.of(RetentionConfig.class), metrics, costs, engine, Instance.start(),
                ConfigDefaults.of(LimitsConfig.class));
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    /**
     * Starts the runner threads, and on the timer thread joins the fleet and settles what a previous life
     * left behind: opening the store (and bringing its schema up to date) is off the start-up path, so the
     * service answers at once, and a request that needs the store meanwhile waits for it.
     */
    void start() {
        metrics.watch(() -> queueDepth, running::size);
        Runtime.getRuntime().addShutdownHook(earlyShutdownNotice);
        long poll = fleet.pollInterval().toNanos();
        nextHeartbeat = System.nanoTime() + fleet.heartbeatInterval().toNanos();
        nextRetention = System.nanoTime();
        timers.execute(this::joinFleet);
        timers.scheduleWithFixedDelay(this::tick, poll, poll, TimeUnit.NANOSECONDS);
        for (int i = 0; i < config.runner().concurrency(); i++) {
            boolean first = i == 0;
            runners.add(Thread.ofPlatform().name("experiment-runner-" + i).daemon(true).start(() -> {
                if (first) {
                    calibrate();
                }
                try {
                    // Not before the leftovers of a previous life are settled: that would take an experiment
                    // this instance has just claimed, before its first heartbeat, for one of them.
                    joined.await();
                } catch (InterruptedException e) {
                    return;
                }
                loop();
            }));
        }
    }

    private void joinFleet() {
        try {
            settleAndJoin();
        } finally {
            joined.countDown();
        }
    }

    private void settleAndJoin() {
        try {
            if (!store.isShared()) {
                // Nobody else can be using this store: whatever is RUNNING was left by a process that died.
                endOrphans(now().plusNanos(1), RESTARTED);
            }
            store.heartbeat(instance, now());
        } catch (StoreUnavailableException e) {
            storeAvailable = false;
            LOG.warnf("The experiment store is unavailable at start-up; retrying every %s: %s", fleet.pollInterval(),
                    e.getMessage());
        } catch (RuntimeException e) {
            // The store cannot be opened at all (the embedded file is another process's): no use serving.
            LOG.errorf("%s", rootMessage(e));
            unusable = true;
            Quarkus.asyncExit(1);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof IllegalStateException)) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** The identity this instance records in the experiments it runs. */
    public Instance instance() {
        return instance;
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
     * answers and readiness reports DOWN, so this is when to stop taking work and settle the running
     * experiment, while clients waiting on one can still be told.
     */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        beginShutdown();
    }

    /**
     * Makes sure the shutdown has begun (without a delay configured this is the first sign), waits for
     * the runners to settle their experiment, which stops within milliseconds, and leaves the fleet.
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
        timers.shutdownNow();
        try {
            store.leave(instance);
        } catch (RuntimeException e) {
            // Unavailable (or never opened): the others notice by the missing heartbeats; this instance
            // runs nothing any more.
        }
    }

    /**
     * Refuses new submissions and stops the running experiments: a durable store keeps them, queued
     * again, for another instance or the restart; the in-memory store would forget them, so they are
     * cancelled, and so are the queued ones.
     */
    void beginShutdown() {
        List<Execution> stopping;
        synchronized (lifecycle) {
            if (!accepting) {
                return;
            }
            accepting = false;
            stopping = List.copyOf(running.values());
        }
        work.release(runners.size() + 1);
        boolean durable;
        try {
            durable = store.isDurable();
        } catch (RuntimeException storeNeverOpened) {
            return; // nothing ran, nothing to settle: the store could not even be opened
        }
        stopping.forEach(execution -> execution.stop(durable ? ExperimentStatus.QUEUED : ExperimentStatus.CANCELLED,
                durable ? REQUEUED : SHUTTING_DOWN));
        if (!durable) {
            cancelQueued(SHUTTING_DOWN);
        }
    }

    private void cancelQueued(String why) {
        ListQuery queued = ListQuery.all(100).withStatuses(Set.of(ExperimentStatus.QUEUED));
        List<Experiment> page;
        while (!(page = store.list(queued).items()).isEmpty()) {
            page.forEach(experiment -> finishQueued(experiment.id(), why));
        }
    }

    /**
     * Stores a new experiment and puts it at the back of the queue.
     *
     * @throws SubmissionRefusedException if the queue is full or the service is shutting down;
     *     nothing was stored then
     * @throws StoreUnavailableException if the store cannot be reached; nothing was stored then
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
     * for no new work. The store checks and binds the key in the same step as it queues, so submissions
     * that race with one key, on any instances, make one experiment between them.
     *
     * @throws IdempotencyKeyConflictException if the key was used for another spec, or its experiment
     *     has been deleted; nothing was stored then
     * @throws SubmissionRefusedException as {@link #submit(ExperimentSpec)}
     */
    public Submission submit(ExperimentSpec spec, IdempotencyKey key) {
        return admit(spec, java.util.Objects.requireNonNull(key, "key"));
    }

    private Submission admit(ExperimentSpec spec, IdempotencyKey key) {
        String fingerprint = key == null ? null : spec.fingerprint();
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
        Experiment queued = Experiment.queued(UUID.randomUUID().toString(), spec, now());
        ExperimentStore.Admission admission = store.admit(queued, estimate(spec).seconds(), config.queue().capacity(),
                key, fingerprint);
        return switch (admission) {
            case ExperimentStore.Admission.Admitted admitted -> {
                metrics.submitted();
                work.release();
                yield new Submission(queued, false);
            }
            case ExperimentStore.Admission.KeyTaken taken -> replay(taken.binding(), fingerprint);
            case ExperimentStore.Admission.QueueFull full -> {
                long retryAfter = retryAfter(full.plannedSeconds());
                metrics.rejected("queue_full");
                throw new SubmissionRefusedException(SubmissionRefusedException.Reason.QUEUE_FULL, retryAfter,
                        "The queue is full (" + full.queued() + " experiments waiting, the configured capacity"
                                + (store.isShared() ? " of the whole fleet" : "") + "); retry in about " + retryAfter
                                + " s, or submit smaller experiments.");
            }
        };
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

    /**
     * Seconds until the work ahead of a new submission is done: the planned seconds of what is queued and
     * running, spread over the runners of the live instances.
     */
    private long retryAfter(double plannedSeconds) {
        int instances = Math.max(1, store.liveInstances(now().minus(fleet.instanceTimeout())));
        double spread = plannedSeconds / ((double) instances * Math.max(1, config.runner().concurrency()));
        return Math.max(1, Math.min(3600, (long) Math.ceil(spread)));
    }

    /** The JVM shutdown hook that notices a SIGTERM first; for tests, which cannot send one. */
    Thread shutdownNotice() {
        return earlyShutdownNotice;
    }

    /** How long {@code spec} is expected to run on this machine as it is now. */
    public WorkEstimate estimate(ExperimentSpec spec) {
        return WorkEstimate.of(spec, id -> catalog.find(id).flatMap(Strategy::backend).isPresent(),
                environment.availableProcessors(), costs, config.runner().warmupMinTime());
    }

    /** False once a shutdown has begun: from then on nothing new is run. */
    public boolean isAccepting() {
        return accepting;
    }

    /** Whether submissions are accepted and every runner thread is alive. */
    public boolean isReady() {
        return accepting && !runners.isEmpty() && runners.stream().allMatch(Thread::isAlive);
    }

    /**
     * Experiments waiting (in the whole fleet, for a shared store); while the store is unavailable, as
     * last read from it.
     */
    public int queueDepth() {
        try {
            queueDepth = store.countQueued();
        } catch (StoreUnavailableException e) {
            // The last figure read is the best there is; readiness says the store is down.
        }
        return queueDepth;
    }

    public List<String> runningExperiments() {
        return List.copyOf(running.keySet());
    }

    /**
     * Completes with the experiment's final snapshot once it has reached a terminal status (or, if its
     * instance shut down, with it queued again); already complete if it has. Empty if the experiment is
     * unknown. Works for experiments that other instances run: their end is read from the store.
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
        Optional<Experiment> current = store.find(id);
        if (current.isEmpty() || current.get().status().isTerminal()) {
            return current.map(CompletableFuture::completedFuture);
        }
        CompletableFuture<Experiment> future = completions.computeIfAbsent(id, key -> new CompletableFuture<>());
        // Read again: it may have ended between the first read and the registration, and then no one
        // would complete the future before the next poll.
        store.find(id).filter(experiment -> experiment.status().isTerminal()).ifPresent(ended -> complete(id, ended));
        return Optional.of(future.copy());
    }

    private void complete(String id, Experiment last) {
        CompletableFuture<Experiment> done = completions.remove(id);
        if (done != null) {
            done.complete(last);
        }
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

    /**
     * Cancels a queued or running experiment, or forgets a finished one. A running one is stopped
     * wherever it runs: at once here, or by its instance within a poll interval.
     */
    public Cancellation cancel(String id) {
        while (true) {
            Optional<Experiment> current = store.find(id);
            if (current.isEmpty()) {
                return new Cancellation.Unknown();
            }
            if (current.get().status().isTerminal()) {
                // Two DELETEs of one finished experiment: the one that removes it says so, the other finds nothing.
                return store.delete(id) ? new Cancellation.Removed() : new Cancellation.Unknown();
            }
            CompletionStage<Experiment> stopped = completion(id).orElseGet(
                    () -> CompletableFuture.completedFuture(current.get()));
            if (current.get().status() == ExperimentStatus.QUEUED) {
                if (finishQueued(id, CANCELLED_BY_REQUEST)) {
                    return new Cancellation.Stopping(stopped);
                }
                continue; // claimed, cancelled or deleted meanwhile: decide again on what it is now
            }
            // Running: the store tells its instance, wherever it is; if that is this one, at once.
            store.requestStop(id, CANCELLED_BY_REQUEST);
            Execution execution = running.get(id);
            if (execution != null) {
                execution.stop(ExperimentStatus.CANCELLED, CANCELLED_BY_REQUEST);
            }
            return new Cancellation.Stopping(stopped);
        }
    }

    /** Cancels {@code id} if it is still queued; false if it was not (any more). */
    private boolean finishQueued(String id, String why) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Instant now = now();
        Optional<Experiment> last = events.record(id, ExperimentEvent.END, () -> store.update(id, e -> {
            if (e.status() != ExperimentStatus.QUEUED) {
                return e;
            }
            cancelled.set(true);
            return e.finished(ExperimentStatus.CANCELLED, now, why);
        }).filter(e -> cancelled.get()), ended -> ended);
        if (last.isPresent()) {
            metrics.finished(ExperimentStatus.CANCELLED);
            events.forget(id);
            complete(id, last.get());
        }
        return cancelled.get();
    }

    private void loop() {
        while (accepting && !Thread.currentThread().isInterrupted()) {
            Optional<Experiment> claimed;
            try {
                claimed = store.claimNext(e -> e.started(now(), environment));
            } catch (StoreUnavailableException e) {
                LOG.debugf("Cannot claim an experiment: %s", e.getMessage());
                claimed = Optional.empty();
            }
            if (claimed.isEmpty()) {
                try {
                    work.tryAcquire(fleet.pollInterval().toNanos(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            Experiment experiment = claimed.get();
            Execution execution = new Execution();
            synchronized (lifecycle) {
                running.put(experiment.id(), execution);
                if (!accepting) {
                    // Claimed just as a shutdown began, which did not see it.
                    stopForShutdown(execution);
                }
            }
            try {
                execute(experiment, execution);
            } finally {
                running.remove(experiment.id());
            }
        }
    }

    private void stopForShutdown(Execution execution) {
        boolean durable = store.isDurable();
        execution.stop(durable ? ExperimentStatus.QUEUED : ExperimentStatus.CANCELLED, durable ? REQUEUED : SHUTTING_DOWN);
    }

    private void execute(Experiment experiment, Execution execution) {
        String id = experiment.id();
        events.record(id, ExperimentEvent.STATUS, () -> Optional.of(experiment), ExperimentEvent.StatusEvent::of);
        Duration timeout = config.runner().experimentTimeout();
        ScheduledFuture<?> timer = timers.schedule(
                () -> execution.stop(ExperimentStatus.TIMED_OUT, "stopped after the experiment timeout of " + timeout),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        ExperimentStatus outcome = ExperimentStatus.COMPLETED;
        String why = null;
        List<RunResult> partial = List.of();
        Optional<RunResult> last = Optional.empty();
        try {
            last = sequence.run(experiment, execution.token, () -> stopForShutdown(execution), this::retrying);
        } catch (RunSequence.Stopped stopped) {
            outcome = execution.stopStatus;
            why = execution.stopReason;
            partial = stopped.partialRuns();
        } catch (RunSequence.Orphaned orphaned) {
            // Another instance took this one for dead and ended the experiment; it is no longer ours.
            LOG.warnf("Experiment %s was ended by another instance while this one ran it: %s", id,
                    orphaned.getMessage());
            events.forget(id);
            complete(id, orphaned.current());
            timer.cancel(false);
            return;
        } catch (RuntimeException | Error e) {
            String errorId = UUID.randomUUID().toString();
            LOG.errorf(e, "Experiment %s failed (error id %s)", id, errorId);
            outcome = ExperimentStatus.FAILED;
            why = "The experiment failed (error id " + errorId + "): " + e.getMessage();
        } finally {
            timer.cancel(false);
        }
        if (outcome == ExperimentStatus.QUEUED) {
            requeue(id, why);
        } else {
            finish(id, outcome, why, partial, last);
        }
    }

    /**
     * Records the terminal status with the runs not stored yet (those stopped part-way, and the last completed
     * run, which followers hear of as a run before the end), tells the followers and wakes whoever waits.
     */
    private void finish(String id, ExperimentStatus terminal, String why, List<RunResult> partialRuns,
            Optional<RunResult> lastRun) {
        Instant now = now();
        Optional<Experiment> last = retrying("finish experiment " + id, () -> events.recordEnd(id, lastRun,
                () -> store.update(id, e -> {
                    if (e.status() != ExperimentStatus.RUNNING) {
                        return e; // ended meanwhile by another instance that took this one for dead
                    }
                    Experiment withPartial = e;
                    for (RunResult partial : partialRuns) {
                        withPartial = withPartial.withRun(partial);
                    }
                    if (lastRun.isPresent()) {
                        withPartial = withPartial.withRun(lastRun.get());
                    }
                    return withPartial.finished(terminal, now, why);
                }).filter(e -> e.status() == terminal && now.equals(e.finishedAt()))));
        metrics.finished(terminal);
        events.forget(id);
        CompletableFuture<Experiment> done = completions.remove(id);
        if (done != null) {
            Optional<Experiment> settled = last.isPresent() ? last : store.find(id);
            settled.ifPresentOrElse(done::complete, () -> done.completeExceptionally(
                    new IllegalStateException("experiment " + id + " was removed")));
        }
    }

    /** Back in the queue, whole; followers are told, and their streams close so they reconnect elsewhere. */
    private void requeue(String id, String why) {
        Optional<Experiment> queued = retrying("requeue experiment " + id, () -> events.record(id,
                ExperimentEvent.REQUEUED, () -> store.update(id, e -> e.status() == ExperimentStatus.RUNNING
                        ? e.requeued(why) : e).filter(e -> e.status() == ExperimentStatus.QUEUED),
                ExperimentEvent.StatusEvent::of));
        events.forget(id);
        queued.ifPresent(experiment -> complete(id, experiment));
    }

    /**
     * A write the experiment's story depends on, tried until the store takes it: a database that is
     * down for a while must not turn a finished experiment into a lost one. Given up only when the
     * runner is interrupted (shutdown); the experiment then stays RUNNING in the store until another
     * instance, or the restart, marks it FAILED.
     */
    <T> Optional<T> retrying(String what, Supplier<Optional<T>> write) {
        long pause = fleet.pollInterval().toMillis();
        while (true) {
            try {
                return write.get();
            } catch (StoreUnavailableException e) {
                LOG.warnf("Could not %s, retrying: %s", what, e.getMessage());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    LOG.errorf("Gave up trying to %s: shutting down with the store unavailable", what);
                    return Optional.empty();
                }
                pause = Math.min(pause * 2, fleet.heartbeatInterval().toMillis());
            }
        }
    }

    /** The fleet's chores, every poll interval; the store being unavailable only postpones them. */
    void tick() {
        if (unusable) {
            return;
        }
        try {
            long nanos = System.nanoTime();
            if (nanos - nextHeartbeat >= 0) {
                store.heartbeat(instance, now());
                nextHeartbeat = nanos + fleet.heartbeatInterval().toNanos();
                endOrphans(now().minus(fleet.instanceTimeout()), INSTANCE_STOPPED.formatted(fleet.instanceTimeout()));
            }
            store.stopRequests(instance.id()).forEach((id, reason) -> {
                Execution execution = running.get(id);
                if (execution != null) {
                    execution.stop(ExperimentStatus.CANCELLED, reason);
                }
            });
            followOthers();
            queueDepth = store.countQueued();
            if (nanos - nextRetention >= 0) {
                applyRetention();
                nextRetention = nanos + retention.interval().toNanos();
            }
            if (!storeAvailable) {
                LOG.info("The experiment store is available again");
                storeAvailable = true;
            }
        } catch (StoreUnavailableException e) {
            if (storeAvailable) {
                LOG.warnf("The experiment store is unavailable: %s", e.getMessage());
                storeAvailable = false;
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "A fleet chore failed; trying again in %s", fleet.pollInterval());
        }
    }

    /** Marks FAILED what instances that stopped heartbeating before {@code deadBefore} were running. */
    private void endOrphans(Instant deadBefore, String why) {
        Instant now = now();
        for (Experiment ended : store.endOrphans(deadBefore, e -> e.finished(ExperimentStatus.FAILED, now, why))) {
            LOG.warnf("Experiment %s: %s", ended.id(), why);
            metrics.finished(ExperimentStatus.FAILED);
            events.catchUp(ended.id(), ended);
            events.forget(ended.id());
            complete(ended.id(), ended);
        }
    }

    /**
     * Brings followers and waiters of experiments that other instances run up to date with the store: a
     * poll, so a missed change is only late, never lost.
     */
    private void followOthers() {
        Set<String> watched = new HashSet<>(events.followed());
        watched.addAll(completions.keySet());
        watched.removeAll(running.keySet());
        for (String id : watched) {
            Optional<Experiment> current = store.find(id);
            if (current.isEmpty()) {
                events.forget(id);
                CompletableFuture<Experiment> gone = completions.remove(id);
                if (gone != null) {
                    gone.completeExceptionally(new IllegalStateException("experiment " + id + " was removed"));
                }
                continue;
            }
            if (running.containsKey(id)) {
                continue; // claimed here meanwhile: the runner tells its followers itself
            }
            events.catchUp(id, current.get());
            if (current.get().status().isTerminal()) {
                events.forget(id);
                complete(id, current.get());
            }
        }
    }

    /** Deletes what the retention rules say, on one instance of the fleet at a time (whoever holds the lease). */
    private void applyRetention() {
        Instant now = now();
        if (store.tryLease(RETENTION_LEASE, instance.id(), now, retention.interval())) {
            int deleted = store.deleteFinished(now.minus(retention.maxAge()), retention.maxCount());
            if (deleted > 0) {
                LOG.infof("Retention: deleted %d finished experiments (older than %s%s)", deleted, retention.maxAge(),
                        retention.maxCount().isPresent() ? " or beyond the newest " + retention.maxCount().getAsInt() : "");
            }
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** An experiment on a runner thread, and how to stop it. */
    private static final class Execution {
        final CancellationToken token = new CancellationToken();
        volatile ExperimentStatus stopStatus = ExperimentStatus.CANCELLED;
        volatile String stopReason = "cancelled";

        /**
         * The first reason given wins: a timeout during a shutdown stays a timeout. {@code QUEUED} puts
         * it back in the queue instead of ending it.
         */
        synchronized void stop(ExperimentStatus status, String reason) {
            if (!token.isCancelled()) {
                stopStatus = status;
                stopReason = reason;
                token.cancel();
            }
        }
    }
}
