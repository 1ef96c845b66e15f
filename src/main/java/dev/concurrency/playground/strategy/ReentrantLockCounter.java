package dev.concurrency.playground.strategy;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A plain {@code long} field incremented while holding a non-fair {@link ReentrantLock}.
 *
 * <p><b>Guarantee:</b> the same exclusion and memory effects as a monitor: one holder at a time, and
 * an unlock happens-before the next lock, so no increment is lost. Unlike {@code synchronized} it
 * offers {@code tryLock}, timed and interruptible waits and several conditions, but nothing releases
 * it for you: the unlock belongs in {@code finally}, or one exception leaves it held forever.
 *
 * <p><b>How it works here:</b> the lock is an {@code AbstractQueuedSynchronizer} whose {@code int}
 * state is the hold count. {@code lock()} tries one compare-and-set of the state from 0 to 1; if that
 * fails the thread joins the synchronizer's wait queue, retries briefly and parks. {@code unlock()}
 * writes the state back to 0 and unparks the first waiter. Non-fair means a running thread may take
 * a just-released lock ahead of that waiter ("barging").
 *
 * <p><b>Cost under contention:</b> one thread pays a compare-and-set and a volatile write per
 * increment. Under contention barging lets the releasing thread, still running and with the counter
 * in its cache, lock again at once, so it often runs many increments while others sleep and most
 * hand-offs need no context switch; that is why it beats a fair lock by a wide margin. Every park
 * and unpark still costs microseconds, and no waiter is promised a turn.
 *
 * <p><b>With readers</b> ({@code readRatio}): a read takes the same lock as an increment, so readers exclude
 * each other as well as the writers. Measured on the shared 2-core machine (load average 6 to 8), 100 ms
 * trials at 90 % reads: 16 ns per read on one thread, 32 on two and 58 on four, about what an increment cost;
 * a stamped lock's optimistic read cost 1 to 4 ns.
 *
 * <p><b>Across processes:</b> racy. Each child JVM has a heap of its own and so a {@code ReentrantLock}
 * of its own, which no other process contends for; around it, the child reads and writes the shared
 * count in a memory-mapped file, and the other children do the same at the same time, each under its
 * own lock. A lock protects only the threads that share it. Between processes, use an atomic
 * instruction on the shared memory, or a lock that the operating system holds for all of them.
 */
public final class ReentrantLockCounter extends SharedCounter implements ReadingCounter, WorkingCounter, BlockingCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("reentrant-lock")
            .name("ReentrantLock (non-fair)")
            .family(Family.LOCK)
            .safety(Safety.THREAD_SAFE)
            .javaApi("java.util.concurrent.locks.ReentrantLock()")
            .summary("An explicit lock that lets a running thread jump the queue.")
            .descriptionFromJavadocOf(ReentrantLockCounter.class)
            .inProcesses(Safety.RACY, InProcesses.class)
            .counters(ReentrantLockCounter::new)
            .build();

    /** Where the work's result would go: keeps the JIT from removing the work. */
    private final Work.Sink sink = new Work.Sink();

    private final ReentrantLock lock = new ReentrantLock();

    private long count;

    // The same loop as the other lock counters, on purpose: see the implementation note in SharedCounter.
    @Override
    public long incrementTimesCountingCasFailures(int n) {
        for (int i = 0; i < n; i++) {
            lock.lock();
            try {
                count++;
            } finally {
                lock.unlock();
            }
        }
        return 0;
    }

    /** The measured loop's increment with {@code inside} tokens of work while the lock is held and {@code outside} after it is released. */
    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long state = n;
        for (int i = 0; i < n; i++) {
            lock.lock();
            try {
                count++;
                state = Work.consume(state, inside);
            } finally {
                lock.unlock();
            }
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return 0;
    }

    /** A read under the same lock as the increments: readers exclude each other as writers do. */
    @Override
    public long readTimes(int n, int inside, int outside) {
        long state = n;
        for (int i = 0; i < n; i++) {
            lock.lock();
            try {
                state = Work.consume(state + count, inside);
            } finally {
                lock.unlock();
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
            lock.lock();
            try {
                count++;
                state = Work.consume(state, inside);
                Blocking.sleep(blockInsideNanos);
            } finally {
                lock.unlock();
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
     * The loop of a child process: private final ReentrantLock lock, of this process alone, around a read and a
     * write of the shared count.
     */
    public static final class InProcesses extends ProcessCounter {

        private final ReentrantLock lock = new ReentrantLock();

        public InProcesses(ByteBuffer memory, int offset) {
            super(memory, offset);
        }

        @Override
        public long incrementTimesCountingCasFailures(int n) {
            for (int i = 0; i < n; i++) {
                lock.lock();
                try {
                    // Opaque: one real load and one real store per increment, which the JIT may not merge.
                    long seen = (long) LONGS.getOpaque(memory, offset);
                    LONGS.setOpaque(memory, offset, seen + 1);
                } finally {
                    lock.unlock();
                }
            }
            return 0;
        }
    }
}
