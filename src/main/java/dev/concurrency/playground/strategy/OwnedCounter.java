package dev.concurrency.playground.strategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * A counter that only one thread, its owner, ever writes: the workers do not increment it, they hand their
 * increments to the owner, which applies them one after another. Thread-safe by confinement, with no lock
 * and no atomic instruction on the count itself.
 *
 * <p>An increment is therefore finished only when the owner has applied it, after the worker has moved on.
 * The engine measures both halves: the workers' time up to their last hand-off, and the drain after it. It
 * calls, in this order: {@link #start} before any worker starts; the workers' batches; {@link #markEnd()}
 * once every worker has finished, and {@link #awaitDrained} for the moment the owner had applied everything
 * handed off before; {@link #stop()} always, also after a cancellation or a failure. Between
 * {@code markEnd} and {@code awaitDrained} the pairing repeats as often as asked, each pair waiting for
 * everything handed off before its own {@code markEnd}.
 *
 * <p>While it runs, the owner times sampled hand-offs (see {@link HandOffLatency}): at most one is in
 * flight at a time, stamped by the worker that claimed it at the start of one of its batches and recorded
 * by the owner in a histogram that only the owner writes, so sampling adds no allocation and no shared
 * write to the increments that are not sampled.
 *
 * <p>The count itself lives here: the owner adds one with {@link #applyOne()}, a release store of the new value,
 * and a reader on any other thread loads it with an acquire load ({@link #readTimes}). The store is the owner's
 * only publication, so a reader sees what the owner has applied, never what is still queued; each subclass's
 * lesson says what that read guarantees.
 */
public abstract class OwnedCounter extends SharedCounter implements ReadingCounter {

    /**
     * How many increments may wait for the owner: a worker that finds this many waiting holds back until
     * there is room. Without a bound, workers faster than their owner would fill the heap in a long
     * fixed-time trial; with it, a backlog of this size is what an increment waits behind when the owner
     * is the bottleneck (Little's law), so it also bounds the latency and the drain.
     */
    protected static final int BACKLOG = 1 << 16;

    /** Longer hand-offs are recorded as this long; a trial is at most a minute. */
    private static final long LONGEST_RECORDED_NANOS = TimeUnit.MINUTES.toNanos(10);

    /** A worker that finds no room spins this many times, then yields as many times, then naps. */
    private static final int SPINS_BEFORE_YIELD = 64;
    private static final long BACK_OFF_NAP_NANOS = 20_000;

    private static final VarHandle PROBE_IN_FLIGHT;
    private static final VarHandle COUNT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PROBE_IN_FLIGHT = lookup.findVarHandle(OwnedCounter.class, "probeInFlight", boolean.class);
            COUNT = lookup.findVarHandle(OwnedCounter.class, "count", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The increments the owner has applied. Written by the owner only, each new value with a release store: on
     * x86 a plain store that the compiler may not move before the owner's earlier writes, on ARM a store-release
     * ({@code stlr}), so no full fence, which a volatile store would cost per increment. Read by others with an
     * acquire load.
     */
    private long count;

    /** Claimed by the worker that sends the probe, released by the owner once it recorded it. */
    @SuppressWarnings("unused") // through PROBE_IN_FLIGHT
    private volatile boolean probeInFlight;

    /** When the probe in flight was handed over; written by its worker before the hand-off, read by the owner after. */
    private long probeSentAtNanos;

    /** Owner only; read once the owner has ended. */
    private final Histogram latencies = new Histogram(LONGEST_RECORDED_NANOS, 2);

    /** One permit per end marker the owner has applied. */
    private final Semaphore drains = new Semaphore(0);

    /** When the owner applied the last end marker; published by the permit that follows it. */
    private long drainedAtNanos;

    private final AtomicReference<Throwable> ownerFailure = new AtomicReference<>();

    /**
     * Tokens of {@link Work} the owner does as it applies each increment: the owner's applying is the only
     * critical section confinement has, so work "inside" runs there, one increment at a time, as under a lock.
     * Set before {@link #start}, which publishes it to the owner.
     */
    private int ownerWork;

    /** Where the owner's work goes: keeps the JIT from removing it. */
    protected final Work.Sink ownerSink;

    /** Where the workers' outside work goes, at the end of each batch. */
    protected final Work.Sink workerSink;

    /** Where the readers' values go, at the end of each batch of reads. */
    private final Work.Sink readerSink;

    protected OwnedCounter() {
        this(new Work.Sink(), new Work.Sink(), new Work.Sink());
    }

    /**
     * With the sinks given, for a test that names the states in which the owner's, the workers' and the readers'
     * chains must end (see {@link Work.Sink}): that shows who did which work, and what a read saw, without a
     * counter in any loop. The counters of a trial use the other constructor.
     */
    OwnedCounter(Work.Sink ownerSink, Work.Sink workerSink, Work.Sink readerSink) {
        this.ownerSink = ownerSink;
        this.workerSink = workerSink;
        this.readerSink = readerSink;
    }

    /** Sets the owner's work per applied increment; called, if at all, before {@link #start}. */
    public final void workWhenApplying(int tokens) {
        if (tokens < 0) {
            throw new IllegalArgumentException("work is a number of tokens, at least 0");
        }
        ownerWork = tokens;
    }

    /** The owner's work per applied increment, 0 unless the trial asked for work inside. */
    protected final int ownerWork() {
        return ownerWork;
    }

    /** For the owner only: applies one increment and publishes the new count to readers. */
    protected final void applyOne() {
        COUNT.setRelease(this, count + 1);
    }

    /**
     * The count the owner has published: every increment it has applied, none that is still queued. Once the
     * owner has drained (the drain's permit orders this after the owner's last store) or ended, the final count.
     */
    @Override
    public final long total() {
        return (long) COUNT.getAcquire(this);
    }

    /**
     * Reads the published count: one acquire load of a field only the owner writes, so a read neither hands
     * anything to the owner nor waits for it, and writes no shared memory. The {@code inside} work is done right
     * after the load, where a lock would be held; {@code outside} after it.
     */
    @Override
    public final long readTimes(int n, int inside, int outside) {
        long state = n;
        for (int i = 0; i < n; i++) {
            state = Work.consume(state + (long) COUNT.getAcquire(this), inside);
            state = Work.consume(state, outside);
        }
        Work.keep(state, readerSink);
        return 0;
    }

    /** Starts the owner; called once, before any worker starts, and not timed. */
    public abstract void start(Owners owners);

    /**
     * Hands the owner an end marker, after every increment handed off so far; called once every worker
     * has finished.
     */
    public abstract void markEnd();

    /**
     * Stops the owner and lets go of it; increments still waiting are dropped. Idempotent, and safe to
     * call when {@link #start} never was or failed. The caller joins the owner's thread.
     */
    public abstract void stop() throws InterruptedException;

    /**
     * Waits up to the given time for the owner to apply the end marker of the matching {@link #markEnd()}.
     *
     * @return {@link System#nanoTime()} at the moment the owner had applied every increment handed off
     *     before that marker, or -1 if the time ran out first
     */
    public final long awaitDrained(long timeout, TimeUnit unit) throws InterruptedException {
        return drains.tryAcquire(timeout, unit) ? drainedAtNanos : -1;
    }

    /** What made the owner stop by itself, or null. */
    public final Throwable ownerFailure() {
        return ownerFailure.get();
    }

    /** The sampled hand-offs, once the owner has ended; null if none was sampled. */
    public final HandOffLatency handOffLatency() {
        if (latencies.getTotalCount() == 0) {
            return null;
        }
        return new HandOffLatency(latencies.getTotalCount(), latencies.getValueAtPercentile(50),
                latencies.getValueAtPercentile(99), latencies.getMaxValue());
    }

    /**
     * For a worker at the start of a batch: whether its next hand-off carries the probe. True only when no
     * probe is in flight and this worker won it; the probe is then stamped with the time.
     */
    protected final boolean claimProbe() {
        if (probeInFlight || !PROBE_IN_FLIGHT.compareAndSet(this, false, true)) {
            return false;
        }
        probeSentAtNanos = System.nanoTime();
        return true;
    }

    /** For the owner, as it applies the probe's increment: records how long it was in flight and frees it. */
    protected final void probeApplied() {
        long inFlight = System.nanoTime() - probeSentAtNanos;
        latencies.recordValue(Math.max(0, Math.min(inFlight, LONGEST_RECORDED_NANOS)));
        probeInFlight = false;
    }

    /** For the owner, as it reaches an end marker: everything handed off before it has been applied. */
    protected final void endApplied() {
        drainedAtNanos = System.nanoTime();
        drains.release();
    }

    /** For the owner, when it failed and stops. */
    protected final void ownerFailed(Throwable failure) {
        ownerFailure.compareAndSet(null, failure);
    }

    /**
     * For a worker that found no room: spins a little, then yields, then naps. Yielding alone is not
     * enough for virtual threads: a yielding virtual thread goes back to its carrier's own queue and runs
     * again before threads woken from outside (such as one just handed a lock by the owner), so thousands
     * of yielding workers could keep the one thread that would make progress from ever running. A nap
     * parks, which lets every other thread in.
     */
    protected static void backOff(int attempt) {
        if (attempt < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else if (attempt < 2 * SPINS_BEFORE_YIELD) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(BACK_OFF_NAP_NANOS);
        }
    }
}
