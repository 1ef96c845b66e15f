package dev.concurrency.playground.strategy;

import java.nio.ByteBuffer;

/**
 * A plain {@code long} field incremented inside a {@code synchronized} block on a private lock.
 *
 * <p><b>Guarantee:</b> at most one thread holds a monitor at a time, and releasing it happens-before
 * the next acquisition of the same monitor, so each increment starts from the previous one and none
 * is lost. The lock object is private so that no outside code can synchronize on it and interfere.
 *
 * <p><b>How it works here:</b> each block is a monitor enter and a monitor exit. Biased locking, which
 * let one thread re-enter without any atomic instruction, was removed in JDK 18; today an uncontended
 * enter is a lightweight lock, one compare-and-swap on the object header. When a second thread
 * arrives while it is held, the JVM inflates it into a full monitor that spins briefly and then
 * parks the waiters in the operating system. The JIT may unroll this loop and coarsen the adjacent
 * blocks into one: still correct, but fewer lock acquisitions than the source suggests.
 *
 * <p><b>Cost under contention:</b> on one thread a few nanoseconds per increment. Under contention
 * every park and wake-up costs microseconds, and threads queue behind the holder (a convoy). On JDK
 * 21 a virtual thread blocked on or inside {@code synchronized} pins its carrier thread, which then
 * cannot run other virtual threads; since JDK 24 (JEP 491) it unmounts like any other blocked one.
 *
 * <p><b>With work around it:</b> work inside the block runs one thread at a time, so more threads cannot
 * make it go faster; work outside runs in parallel and, once it dominates, hides the lock. Measured on the
 * shared 2-core machine, four threads did 37 million increments a second with no work and 0.28 million
 * with 1,000 tokens of work after each, as many as {@code atomic} and thread-local tallies did.
 *
 * <p><b>With readers</b> ({@code readRatio}): a read takes the same monitor as an increment, so readers
 * exclude each other as well as the writers, and a share of reads makes the lock no cheaper per operation.
 * Measured on the shared 2-core machine (load average 6 to 8), 100 ms trials at 90 % reads: 19 ns per read on
 * one thread, 26 on two and 50 on four, about what an increment cost, where a stamped lock's optimistic read
 * cost 1 to 4 ns.
 *
 * <p><b>Blocking while holding it</b> ({@code blockInsideMicros}): the lock is held for the whole block, so the
 * increments run one at a time, each as long as the block and the wake-up after it: measured on the shared 2-core
 * machine, 100 µs blocks gave about 5,000 increments a second at 8 or 64 threads, as {@code ReentrantLock} did.
 * On JDK 21 to 23 a virtual thread that blocks inside the block pins its carrier; on JDK 25, 64 virtual threads
 * sleeping inside it were never pinned (Flight Recorder recorded no {@code jdk.VirtualThreadPinned} event):
 * blocking in a class initializer still pins, as {@code class-initializer} shows.
 *
 * <p><b>Across processes:</b> racy. Each child JVM has a heap of its own and so a lock object of its
 * own, which no other process contends for; around it, the child reads and writes the shared count in a
 * memory-mapped file, and the other children do the same at the same time, each under its own lock. A
 * lock protects only the threads that share it. Between processes, use an atomic instruction on the
 * shared memory, or a lock that the operating system holds for all of them.
 */
public final class SynchronizedCounter extends SharedCounter implements ReadingCounter, WorkingCounter, BlockingCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("synchronized")
            .name("synchronized block")
            .family(Family.LOCK)
            .safety(Safety.THREAD_SAFE)
            .javaApi("synchronized (lock) { ... }")
            .summary("The built-in monitor: one thread at a time runs the increment.")
            .descriptionFromJavadocOf(SynchronizedCounter.class)
            .inProcesses(Safety.RACY, InProcesses.class)
            .counters(SynchronizedCounter::new)
            .build();

    /** Where the work's result would go: keeps the JIT from removing the work. */
    private final Work.Sink sink = new Work.Sink();

    private final Object lock = new Object();

    private long count;

    // The same loop as the other lock counters, on purpose: see the implementation note in SharedCounter.
    @Override
    public long incrementTimesCountingCasFailures(int n) {
        for (int i = 0; i < n; i++) {
            synchronized (lock) {
                count++;
            }
        }
        return 0;
    }

    /** The measured loop's increment with {@code inside} tokens of work while the lock is held and {@code outside} after it is released. */
    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long state = n;
        for (int i = 0; i < n; i++) {
            synchronized (lock) {
                count++;
                state = Work.consume(state, inside);
            }
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return 0;
    }

    /** A read inside the same block as the increments: readers exclude each other as writers do. */
    @Override
    public long readTimes(int n, int inside, int outside) {
        long state = n;
        for (int i = 0; i < n; i++) {
            synchronized (lock) {
                state = Work.consume(state + count, inside);
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
            synchronized (lock) {
                count++;
                state = Work.consume(state, inside);
                Blocking.sleep(blockInsideNanos);
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
     * The loop of a child process: private final Object lock, of this process alone, around a read and a
     * write of the shared count.
     */
    public static final class InProcesses extends ProcessCounter {

        private final Object lock = new Object();

        public InProcesses(ByteBuffer memory, int offset) {
            super(memory, offset);
        }

        @Override
        public long incrementTimesCountingCasFailures(int n) {
            for (int i = 0; i < n; i++) {
                synchronized (lock) {
                    // Opaque: one real load and one real store per increment, which the JIT may not merge.
                    long seen = (long) LONGS.getOpaque(memory, offset);
                    LONGS.setOpaque(memory, offset, seen + 1);
                }
            }
            return 0;
        }
    }
}
