package dev.concurrency.playground.strategy;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A plain {@code long} field incremented while holding the write lock of a
 * {@link ReentrantReadWriteLock}, and, in experiments with readers, read under its read lock.
 *
 * <p><b>Guarantee:</b> the write lock excludes every other writer and every reader, and its unlock
 * happens-before the next acquisition, so no increment is lost. The read lock, which only reads take,
 * lets any number of readers in together while no writer holds the lock.
 *
 * <p><b>How it works here:</b> one queued-synchronizer {@code int} state is split in two: the upper
 * 16 bits count read holds, the lower 16 bits count the writer's reentrant holds. Taking the write
 * lock checks that both halves are clear and then compare-and-sets the lower one. Readers also keep
 * per-thread hold counts (a cached first reader, a last-reader cache, a thread-local) so each can
 * release exactly what it took. A write-only counter carries all of that machinery, checks a state
 * shaped for readers on every acquisition, and gets nothing back for it.
 *
 * <p><b>Cost under contention:</b> written to only, it behaves like a non-fair {@code ReentrantLock}
 * at best, with the same barging, parking and microsecond wake-ups. A read-write lock pays off only
 * when reads dominate and last long enough to outweigh its heavier bookkeeping.
 *
 * <p><b>With readers</b> ({@code readRatio}): a read takes the read lock, which readers share; it waits only
 * for a writer. But every acquisition still compare-and-sets the lock's one state word, to count the reader
 * in and out, and updates its per-thread hold count, so with a short read the readers fight over that word's
 * cache line as writers would. Measured on the shared 2-core machine (load average 6 to 8), 100 ms trials at
 * 90 % reads: 18 ns per read on one thread, 60 on two and 78 on four, dearer than {@code ReentrantLock}'s 16,
 * 32 and 58. The read lock pays only when reads hold it long enough for readers to overlap on different
 * cores; on that machine the workers got about one core between them (parallelism 1.0 to 1.3), and even with
 * 1,000 tokens of work inside each read it did not beat {@code synchronized} beyond the noise (3.2 against
 * 3.6 µs per read on two threads). Its writers pay for the readers' sharing: a write waits until every reader
 * has left, and at 99 % reads with 1,000 tokens inside each read a write took 55 µs where the other locks'
 * took 5 to 6.
 *
 * <p><b>Across processes:</b> racy. Each child JVM has a heap of its own and so a read-write lock of
 * its own, which no other process contends for; around it, the child reads and writes the shared count
 * in a memory-mapped file, and the other children do the same at the same time, each under its own
 * lock. A lock protects only the threads that share it. Between processes, use an atomic instruction on
 * the shared memory, or a lock that the operating system holds for all of them.
 */
public final class ReadWriteLockCounter extends SharedCounter implements ReadingCounter, WorkingCounter, BlockingCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("read-write-lock")
            .name("ReentrantReadWriteLock (write lock)")
            .family(Family.LOCK)
            .safety(Safety.THREAD_SAFE)
            .javaApi("java.util.concurrent.locks.ReentrantReadWriteLock().writeLock()")
            .summary("A lock built so readers can share it: increments take the write lock, reads the read lock.")
            .descriptionFromJavadocOf(ReadWriteLockCounter.class)
            .inProcesses(Safety.RACY, InProcesses.class)
            .counters(ReadWriteLockCounter::new)
            .build();

    /** Where the work's result would go: keeps the JIT from removing the work. */
    private final Work.Sink sink = new Work.Sink();

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private final ReentrantReadWriteLock.WriteLock writeLock = lock.writeLock();

    /** Taken by reads only: the pair's other half, which readers share. */
    private final ReentrantReadWriteLock.ReadLock readLock = lock.readLock();

    private long count;

    // The same loop as the other lock counters, on purpose: see the implementation note in SharedCounter.
    @Override
    public long incrementTimesCountingCasFailures(int n) {
        for (int i = 0; i < n; i++) {
            writeLock.lock();
            try {
                count++;
            } finally {
                writeLock.unlock();
            }
        }
        return 0;
    }

    /** The measured loop's increment with {@code inside} tokens of work while the lock is held and {@code outside} after it is released. */
    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long state = n;
        for (int i = 0; i < n; i++) {
            writeLock.lock();
            try {
                count++;
                state = Work.consume(state, inside);
            } finally {
                writeLock.unlock();
            }
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return 0;
    }

    /** A read under the read lock, which readers share and writers exclude. */
    @Override
    public long readTimes(int n, int inside, int outside) {
        long state = n;
        for (int i = 0; i < n; i++) {
            readLock.lock();
            try {
                state = Work.consume(state + count, inside);
            } finally {
                readLock.unlock();
            }
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return 0;
    }

    /** The working loop with a block after the inside work, the lock still held, and one after the outside work, with nothing held. */
    @Override
    public long incrementTimesBlocking(int n, int inside, int outside, long blockInsideNanos, long blockOutsideNanos) {
        long state = n;
        for (int i = 0; i < n; i++) {
            writeLock.lock();
            try {
                count++;
                state = Work.consume(state, inside);
                Blocking.sleep(blockInsideNanos);
            } finally {
                writeLock.unlock();
            }
            state = Work.consume(state, outside);
            Blocking.sleep(blockOutsideNanos);
        }
        Work.keep(state, sink);
        return 0;
    }

    @Override
    public long total() {
        return count; // the engine joins every worker first, which is the happens-before edge needed
    }

    @Override
    public int batchSize() {
        return BLOCKING_BATCH;
    }

    /**
     * The loop of a child process: private final ReentrantReadWriteLock.WriteLock writeLock, of this process alone, around a read and a
     * write of the shared count.
     */
    public static final class InProcesses extends ProcessCounter {

        private final ReentrantReadWriteLock.WriteLock writeLock = new ReentrantReadWriteLock().writeLock();

        public InProcesses(ByteBuffer memory, int offset) {
            super(memory, offset);
        }

        @Override
        public long incrementTimesCountingCasFailures(int n) {
            for (int i = 0; i < n; i++) {
                writeLock.lock();
                try {
                    // Opaque: one real load and one real store per increment, which the JIT may not merge.
                    long seen = (long) LONGS.getOpaque(memory, offset);
                    LONGS.setOpaque(memory, offset, seen + 1);
                } finally {
                    writeLock.unlock();
                }
            }
            return 0;
        }
    }
}
