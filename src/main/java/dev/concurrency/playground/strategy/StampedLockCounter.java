package dev.concurrency.playground.strategy;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.StampedLock;

/**
 * A plain {@code long} field incremented while holding the write mode of a {@link StampedLock}, and, in
 * experiments with readers, read optimistically.
 *
 * <p><b>Guarantee:</b> a write stamp excludes every other writer and reader, and releasing it
 * happens-before the next acquisition, so no increment is lost.
 *
 * <p><b>How it works here:</b> the whole lock is one {@code long} holding a write bit, a reader count
 * and a version. {@code writeLock()} sets the write bit with a compare-and-set and returns the state
 * as a stamp; {@code unlockWrite(stamp)} advances the version, which is how an optimistic reader that
 * saw an older stamp later learns that a write slipped in. The stamp, not a thread, identifies the
 * hold: there is no owner, no condition, and no reentrancy, so a thread that asks again for a write
 * lock it already holds waits for itself forever. It has its own wait queue rather than
 * {@code AbstractQueuedSynchronizer}.
 *
 * <p><b>Cost under contention:</b> on one thread a compare-and-set to lock and a store to unlock,
 * about what a non-fair {@code ReentrantLock} costs. Under contention writers spin briefly and then
 * park, with the same microsecond wake-ups. Its real strength, optimistic reads that write nothing to
 * shared memory, never appears in a counter that only writes: it pays off only when most accesses
 * are reads.
 *
 * <p><b>With readers</b> ({@code readRatio}): a read takes an optimistic stamp, reads the field and validates
 * the stamp, a load fence and a compare of the version: it writes nothing to shared memory, so readers never
 * contend with each other or slow the writers. Only when a write lock was taken in between does validation
 * fail; the read then reads again under the read lock, and the run counts it as a retry ({@code
 * readRetries}). Measured on the shared 2-core machine (load average 6 to 8), 100 ms trials at 90 % reads:
 * 1.0 ns per read on one thread, 2.0 on two and 4.2 on four, against 19 to 50 for {@code synchronized} and 16
 * to 58 for {@code ReentrantLock}, with under 0.01 % of the reads retried; the whole mix ran at about 400
 * million operations a second, five to eight times theirs. Its increments still cost a write lock (15 to 58
 * ns). Work inside each read widens the window a write can land in: with 100 tokens, 0.16 % of the reads were
 * retried on two threads.
 *
 * <p><b>Across processes:</b> racy. Each child JVM has a heap of its own and so a {@code StampedLock}
 * of its own, which no other process contends for; around it, the child reads and writes the shared
 * count in a memory-mapped file, and the other children do the same at the same time, each under its
 * own lock. A lock protects only the threads that share it. Between processes, use an atomic
 * instruction on the shared memory, or a lock that the operating system holds for all of them.
 */
public final class StampedLockCounter extends SharedCounter implements ReadingCounter, WorkingCounter, BlockingCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("stamped-lock")
            .name("StampedLock (write stamp)")
            .family(Family.LOCK)
            .safety(Safety.THREAD_SAFE)
            .javaApi("java.util.concurrent.locks.StampedLock.writeLock()")
            .summary("A versioned lock whose stamp, not the thread, identifies the holder.")
            .descriptionFromJavadocOf(StampedLockCounter.class)
            .inProcesses(Safety.RACY, InProcesses.class)
            .counters(StampedLockCounter::new)
            .build();

    /** Where the work's result would go: keeps the JIT from removing the work. */
    private final Work.Sink sink = new Work.Sink();

    private final StampedLock lock = new StampedLock();

    private long count;

    // The same loop as the other lock counters, on purpose: see the implementation note in SharedCounter.
    @Override
    public long incrementTimesCountingCasFailures(int n) {
        for (int i = 0; i < n; i++) {
            long stamp = lock.writeLock();
            try {
                count++;
            } finally {
                lock.unlockWrite(stamp);
            }
        }
        return 0;
    }

    /** The measured loop's increment with {@code inside} tokens of work while the lock is held and {@code outside} after it is released. */
    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long state = n;
        for (int i = 0; i < n; i++) {
            long stamp = lock.writeLock();
            try {
                count++;
                state = Work.consume(state, inside);
            } finally {
                lock.unlockWrite(stamp);
            }
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return 0;
    }

    /**
     * An optimistic read: take a stamp, read, do the inside work, then validate the stamp; if a write slipped
     * in (or was under way), the value may be stale, so count the failure and read again under the read lock,
     * the idiom of {@link StampedLock}'s own documentation. The state the failed attempt computed is thrown
     * away, as a real reader would discard a value it cannot trust.
     */
    @Override
    public long readTimes(int n, int inside, int outside) {
        long retries = 0; // a local, so counting the failed validations adds no shared write
        long state = n;
        for (int i = 0; i < n; i++) {
            long stamp = lock.tryOptimisticRead();
            long attempt = Work.consume(state + count, inside);
            if (lock.validate(stamp)) {
                state = attempt;
            } else {
                retries++;
                stamp = lock.readLock();
                try {
                    state = Work.consume(state + count, inside);
                } finally {
                    lock.unlockRead(stamp);
                }
            }
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return retries;
    }

    @Override
    public boolean readsOptimistically() {
        return true;
    }

    /** The working loop with a block after the inside work, the lock still held, and one after the outside work, with nothing held. */
    @Override
    public long incrementTimesBlocking(int n, int inside, int outside, long blockInsideNanos, long blockOutsideNanos) {
        long state = n;
        for (int i = 0; i < n; i++) {
            long stamp = lock.writeLock();
            try {
                count++;
                state = Work.consume(state, inside);
                Blocking.sleep(blockInsideNanos);
            } finally {
                lock.unlockWrite(stamp);
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
     * The loop of a child process: private final StampedLock lock, of this process alone, around a read and a
     * write of the shared count.
     */
    public static final class InProcesses extends ProcessCounter {

        private final StampedLock lock = new StampedLock();

        public InProcesses(ByteBuffer memory, int offset) {
            super(memory, offset);
        }

        @Override
        public long incrementTimesCountingCasFailures(int n) {
            for (int i = 0; i < n; i++) {
                long stamp = lock.writeLock();
                try {
                    // Opaque: one real load and one real store per increment, which the JIT may not merge.
                    long seen = (long) LONGS.getOpaque(memory, offset);
                    LONGS.setOpaque(memory, offset, seen + 1);
                } finally {
                    lock.unlockWrite(stamp);
                }
            }
            return 0;
        }
    }
}
