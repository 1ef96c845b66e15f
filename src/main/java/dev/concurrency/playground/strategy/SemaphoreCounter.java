package dev.concurrency.playground.strategy;

import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;

/**
 * A plain {@code long} field incremented while holding the only permit of a {@link Semaphore}.
 *
 * <p><b>Guarantee:</b> with one permit at most one thread is between acquire and release, and a
 * release happens-before the acquire that takes the permit next, so no increment is lost; but only
 * while every acquire is matched by exactly one release.
 *
 * <p><b>How it works here:</b> a queued synchronizer again, but its state counts free permits:
 * acquire compare-and-sets it down and waits at zero, release compare-and-sets it up and wakes a
 * waiter. A permit belongs to no thread. Any thread may release one without having acquired it,
 * nothing checks, and a stray extra release leaves two permits and silently breaks exclusion. A lock
 * is owned: only its holder may unlock it, and the holder may re-enter, whereas a thread acquiring
 * this semaphore twice blocks on itself. {@code acquireUninterruptibly} keeps an interrupt from
 * aborting the wait, so the hot loop has no {@code InterruptedException} to handle.
 *
 * <p><b>Cost under contention:</b> non-fair, so close to a non-fair {@code ReentrantLock}: a
 * compare-and-set each way on one thread, and parking with microsecond wake-ups once threads queue.
 * Semaphores are for limiting how many threads use a resource at once; a lock is the better mutex.
 *
 * <p><b>With readers</b> ({@code readRatio}): a read holds the one permit, as an increment does, so readers
 * exclude each other as well as the writers. Measured on the shared 2-core machine (load average 10), 100 ms
 * trials at 90 % reads: 33 ns per read on one thread, 177 on two.
 *
 * <p><b>Across processes:</b> racy. Each child JVM has a heap of its own and so a {@code Semaphore} of
 * its own, which no other process contends for; around it, the child reads and writes the shared count
 * in a memory-mapped file, and the other children do the same at the same time, each under its own
 * lock. A lock protects only the threads that share it. Between processes, use an atomic instruction on
 * the shared memory, or a lock that the operating system holds for all of them.
 */
public final class SemaphoreCounter extends SharedCounter implements ReadingCounter, WorkingCounter, BlockingCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("semaphore")
            .name("Semaphore(1)")
            .family(Family.LOCK)
            .safety(Safety.THREAD_SAFE)
            .javaApi("java.util.concurrent.Semaphore(1)")
            .summary("A single permit used as a mutex: exclusive, but owned by nobody.")
            .descriptionFromJavadocOf(SemaphoreCounter.class)
            .inProcesses(Safety.RACY, InProcesses.class)
            .counters(SemaphoreCounter::new)
            .build();

    /** Where the work's result would go: keeps the JIT from removing the work. */
    private final Work.Sink sink = new Work.Sink();

    private final Semaphore permit = new Semaphore(1);

    private long count;

    // The same loop as the other lock counters, on purpose: see the implementation note in SharedCounter.
    @Override
    public long incrementTimesCountingCasFailures(int n) {
        for (int i = 0; i < n; i++) {
            permit.acquireUninterruptibly();
            try {
                count++;
            } finally {
                permit.release();
            }
        }
        return 0;
    }

    /** The measured loop's increment with {@code inside} tokens of work while the lock is held and {@code outside} after it is released. */
    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long state = n;
        for (int i = 0; i < n; i++) {
            permit.acquireUninterruptibly();
            try {
                count++;
                state = Work.consume(state, inside);
            } finally {
                permit.release();
            }
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return 0;
    }

    /** A read holding the permit, as the increments do: readers exclude each other as writers do. */
    @Override
    public long readTimes(int n, int inside, int outside) {
        long state = n;
        for (int i = 0; i < n; i++) {
            permit.acquireUninterruptibly();
            try {
                state = Work.consume(state + count, inside);
            } finally {
                permit.release();
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
            permit.acquireUninterruptibly();
            try {
                count++;
                state = Work.consume(state, inside);
                Blocking.sleep(blockInsideNanos);
            } finally {
                permit.release();
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
     * The loop of a child process: private final Semaphore permit, of this process alone, around a read and a
     * write of the shared count.
     */
    public static final class InProcesses extends ProcessCounter {

        private final Semaphore permit = new Semaphore(1);

        public InProcesses(ByteBuffer memory, int offset) {
            super(memory, offset);
        }

        @Override
        public long incrementTimesCountingCasFailures(int n) {
            for (int i = 0; i < n; i++) {
                permit.acquireUninterruptibly();
                try {
                    // Opaque: one real load and one real store per increment, which the JIT may not merge.
                    long seen = (long) LONGS.getOpaque(memory, offset);
                    LONGS.setOpaque(memory, offset, seen + 1);
                } finally {
                    permit.release();
                }
            }
            return 0;
        }
    }
}
