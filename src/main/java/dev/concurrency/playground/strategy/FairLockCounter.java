package dev.concurrency.playground.strategy;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A plain {@code long} field incremented while holding a fair {@link ReentrantLock}.
 *
 * <p><b>Guarantee:</b> the same exclusion and memory effects as the non-fair lock, plus an ordering
 * promise: waiting threads acquire roughly in the order they arrived, so none starves. The promise
 * covers the lock, not the scheduler, and the untimed {@code tryLock()} ignores it.
 *
 * <p><b>How it works here:</b> the same queued synchronizer as the non-fair lock, with one rule
 * added: a thread may take even a free lock only if nobody is queued ahead of it. Under contention
 * the queue is almost never empty, so each unlock hands the lock to the first waiter in FIFO order,
 * which is parked and must be woken, while the releasing thread, though still running, has to queue
 * and park behind the others.
 *
 * <p><b>Cost under contention:</b> on one thread the same as the non-fair lock. Under contention
 * every increment costs an unpark, an operating-system wake-up and a context switch, microseconds
 * each, and the threads advance in lockstep like a convoy; expect it to be typically 10 to 100 times
 * slower than the non-fair lock. Choose fairness when a bounded wait matters more than throughput.
 *
 * <p><b>With readers</b> ({@code readRatio}): a read takes the same fair lock as an increment and queues
 * behind every waiting thread, reader or writer. Measured on the shared 2-core machine (load average 10), 100
 * ms trials at 90 % reads: 69 ns per read on two threads, 300 on four, the dearest reads of all the locks.
 *
 * <p><b>Across processes:</b> racy. Each child JVM has a heap of its own and so a fair {@code
 * ReentrantLock} of its own, which no other process contends for; around it, the child reads and writes
 * the shared count in a memory-mapped file, and the other children do the same at the same time, each
 * under its own lock. A lock protects only the threads that share it. Between processes, use an atomic
 * instruction on the shared memory, or a lock that the operating system holds for all of them.
 */
public final class FairLockCounter extends SharedCounter implements ReadingCounter, WorkingCounter, BlockingCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("fair-lock")
            .name("ReentrantLock (fair)")
            .family(Family.LOCK)
            .safety(Safety.THREAD_SAFE)
            .javaApi("java.util.concurrent.locks.ReentrantLock(true)")
            .summary("A lock that serves waiting threads in arrival order, whatever the cost.")
            .descriptionFromJavadocOf(FairLockCounter.class)
            .inProcesses(Safety.RACY, InProcesses.class)
            .counters(FairLockCounter::new)
            .build();

    /** Where the work's result would go: keeps the JIT from removing the work. */
    private final Work.Sink sink = new Work.Sink();

    private final ReentrantLock lock = new ReentrantLock(true);

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

    /** A read under the same fair lock as the increments: readers exclude each other as writers do. */
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

        private final ReentrantLock lock = new ReentrantLock(true);

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
