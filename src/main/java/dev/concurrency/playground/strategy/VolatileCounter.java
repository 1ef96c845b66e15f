package dev.concurrency.playground.strategy;

import java.nio.ByteBuffer;

/**
 * A {@code volatile long} field incremented with {@code count++}.
 *
 * <p><b>Guarantee:</b> visibility and ordering, not atomicity. Every read sees the most recent write,
 * no write is torn or held back in a register, and nothing is reordered around the access. But
 * {@code count++} is still a read followed by a write: two threads can both read 41 and both write
 * 42, and one increment is gone, exactly as in the unsynchronized counter. {@code volatile} makes
 * the race happen in plain sight; it does not close it. Use {@code volatile} for flags and for
 * publishing references, never for a read-modify-write.
 *
 * <p><b>How it works here:</b> each increment is one volatile load and one volatile store. On x86
 * the load is an ordinary {@code mov}; the store is followed by a full fence (usually a locked add
 * to the stack) so later loads cannot overtake it. That fence is all {@code volatile} adds.
 *
 * <p><b>Cost under contention:</b> a little dearer than the unsynchronized counter on one thread,
 * because of the fence. With several threads the cache line bounces between cores just the same and
 * updates are lost at a similar rate: the fence is paid for and buys nothing here.
 *
 * <p><b>Seeing the loss:</b> with {@code explain}, one extra trial runs a second loop that also writes
 * down each value read and written. Its logs show the same two ways to lose an increment as the
 * unsynchronized counter's: two threads that read the same value, and a stale write landing after
 * other threads' increments. Visibility changes neither.
 *
 * <p><b>With readers</b> ({@code readRatio}): a read is one volatile load, and it does see the latest value.
 * Measured on the shared 2-core machine (load average 6 to 8), 100 ms trials at 90 % reads: 0.3 ns per read on
 * one thread, 0.7 on two and 1.5 on four. The increments still collide: 3.8 % of them were lost on two
 * threads and 26 % on four. Fewer writes make fewer collisions, not safe ones.
 *
 * <p><b>Across processes:</b> racy too. The count is a {@code long} in a memory-mapped file, read and
 * written with volatile loads and stores through a {@code VarHandle} view of the mapped buffer. That
 * orders each process's accesses and makes them visible to the others, as between threads, and leaves
 * the read and the write two operations: processes lose updates as threads do.
 */
public final class VolatileCounter extends SharedCounter implements ReadingCounter, RecordingCounter, WorkingCounter, BlockingCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("volatile")
            .name("Volatile field")
            .family(Family.NONE)
            .safety(Safety.RACY)
            .javaApi("volatile long field, count++")
            .summary("count++ on a volatile field: every thread sees the latest value, yet increments still collide.")
            .descriptionFromJavadocOf(VolatileCounter.class)
            .explainable()
            .inProcesses(Safety.RACY, InProcesses.class)
            .counters(VolatileCounter::new)
            .build();

    /** Where the work's result would go: keeps the JIT from removing the work. */
    private final Work.Sink sink = new Work.Sink();

    private volatile long count;

    @Override
    public long incrementTimesCountingCasFailures(int n) {
        for (int i = 0; i < n; i++) {
            count++; // a volatile read, then a separate volatile write: another thread can slip between
        }
        return 0;
    }

    /** The measured loop's volatile read and write with {@code inside} tokens of work between them, which widens the window in which another thread's increment is erased, and {@code outside} after the write. */
    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long state = n;
        for (int i = 0; i < n; i++) {
            long seen = count;
            state = Work.consume(state, inside);
            count = seen + 1;
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return 0;
    }

    /** {@code count++} taken apart, so that the value read and the value written can be logged. */
    @Override
    public void incrementTimesRecording(int n, long[] reads, long[] writes, int from) {
        for (int i = 0; i < n; i++) {
            long seen = count;
            long next = seen + 1;
            count = next;
            reads[from + i] = seen;
            writes[from + i] = next;
        }
    }

    /** A volatile read: the latest value, with no lock and no write. */
    @Override
    public long readTimes(int n, int inside, int outside) {
        long state = n;
        for (int i = 0; i < n; i++) {
            state = Work.consume(state + count, inside);
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
            long seen = count;
            state = Work.consume(state, inside);
            Blocking.sleep(blockInsideNanos);
            count = seen + 1;
            state = Work.consume(state, outside);
            Blocking.sleep(blockOutsideNanos);
        }
        Work.keep(state, sink);
        return 0;
    }

    @Override
    public long total() {
        return count;
    }

    /** The loop of a child process: a volatile load, then a volatile store, of the shared, memory-mapped count. */
    public static final class InProcesses extends ProcessCounter {

        public InProcesses(ByteBuffer memory, int offset) {
            super(memory, offset);
        }

        @Override
        public long incrementTimesCountingCasFailures(int n) {
            for (int i = 0; i < n; i++) {
                long seen = (long) LONGS.getVolatile(memory, offset);
                LONGS.setVolatile(memory, offset, seen + 1);
            }
            return 0;
        }
    }
}
