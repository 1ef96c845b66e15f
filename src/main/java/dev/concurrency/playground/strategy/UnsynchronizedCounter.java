package dev.concurrency.playground.strategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * A {@code long} field incremented with a plain read followed by a plain write, and nothing else.
 *
 * <p><b>Guarantee:</b> none. Two threads can read the same value, both add one and both write it
 * back: one increment vanishes. The longer a thread is stalled between its read and its write (a
 * cache miss, an interrupt, a context switch), the more increments of other threads it erases when
 * its stale write finally lands. The final count can only be lower than the number of increments,
 * never higher, because every value written was once a true count. Real programs fare worse in
 * another way too: the JIT may keep such a field in a register for a whole loop and store it once,
 * so other threads see stale values for a long time, and a loop waiting for the field to change may
 * never end.
 *
 * <p><b>How it works here:</b> written as {@code count++} in a loop, the JIT would be free to keep
 * the counter in a register and store it once per loop; the race window then all but disappears
 * and the loop reports zero lost updates at a fraction of a nanosecond per increment, which
 * describes a program nobody wrote. The field is therefore read and written through a
 * {@link VarHandle} in <i>opaque</i> mode: exactly one load and one store per increment, in program
 * order for this variable, but with no fences and no atomicity of the pair. On x86 that is the same
 * {@code mov}/{@code add}/{@code mov} that unoptimised code executes, so the race a trial shows is
 * the one in the source.
 *
 * <p><b>Cost under contention:</b> the cheapest strategy on one thread. With several threads the
 * cache line holding the counter bounces between cores on every write, so it gets slower as well as
 * wrong.
 *
 * <p><b>Seeing the loss:</b> with {@code explain}, one extra trial runs a second loop that also writes
 * down each value read and written, and the service reconstructs from those logs every lost increment:
 * two threads that read the same value, and stale writes that took the counter back.
 *
 * <p><b>With work between the read and the write</b> ({@code workInside}), the window in which another
 * thread's increment can be erased grows with the work: measured at 2 threads on the shared 2-core machine,
 * ten tokens took the share of increments lost from a fifth to almost half.
 *
 * <p><b>With readers</b> ({@code readRatio}): a read is one opaque load of the field, like the increments'
 * own, so that the JIT cannot hoist it out of the loop: a plain read could be, and a thread waiting on it
 * could then never see another thread's write. Reads thin the writes but do not protect them: at 90 % reads
 * on the shared 2-core machine it still lost 0.2 % of its increments on two threads and 5.9 % on four.
 *
 * <p><b>Blocking between the read and the write</b> ({@code blockInsideMicros}) holds the window open for the
 * whole block: every other thread's increment in it is erased by the stale write that ends it.
 *
 * <p><b>Across processes:</b> the same race between child JVMs that map one file: each reads the count
 * from the shared page with an opaque load and writes it back with an opaque store, and another process
 * can write in between. Processes that share memory share its races, and lose about as much as threads
 * do.
 */
public final class UnsynchronizedCounter extends SharedCounter implements ReadingCounter, RecordingCounter, WorkingCounter, BlockingCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("unsynchronized")
            .name("Unsynchronized")
            .family(Family.NONE)
            .safety(Safety.RACY)
            .javaApi("long field, plain read then plain write")
            .summary("Read, add one, write back, with nothing stopping two threads from interleaving.")
            .descriptionFromJavadocOf(UnsynchronizedCounter.class)
            .explainable()
            .inProcesses(Safety.RACY, InProcesses.class)
            .counters(UnsynchronizedCounter::new)
            .build();

    /** Where the work's result would go: keeps the JIT from removing the work. */
    private final Work.Sink sink = new Work.Sink();

    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(UnsynchronizedCounter.class, "count", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through COUNT
    private long count;

    @Override
    public long incrementTimesCountingCasFailures(int n) {
        for (int i = 0; i < n; i++) {
            long seen = (long) COUNT.getOpaque(this);
            COUNT.setOpaque(this, seen + 1);
        }
        return 0;
    }

    /** The measured loop's load and store with {@code inside} tokens of work between them, which widens the window in which another thread's increment is erased, and {@code outside} after the store. */
    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long state = n;
        for (int i = 0; i < n; i++) {
            long seen = (long) COUNT.getOpaque(this);
            state = Work.consume(state, inside);
            COUNT.setOpaque(this, seen + 1);
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return 0;
    }

    /** The same load and store as the measured loop, each value also written to this thread's logs. */
    @Override
    public void incrementTimesRecording(int n, long[] reads, long[] writes, int from) {
        for (int i = 0; i < n; i++) {
            long seen = (long) COUNT.getOpaque(this);
            long next = seen + 1;
            COUNT.setOpaque(this, next);
            reads[from + i] = seen;
            writes[from + i] = next;
        }
    }

    /** One opaque load per read, like its increment's: a real load the JIT may not hoist out of the loop. */
    @Override
    public long readTimes(int n, int inside, int outside) {
        long state = n;
        for (int i = 0; i < n; i++) {
            state = Work.consume(state + (long) COUNT.getOpaque(this), inside);
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return 0;
    }

    /** The working loop with a block after the work between the load and the store, which widens the race window by the block, and one after the outside work. */
    @Override
    public long incrementTimesBlocking(int n, int inside, int outside, long blockInsideNanos, long blockOutsideNanos) {
        long state = n;
        for (int i = 0; i < n; i++) {
            long seen = (long) COUNT.getOpaque(this);
            state = Work.consume(state, inside);
            Blocking.sleep(blockInsideNanos);
            COUNT.setOpaque(this, seen + 1);
            state = Work.consume(state, outside);
            Blocking.sleep(blockOutsideNanos);
        }
        Work.keep(state, sink);
        return 0;
    }

    @Override
    public long total() {
        return (long) COUNT.getOpaque(this);
    }

    /** The loop of a child process: an opaque load and an opaque store of the shared, memory-mapped count. */
    public static final class InProcesses extends ProcessCounter {

        public InProcesses(ByteBuffer memory, int offset) {
            super(memory, offset);
        }

        @Override
        public long incrementTimesCountingCasFailures(int n) {
            for (int i = 0; i < n; i++) {
                long seen = (long) LONGS.getOpaque(memory, offset);
                LONGS.setOpaque(memory, offset, seen + 1);
            }
            return 0;
        }
    }
}
