package dev.concurrency.playground.engine;

import dev.concurrency.playground.strategy.EventLoop;
import dev.concurrency.playground.strategy.ExternalCounter;
import dev.concurrency.playground.strategy.OwnedCounter;
import dev.concurrency.playground.strategy.ReadingCounter;
import dev.concurrency.playground.strategy.Owners;
import dev.concurrency.playground.strategy.RecordingCounter;
import dev.concurrency.playground.strategy.SharedCounter;
import dev.concurrency.playground.strategy.BlockingCounter;
import dev.concurrency.playground.strategy.WorkingCounter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Runs one trial: creates the workers, releases them together, lets them increment one fresh shared
 * counter, and reports what they did and what the counter says.
 *
 * <p>The engine owns every thread of the trial and waits for all of them to end before it returns, so
 * no worker outlives its trial, whether it finished, failed or was cancelled. The only things a
 * worker touches per increment are inside the strategy's own loop; between batches it reads one
 * volatile stop flag.
 *
 * <p>Trials whose workers are child processes ({@link ThreadType#PROCESS}) are run by {@link ProcessTrials},
 * which returns the same measurement.
 *
 * <p>A counter with an owner ({@link OwnedCounter}) gets its owner thread, or event loop, from the engine
 * before the workers start; the trial then lasts until the owner has applied every increment handed to
 * it, and the owner is stopped and its thread joined however the trial ends.
 *
 * <p>A counter kept outside the JVM ({@link ExternalCounter}) is opened on the plan's backends before the
 * workers start, each worker opens its own connection before the start gate, and the counter is finished
 * (its count read, its connections closed) however the trial ends.
 */
public final class TrialEngine {

    /** Platform workers that each have a core to themselves can afford to spin until everyone is ready. */
    static final long DEDICATED_SPIN_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** Oversubscribed or virtual workers spin only briefly, then give their core to the latecomers. */
    static final long SHARED_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    /** How often the coordinating thread looks at the cancellation token while it waits. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** Reads a thread's CPU time; one read before and one after a worker's timed span, never inside it. */
    private static final ThreadMXBean CPU_CLOCK = ManagementFactory.getThreadMXBean();

    private final int availableProcessors;

    /** Makes the worker threads of one trial, for the trial's thread type; asked once per trial. */
    private final Function<ThreadType, ThreadFactory> threadFactories;

    /** The calling thread's CPU time in nanoseconds, or a negative number where the JVM cannot tell. */
    private final LongSupplier cpuClock;

    /** Where event-loop trials get their loop. */
    private final EventLoops eventLoops;

    /** Runs the trials whose workers are child processes; null when this engine runs threads only. */
    private final ProcessTrials processes;

    /** An engine without event loops: every strategy runs but {@code event-loop}. */
    public TrialEngine() {
        this(EventLoops.NONE);
    }

    /** An engine whose event-loop trials run on loops from {@code eventLoops}, without process trials. */
    public TrialEngine(EventLoops eventLoops) {
        this(eventLoops, null);
    }

    /**
     * An engine whose event-loop trials run on loops from {@code eventLoops} and whose process trials
     * ({@link ThreadType#PROCESS}) run as {@code processes} says; null for none.
     */
    public TrialEngine(EventLoops eventLoops, ProcessTrials processes) {
        this(Runtime.getRuntime().availableProcessors(), TrialEngine::workerThreads, CPU_CLOCK::getCurrentThreadCpuTime,
                eventLoops, processes);
    }

    TrialEngine(int availableProcessors) {
        this(availableProcessors, TrialEngine::workerThreads, CPU_CLOCK::getCurrentThreadCpuTime);
    }

    /**
     * Lets tests put a thread factory that refuses, or one that keeps every worker it made, and a CPU
     * clock with known readings in place of the real ones, which the other constructors use.
     */
    TrialEngine(int availableProcessors, Function<ThreadType, ThreadFactory> threadFactories, LongSupplier cpuClock) {
        this(availableProcessors, threadFactories, cpuClock, EventLoops.NONE);
    }

    TrialEngine(int availableProcessors, Function<ThreadType, ThreadFactory> threadFactories, LongSupplier cpuClock,
            EventLoops eventLoops) {
        this(availableProcessors, threadFactories, cpuClock, eventLoops, null);
    }

    private TrialEngine(int availableProcessors, Function<ThreadType, ThreadFactory> threadFactories, LongSupplier cpuClock,
            EventLoops eventLoops, ProcessTrials processes) {
        this.processes = processes;
        this.availableProcessors = availableProcessors;
        this.threadFactories = threadFactories;
        this.cpuClock = cpuClock;
        this.eventLoops = eventLoops;
    }

    /** Owners are platform threads, whatever the workers are: one thread that must keep up with all of them. */
    static final String OWNER_THREAD_PREFIX = "trial-owner-";

    /** How workers are named: this, then their number in the trial (a recording of pinning picks them out by it). */
    static final String WORKER_PREFIX = "trial-worker-";

    /** The real workers: a fresh factory per trial, so each trial's workers are numbered from 0. */
    static ThreadFactory workerThreads(ThreadType type) {
        Thread.Builder builder = type == ThreadType.VIRTUAL
                ? Thread.ofVirtual().name(WORKER_PREFIX, 0)
                : Thread.ofPlatform().name(WORKER_PREFIX, 0).daemon(true);
        return builder.factory();
    }

    /**
     * Runs the trial on the calling thread's behalf and blocks until every worker has ended.
     *
     * @throws TrialCancelledException if {@code cancellation} was raised before the trial finished
     * @throws TrialFailedException if a worker could not be started or threw
     */
    public TrialMeasurement run(TrialPlan plan, CancellationToken cancellation)
            throws TrialCancelledException, InterruptedException {
        if (plan.threadType() == ThreadType.PROCESS) {
            if (plan.reads().any()) {
                throw new IllegalArgumentException("child processes only increment: a trial with reads runs on threads");
            }
            if (processes == null) {
                throw new IllegalStateException("this engine runs no process trials");
            }
            return processes.run(plan, cancellation);
        }
        return run(new Trial(plan, spinNanosFor(plan), threadFactories.apply(plan.threadType()), cpuClock, false,
                eventLoops), cancellation).measurement();
    }

    /**
     * Runs a trial in which every worker records, for every increment, the value it read and the value it
     * wrote, through the strategy's recording loop ({@link RecordingCounter}) rather than its measured one.
     * The workload must be fixed-work, so that the logs can be sized beforehand and hold every increment.
     *
     * @throws IllegalArgumentException if the strategy cannot record, or the work is not fixed or too large for an array
     * @throws TrialCancelledException if {@code cancellation} was raised before the trial finished
     * @throws TrialFailedException if a worker could not be started or threw
     */
    public RecordedTrial runRecorded(TrialPlan plan, CancellationToken cancellation)
            throws TrialCancelledException, InterruptedException {
        if (plan.threadType() == ThreadType.PROCESS) {
            throw new IllegalArgumentException("a recorded trial runs on threads: child processes keep no logs");
        }
        if (!(plan.workload() instanceof Workload.FixedWork work) || work.incrementsPerThread() > MAX_RECORDED_PER_THREAD) {
            throw new IllegalArgumentException("a recorded trial needs fixed work of at most " + MAX_RECORDED_PER_THREAD
                    + " increments per thread, not " + plan.workload());
        }
        Trial trial = new Trial(plan, spinNanosFor(plan), threadFactories.apply(plan.threadType()), cpuClock, true,
                eventLoops);
        return run(trial, cancellation);
    }

    /** The longest array a JVM reliably allocates. */
    static final int MAX_RECORDED_PER_THREAD = Integer.MAX_VALUE - 8;

    private RecordedTrial run(Trial trial, CancellationToken cancellation)
            throws TrialCancelledException, InterruptedException {
        TrialPlan plan = trial.plan;
        try {
            trial.openExternal();
            trial.startOwner();
            trial.startWorkers();
            trial.awaitOpenGate(cancellation);
            trial.gate.wakeParked(trial.workers);
            if (plan.workload() instanceof Workload.FixedTime fixedTime) {
                long deadline = trial.gate.openedAtNanos() + TimeUnit.MILLISECONDS.toNanos(fixedTime.durationMillis());
                trial.sleepUntil(deadline, cancellation);
                trial.stop.raise();
            }
            trial.awaitWorkers(cancellation);
            trial.awaitDrain(cancellation);
        } finally {
            trial.stopAndJoin();
        }
        if (trial.cancelled) {
            throw new TrialCancelledException();
        }
        Throwable failure = trial.failure.get();
        if (failure != null) {
            throw new TrialFailedException("A worker or the owner of the " + plan.strategy().id() + " trial failed: "
                    + failure, failure);
        }
        return new RecordedTrial(trial.measurement(), trial.reads, trial.writes);
    }

    long spinNanosFor(TrialPlan plan) {
        boolean dedicatedCores = plan.threadType() == ThreadType.PLATFORM && plan.threads() <= availableProcessors;
        return dedicatedCores ? DEDICATED_SPIN_NANOS : SHARED_SPIN_NANOS;
    }

    /** A volatile flag in an object of its own, read by every worker once per batch. */
    private static final class StopFlag {
        private volatile boolean raised;

        void raise() {
            raised = true;
        }

        boolean isRaised() {
            return raised;
        }
    }

    /** The state of one trial; discarded when it ends. */
    private static final class Trial {
        final TrialPlan plan;
        final SharedCounter counter;
        final long limitPerThread;
        final StartGate gate;
        final ThreadFactory threads;
        final LongSupplier cpuClock;
        final StopFlag stop = new StopFlag();
        final CountDownLatch finished;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread[] workers;
        // Each slot is written by its own worker only, and read after the finished latch.
        final long[] starts;
        final long[] ends;
        final long[] increments;
        final long[] casFailures;
        final long[] cpuNanos;
        /** The counter's recording loop, used instead of its measured one in a recorded trial; else null. */
        final RecordingCounter recorder;
        /** Per worker, the value each increment read and wrote; null unless the trial is recorded. */
        final long[][] reads;
        final long[][] writes;
        /** Set by the coordinator when it cut the trial short on the token's request. */
        boolean cancelled;
        /** The counter, when it has an owner; else null. */
        final OwnedCounter owned;
        /** The owner's threads, made for this trial and joined when it ends. */
        final TrialOwners owners;
        /** When the owner had applied every increment; the end of the timed span of an owned trial. */
        long drainedAtNanos;
        /** The counter's loop with work around each increment, when the plan asks for work; else null. */
        final WorkingCounter working;
        /** The plan's work, read into fields once so that the workers read no record per batch. */
        final int insideTokens;
        final int outsideTokens;
        /** The counter, when it is kept outside the JVM; else null. */
        final ExternalCounter external;
        /** The counter's reading loop, when the plan asks for reads; else null. */
        final ReadingCounter reading;
        /** Per worker, in a trial with reads: its reads, its time reading and writing, its failed optimistic reads. */
        final long[] readCounts;
        final long[] readNanos;
        final long[] writeNanos;
        final long[] readRetries;
        /** The counter's loop with blocking around each increment, when the plan blocks; else null. */
        final BlockingCounter blocking;
        final long blockInsideNanos;
        final long blockOutsideNanos;
        /** Set by the coordinator once it has interrupted blocked workers to end the trial. */
        boolean workersInterrupted;

        Trial(TrialPlan plan, long spinNanos, ThreadFactory threads, LongSupplier cpuClock, boolean recorded,
                EventLoops eventLoops) {
            this.plan = plan;
            this.threads = threads;
            this.cpuClock = cpuClock;
            this.counter = plan.strategy().newCounter();
            // Before any worker exists, so not timed; a counter too large for the heap fails the trial here.
            this.counter.prepare(plan.threads());
            this.owned = counter instanceof OwnedCounter o ? o : null;
            this.external = counter instanceof ExternalCounter e ? e : null;
            if (plan.work().blocks()) {
                if (!(counter instanceof BlockingCounter b) || recorded) {
                    throw new IllegalArgumentException("strategy " + plan.strategy().id()
                            + (recorded ? " records its increments without blocking" : " has no loop that blocks"));
                }
                this.blocking = b;
                this.working = null;
            } else if (plan.work().any()) {
                if (!(counter instanceof WorkingCounter w) || recorded) {
                    throw new IllegalArgumentException("strategy " + plan.strategy().id()
                            + (recorded ? " records its increments without work" : " has no loop with work"));
                }
                this.working = w;
                this.blocking = null;
            } else {
                this.working = null;
                this.blocking = null;
            }
            if (plan.reads().any()) {
                if (plan.work().blocks()) {
                    // The reading loop increments with work only: it would drop the blocks silently.
                    throw new IllegalArgumentException("a trial reads or blocks, not both");
                }
                if (!(counter instanceof ReadingCounter r) || recorded) {
                    throw new IllegalArgumentException("strategy " + plan.strategy().id()
                            + (recorded ? " records its increments without reads" : " has no loop that reads"));
                }
                this.reading = r;
            } else {
                this.reading = null;
            }
            this.blockInsideNanos = plan.work().blockInsideNanos();
            this.blockOutsideNanos = plan.work().blockOutsideNanos();
            this.insideTokens = plan.work().insideTokens();
            this.outsideTokens = plan.work().outsideTokens();
            this.owners = new TrialOwners(eventLoops);
            this.limitPerThread = plan.workload() instanceof Workload.FixedWork work
                    ? work.incrementsPerThread()
                    : Long.MAX_VALUE;
            int n = plan.threads();
            this.gate = new StartGate(n, spinNanos);
            this.finished = new CountDownLatch(n);
            this.workers = new Thread[n];
            this.starts = new long[n];
            this.ends = new long[n];
            this.increments = new long[n];
            this.casFailures = new long[n];
            this.cpuNanos = new long[n];
            this.readCounts = new long[n];
            this.readNanos = new long[n];
            this.writeNanos = new long[n];
            this.readRetries = new long[n];
            if (recorded) {
                if (!(counter instanceof RecordingCounter recording)) {
                    throw new IllegalArgumentException("strategy " + plan.strategy().id() + " cannot record its increments");
                }
                this.recorder = recording;
                // Allocated here, before any worker starts, so a trial too large for the heap fails before it begins.
                this.reads = new long[n][(int) limitPerThread];
                this.writes = new long[n][(int) limitPerThread];
            } else {
                this.recorder = null;
                this.reads = null;
                this.writes = null;
            }
        }

        /**
         * Connects an external counter and resets it, before any worker exists, so not timed. A backend that
         * cannot be reached fails the trial before it starts: the workers leave the gate and stop at once.
         */
        void openExternal() {
            if (external == null) {
                return;
            }
            try {
                external.open(plan.backends());
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                stop.raise();
            }
        }

        /** Starts the owner, if the counter has one, before any worker exists: its start-up is not timed. */
        void startOwner() {
            if (owned == null) {
                return;
            }
            try {
                if (working != null) {
                    // Before start, which publishes it to the owner thread or event loop.
                    owned.workWhenApplying(insideTokens);
                }
                owned.start(owners);
            } catch (Throwable e) {
                // No owner, so no worker may hand off anything: they leave the gate and stop at once.
                failure.compareAndSet(null, e);
                stop.raise();
            }
        }

        void startWorkers() {
            int started = 0;
            try {
                for (; started < workers.length; started++) {
                    int index = started;
                    Thread worker = threads.newThread(() -> work(index));
                    workers[index] = worker;
                    worker.start();
                }
            } catch (Throwable e) {
                // Typically "unable to create native thread": release those already waiting.
                failure.compareAndSet(null, e);
                stop.raise();
                for (int missing = started; missing < workers.length; missing++) {
                    workers[missing] = null;
                    finished.countDown();
                }
                gate.forceOpen();
                gate.wakeParked(workers);
            }
        }

        private void work(int index) {
            try {
                // Before the gate, so untimed; a worker that cannot set up fails the trial, and the
                // coordinator, seeing the failure, opens the gate for the others.
                counter.threadStarting();
                gate.arriveAndAwait();
                long cpuStart = cpuClock.getAsLong();
                long start = System.nanoTime();
                long done = 0;
                long failures = 0;
                int batch = plan.work().batchSize(counter.batchSize());
                try {
                    if (reading != null) {
                        done = readAndIncrement(index, batch);
                        failures = casFailures[index];
                    } else {
                        while (!stop.isRaised()) {
                            long left = limitPerThread - done;
                            if (left <= 0) {
                                break;
                            }
                            int n = left < batch ? (int) left : batch;
                            if (blocking != null) {
                                failures += blocking.incrementTimesBlocking(n, insideTokens, outsideTokens, blockInsideNanos,
                                        blockOutsideNanos);
                            } else if (working != null) {
                                failures += working.incrementTimesWorking(n, insideTokens, outsideTokens);
                            } else if (recorder == null) {
                                failures += counter.incrementTimesCountingCasFailures(n);
                            } else {
                                // A recorded trial is fixed-work of at most an array's length, so done fits an int.
                                recorder.incrementTimesRecording(n, reads[index], writes[index], (int) done);
                            }
                            done += n;
                        }
                    }
                } finally {
                    counter.threadFinished();
                }
                ends[index] = System.nanoTime();
                long cpuEnd = cpuClock.getAsLong();
                // -1 where the JVM cannot tell, as for virtual threads.
                cpuNanos[index] = cpuStart < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpuStart;
                starts[index] = start;
                increments[index] = done;
                casFailures[index] = failures;
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                stop.raise();
            } finally {
                finished.countDown();
            }
        }

        /**
         * The loop of a trial with reads: blocks of {@link ReadShare#BLOCK} operations, each block's reads and
         * then its increments, in batches with a look at the stop flag between them, and the clock read only at
         * the phase boundaries. Writes go through the strategy's own increment loop, with or without work, as in a
         * trial without reads. Leaves the worker's tallies in its slots; returns its increments.
         */
        private long readAndIncrement(int index, int batch) {
            int readsPerBlock = plan.reads().readsPerBlock();
            long increments = 0;
            long reads = 0;
            long failures = 0;
            long retries = 0;
            long readTime = 0;
            long writeTime = 0;
            while (!stop.isRaised()) {
                long left = limitPerThread - increments - reads;
                if (left <= 0) {
                    break;
                }
                int block = left < ReadShare.BLOCK ? (int) left : ReadShare.BLOCK;
                int toRead = Math.min(block, readsPerBlock);
                int toWrite = block - toRead;
                long readStart = System.nanoTime();
                int read = 0;
                while (read < toRead && !stop.isRaised()) {
                    int n = Math.min(batch, toRead - read);
                    retries += reading.readTimes(n, insideTokens, outsideTokens);
                    read += n;
                }
                long writeStart = System.nanoTime();
                int written = 0;
                while (written < toWrite && !stop.isRaised()) {
                    int n = Math.min(batch, toWrite - written);
                    failures += working != null
                            ? working.incrementTimesWorking(n, insideTokens, outsideTokens)
                            : counter.incrementTimesCountingCasFailures(n);
                    written += n;
                }
                long writeEnd = toWrite > 0 ? System.nanoTime() : writeStart;
                reads += read;
                increments += written;
                readTime += writeStart - readStart;
                writeTime += writeEnd - writeStart;
            }
            readCounts[index] = reads;
            readNanos[index] = readTime;
            writeNanos[index] = writeTime;
            readRetries[index] = retries;
            casFailures[index] = failures;
            return increments;
        }

        void awaitOpenGate(CancellationToken cancellation) throws InterruptedException {
            while (!gate.awaitOpen(POLL_NANOS, TimeUnit.NANOSECONDS)) {
                if (cancellation.isCancelled() || failure.get() != null) {
                    cancelled = cancellation.isCancelled();
                    stop.raise();
                    gate.forceOpen();
                    return;
                }
            }
        }

        void sleepUntil(long deadline, CancellationToken cancellation) throws InterruptedException {
            long left;
            while ((left = deadline - System.nanoTime()) > 0 && !stop.isRaised()) {
                if (cancellation.isCancelled()) {
                    cancelled = true;
                    return;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                LockSupport.parkNanos(Math.min(left, POLL_NANOS));
            }
        }

        void awaitWorkers(CancellationToken cancellation) throws InterruptedException {
            do {
                if (cancellation.isCancelled() && !cancelled) {
                    cancelled = true;
                    stop.raise();
                }
                if (stop.isRaised()) {
                    interruptBlockedWorkers();
                }
            } while (!finished.await(POLL_NANOS, TimeUnit.NANOSECONDS));
        }

        /**
         * Once the trial is to end, wakes workers that block: each finishes the increment it is in without the
         * rest of its block and skips the blocks after it (see {@code Blocking.sleep}), so that neither a
         * fixed-time trial's end nor a cancellation waits for every queued thread to sleep its turn under the lock.
         * Only workers that block are interrupted: nothing else in a trial expects an interrupt.
         */
        void interruptBlockedWorkers() {
            if (blocking == null || workersInterrupted) {
                return;
            }
            workersInterrupted = true;
            for (Thread worker : workers) {
                if (worker != null) {
                    worker.interrupt();
                }
            }
        }

        /**
         * For an owned counter, once every worker has finished: hands the owner an end marker and waits until
         * it has applied everything before it, or the trial is cancelled, or the owner failed.
         */
        void awaitDrain(CancellationToken cancellation) throws InterruptedException {
            if (owned == null || cancelled || failure.get() != null) {
                return;
            }
            owned.markEnd();
            long drainedAt;
            while ((drainedAt = owned.awaitDrained(POLL_NANOS, TimeUnit.NANOSECONDS)) < 0) {
                Throwable ownerFailure = owned.ownerFailure();
                if (ownerFailure != null) {
                    failure.compareAndSet(null, ownerFailure);
                    return;
                }
                if (cancellation.isCancelled()) {
                    cancelled = true;
                    return;
                }
            }
            drainedAtNanos = drainedAt;
        }

        /**
         * Makes sure no worker and no owner outlives the trial, even when the coordinator was interrupted: the
         * workers first, so that none is left handing off to a stopped owner, then the owner.
         */
        void stopAndJoin() throws InterruptedException {
            if (finished.getCount() != 0) {
                stop.raise();
                gate.forceOpen();
                gate.wakeParked(workers);
                interruptBlockedWorkers();
            }
            try {
                for (Thread worker : workers) {
                    if (worker != null) {
                        worker.join();
                    }
                }
            } finally {
                try {
                    if (owned != null) {
                        owned.stop();
                    }
                    owners.join();
                } finally {
                    finishExternal();
                }
            }
        }

        /** Reads an external counter's final count and closes its connections; a failure to read fails the trial. */
        private void finishExternal() {
            if (external == null) {
                return;
            }
            try {
                external.finish();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }

        TrialMeasurement measurement() {
            long earliestStart = Long.MAX_VALUE;
            long latestStart = Long.MIN_VALUE;
            long earliestEnd = Long.MAX_VALUE;
            long latestEnd = Long.MIN_VALUE;
            long minThread = Long.MAX_VALUE;
            long maxThread = 0;
            long expected = 0;
            long failures = 0;
            long cpu = 0;
            boolean cpuKnown = true;
            long[] own = new long[workers.length];
            // How evenly the workers shared the counter counts every operation, reads too.
            long[] operations = reading == null ? increments : new long[workers.length];
            long reads = 0;
            long readTime = 0;
            long writeTime = 0;
            long retries = 0;
            for (int i = 0; i < workers.length; i++) {
                if (reading != null) {
                    operations[i] = increments[i] + readCounts[i];
                    reads += readCounts[i];
                    readTime += readNanos[i];
                    writeTime += writeNanos[i];
                    retries += readRetries[i];
                }
                earliestStart = Math.min(earliestStart, starts[i]);
                latestStart = Math.max(latestStart, starts[i]);
                earliestEnd = Math.min(earliestEnd, ends[i]);
                latestEnd = Math.max(latestEnd, ends[i]);
                own[i] = ends[i] - starts[i];
                minThread = Math.min(minThread, own[i]);
                maxThread = Math.max(maxThread, own[i]);
                expected += increments[i];
                failures += casFailures[i];
                cpuKnown &= cpuNanos[i] >= 0;
                cpu += cpuNanos[i];
            }
            // An owned trial lasts until the owner has applied everything: the drain is part of each increment's cost.
            long end = owned == null ? latestEnd : Math.max(latestEnd, drainedAtNanos);
            long duration = end - gate.openedAtNanos();
            return new TrialMeasurement(
                    expected,
                    counter.total(),
                    duration,
                    minThread,
                    maxThread,
                    TrialMeasurement.overlap(earliestStart, latestStart, earliestEnd, latestEnd),
                    cpuKnown && duration > 0 ? (double) cpu / duration : null,
                    plan.strategy().reportsCasFailures() ? failures : null,
                    ThreadShares.of(operations, own),
                    owned == null ? null : end - latestEnd,
                    owned == null ? null : owned.handOffLatency(),
                    reading == null ? null : new TrialMeasurement.Reads(reads, readTime, writeTime,
                            reading.readsOptimistically() ? retries : null));
        }
    }

    /**
     * The owner threads of one trial, made as the counter asks and all joined when the trial ends. Platform
     * threads whatever the workers are, named {@value #OWNER_THREAD_PREFIX}n, daemons so that not even a
     * bug here can hold up the JVM's exit.
     */
    private static final class TrialOwners implements Owners {
        private final EventLoops eventLoops;
        private final ThreadFactory factory = Thread.ofPlatform().name(OWNER_THREAD_PREFIX, 0).daemon(true).factory();
        /** Loops make their thread on the thread that first gives them a task, so this is guarded. */
        private final List<Thread> made = new ArrayList<>();

        TrialOwners(EventLoops eventLoops) {
            this.eventLoops = eventLoops;
        }

        @Override
        public Thread newThread(Runnable body) {
            Thread thread = factory.newThread(body);
            synchronized (made) {
                made.add(thread);
            }
            return thread;
        }

        @Override
        public EventLoop newEventLoop() {
            return eventLoops.start(this::newThread);
        }

        void join() throws InterruptedException {
            List<Thread> threads;
            synchronized (made) {
                threads = List.copyOf(made);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }
}
