package dev.concurrency.playground.strategy;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-thread tallies held in a {@link ThreadLocal}, merged into a shared total once per thread.
 *
 * <p><b>Guarantee:</b> during the trial each thread writes only its own tally, which no other thread
 * touches, so there is nothing to race on; each tally is then added to the total with one atomic add,
 * so the result is exact. The catch is timing: the total exists only once every thread has merged,
 * and a thread that never merges takes its increments with it.
 *
 * <p><b>How it works here:</b> every thread carries its own hash map from {@code ThreadLocal} to
 * value. {@code get()} fetches the current thread, its map, hashes into the table and returns the
 * entry: a handful of dependent loads, paid on every increment on purpose, because that lookup is the
 * price of thread-local storage (real code would fetch the tally once into a local). The
 * {@code ThreadLocal} is an instance field, so every trial has tallies of its own.
 * {@link #threadFinished()} merges once and removes the entry, so a pooled or virtual thread keeps
 * no stale tally.
 *
 * <p><b>Cost under contention:</b> nearly free. The loop writes no shared memory, so it scales with
 * the cores; the only shared write is one add per thread at the end. Each tally is allocated by its
 * own thread, in that thread's allocation buffer, so tallies rarely share a cache line.
 *
 * <p><b>Across processes:</b> safe. Each child process counts in the same kind of {@code ThreadLocal}
 * tally, in its own heap, and adds it to the shared, memory-mapped total with one atomic {@code
 * getAndAdd} when it finishes: one shared write per process, the shape of a map-reduce over processes.
 */
public final class ThreadLocalCounter extends SharedCounter implements WorkingCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("thread-local")
            .name("Thread-local tallies")
            .family(Family.CONFINEMENT)
            .safety(Safety.THREAD_SAFE)
            .javaApi("java.lang.ThreadLocal.withInitial(...)")
            .summary("Each thread counts on its own and adds its tally to the total once, at the end.")
            .descriptionFromJavadocOf(ThreadLocalCounter.class)
            .inProcesses(Safety.THREAD_SAFE, InProcesses.class)
            .counters(ThreadLocalCounter::new)
            .build();

    /** Where the work's result would go: keeps the JIT from removing the work. */
    private final Work.Sink sink = new Work.Sink();

    private final ThreadLocal<Tally> tallies = ThreadLocal.withInitial(Tally::new);

    private final AtomicLong total = new AtomicLong();

    @Override
    public long incrementTimesCountingCasFailures(int n) {
        for (int i = 0; i < n; i++) {
            tallies.get().value++;
        }
        return 0;
    }

    /** Nothing is shared, so the {@code inside} tokens of work come just before the thread's own increment and run in parallel with other threads' work; {@code outside} after it. */
    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long state = n;
        for (int i = 0; i < n; i++) {
            state = Work.consume(state, inside);
            tallies.get().value++;
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return 0;
    }

    @Override
    public void threadFinished() {
        total.addAndGet(tallies.get().value);
        tallies.remove();
    }

    @Override
    public long total() {
        return total.get();
    }

    /** One thread's running count; only its own thread ever reads or writes it until the merge. */
    private static final class Tally {
        long value;
    }

    /** The loop of a child process: a {@code ThreadLocal} tally, added to the shared, memory-mapped total once, at the end. */
    public static final class InProcesses extends ProcessCounter {

        private final ThreadLocal<Tally> tallies = ThreadLocal.withInitial(Tally::new);

        public InProcesses(ByteBuffer memory, int offset) {
            super(memory, offset);
        }

        @Override
        public long incrementTimesCountingCasFailures(int n) {
            for (int i = 0; i < n; i++) {
                tallies.get().value++;
            }
            return 0;
        }

        @Override
        public void processFinished() {
            LONGS.getAndAdd(memory, offset, tallies.get().value);
            tallies.remove();
        }
    }
}
