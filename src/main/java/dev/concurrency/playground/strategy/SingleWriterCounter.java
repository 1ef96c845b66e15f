package dev.concurrency.playground.strategy;

import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpscArrayQueue;

/**
 * One owner thread applies every increment; the workers hand theirs to it through a bounded
 * multi-producer, single-consumer queue (JCTools' {@code MpscArrayQueue}).
 *
 * <p><b>Guarantee:</b> the count is a {@code long} that only the owner thread writes, so there is no
 * interleaving in which an update could be lost: thread safety by confinement, with no lock and no atomic
 * instruction on the count. The queue delivers each increment to the owner exactly
 * once, and its hand-off (a release store by the worker, an acquire load by the owner) makes it visible
 * there. The catch is time: when a worker moves on, its increment is not done yet, only queued. The
 * count is complete when the owner has drained the queue, so a trial ends only when the owner has
 * applied an end marker queued after the last worker finished.
 *
 * <p><b>How it works here:</b> an increment is a message. The worker claims a slot at the queue's tail
 * (a compare-and-set on the producer index) and stores one shared marker object in it, so nothing is
 * allocated; the owner polls the head, adds one, and polls again, spinning, then yielding, then napping
 * for 50 µs while the queue is empty. At most 65,536 increments wait: a worker that finds the queue
 * full spins, yields, then naps until the owner has made room: the back-pressure without which fast workers
 * would fill the heap. Once per batch one worker stamps its hand-off with the time, and the owner
 * records how long it was in flight, so a trial reports the workers' time per hand-off
 * ({@code handOff.nsPerOp}), the owner's drain after the last worker ({@code handOff.drainNanos}) and
 * hand-off latency percentiles.
 *
 * <p><b>What goes wrong / proof:</b> nothing is lost: a thread-safe run has as many increments applied
 * as were handed off in every trial. What the confinement does not give is a current value (see the
 * readers below). That is the asynchronous trade: the worker is done with an increment long before the
 * increment is done.
 *
 * <p><b>With readers</b> ({@code readRatio}): the owner publishes the count after each increment it applies,
 * with a release store ({@code VarHandle.setRelease}: on x86 a plain store, no fence), and a read is an acquire
 * load of it on the reader's own thread, the single-writer principle's read: it hands nothing to the owner and
 * waits for nothing. Every value read is a count the owner really had, never more than was handed off, and one
 * thread's reads never go backwards. What goes wrong is freshness: a read lags behind every increment still
 * queued, up to the whole backlog of 65,536, the reader's own among them, so a thread that has just handed off
 * an increment may read a count without it (no read-your-writes). A current, linearizable value would need a
 * request to the owner and a wait for its answer: a hand-off and the whole backlog's wait per read, on the one
 * thread that already bounds the throughput, which is why the read here is the published one. It costs a load
 * of a line the owner keeps writing, so a cache miss whenever the owner has applied something since, as for
 * {@code atomic}'s {@code get()}; readers add nothing to the queue.
 *
 * <p><b>Cost under contention:</b> the contention moves rather than goes away: the workers now fight
 * over the queue's tail, one compare-and-set each as in {@code cas-loop}, and each slot's cache line
 * then travels to the owner's core. The owner is one thread and applies one increment at a time, so
 * adding workers adds no throughput; once they hand over faster than it applies, the queue fills, every
 * worker waits for room, and every increment waits behind the whole backlog (65,536 times the owner's
 * time per increment, by Little's law). Against an atomic, which is one instruction, confinement loses
 * for a single {@code long}. It pays when the update is long or touches state that a lock would have
 * to guard (a data structure, several fields, I/O): the owner does it without any lock, and no worker
 * ever waits for a lock holder that the scheduler put to sleep.
 */
public final class SingleWriterCounter extends OwnedCounter implements ReadingCounter, WorkingCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("single-writer")
            .name("Single writer")
            .family(Family.CONFINEMENT)
            .safety(Safety.THREAD_SAFE)
            .javaApi("org.jctools.queues.MpscArrayQueue.offer(E) to one owner thread")
            .summary("Workers queue their increments to one owner thread, the only one that touches the count.")
            .descriptionFromJavadocOf(SingleWriterCounter.class)
            .counters(SingleWriterCounter::new)
            .build();

    // Markers, compared by identity: the owner tells them apart without a field read or an allocation.
    private static final Object INCREMENT = new Object();
    private static final Object PROBE = new Object();
    private static final Object END = new Object();

    /** An owner with nothing to do spins this often, then yields as often, then naps. */
    private static final int IDLE_SPINS = 100;
    private static final long IDLE_NAP_NANOS = 50_000;

    /** Messages the owner applies between two looks at its stop flag. */
    private static final int OWNER_BATCH = 1024;

    private final MpscArrayQueue<Object> queue = new MpscArrayQueue<>(BACKLOG);

    /** Cleared by {@link #stop()}; the owner ends when it sees it. */
    private volatile boolean running = true;

    /** Set by the owner as it ends, so that a worker waiting for room gives up instead of waiting forever. */
    private volatile boolean closed;

    private Thread owner;

    public SingleWriterCounter() {
    }

    /** With the sinks in which a test names the expected states (see {@link OwnedCounter#OwnedCounter(Work.Sink, Work.Sink, Work.Sink)}). */
    SingleWriterCounter(Work.Sink ownerSink, Work.Sink workerSink, Work.Sink readerSink) {
        super(ownerSink, workerSink, readerSink);
    }

    @Override
    public void start(Owners owners) {
        owner = owners.newThread(this::own);
        owner.start();
    }

    @Override
    public long incrementTimesCountingCasFailures(int n) {
        int i = 0;
        if (claimProbe()) {
            handOff(PROBE);
            i = 1;
        }
        for (; i < n; i++) {
            if (!queue.offer(INCREMENT)) {
                handOff(INCREMENT);
            }
        }
        return 0;
    }

    /**
     * The hand-off loop with {@code outside} tokens of work after each hand-off; the {@code inside} work is the
     * owner's, as it applies each increment (see {@link OwnedCounter#workWhenApplying}).
     */
    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long state = n;
        int i = 0;
        if (claimProbe()) {
            handOff(PROBE);
            state = Work.consume(state, outside);
            i = 1;
        }
        for (; i < n; i++) {
            if (!queue.offer(INCREMENT)) {
                handOff(INCREMENT);
            }
            state = Work.consume(state, outside);
        }
        Work.keep(state, workerSink);
        return 0;
    }

    /** The slow path: waits for room until the message is queued or the owner has ended. */
    private void handOff(Object message) {
        for (int attempt = 0; !queue.offer(message); attempt++) {
            if (closed) {
                return;
            }
            backOff(attempt);
        }
    }

    private void own() {
        // A constant for the whole trial: C2 unswitches the loop on it, so without work the owner runs the
        // loop it always ran.
        final int work = ownerWork();
        long state = 0;
        try {
            int idle = 0;
            while (running) {
                for (int applied = 0; applied < OWNER_BATCH; applied++) {
                    Object message = queue.relaxedPoll();
                    if (message == INCREMENT) {
                        applyOne();
                        if (work > 0) {
                            state = Work.consume(state, work);
                        }
                    } else if (message == null) {
                        break;
                    } else if (message == PROBE) {
                        applyOne();
                        if (work > 0) {
                            state = Work.consume(state, work);
                        }
                        probeApplied();
                    } else {
                        endApplied();
                    }
                    idle = -1;
                }
                idle = idle < 0 ? 0 : idle(idle);
            }
        } catch (Throwable e) {
            ownerFailed(e);
        } finally {
            Work.keep(state, ownerSink);
            closed = true;
        }
    }

    private static int idle(int idle) {
        if (idle < IDLE_SPINS) {
            Thread.onSpinWait();
        } else if (idle < 2 * IDLE_SPINS) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(IDLE_NAP_NANOS);
        }
        return idle + 1;
    }

    @Override
    public void markEnd() {
        handOff(END);
    }

    @Override
    public void stop() {
        running = false;
        if (owner != null) {
            LockSupport.unpark(owner);
        }
    }
}
