package dev.concurrency.playground.strategy;

import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link LongAdder} incremented with {@code increment()}.
 *
 * <p><b>Guarantee:</b> no increment is lost. {@code sum()} is exact only at quiescence: it adds the
 * parts one by one while other threads may still be adding, so a concurrent read is no snapshot and
 * can miss increments in flight. The trial's total is read once, after every worker has finished.
 *
 * <p><b>How it works here:</b> a base value plus, once threads collide, a table of cells, each
 * padded onto its own cache line. A thread first tries to compare-and-set the base; after a failure
 * it updates the cell picked by its own per-thread hash, and if that cell is contended too it rehashes
 * to another one and the table grows, up to about the number of CPUs. Contention is spread across
 * many cache lines instead of piled onto one.
 *
 * <p><b>Cost under contention:</b> on one thread about what {@code AtomicLong} costs. With many
 * threads each mostly writes a line of its own, so throughput keeps growing with the cores where
 * {@code AtomicLong} flattens. The price: a cache line of memory per cell, a slower {@code sum()},
 * and no way to learn the new value atomically with the update. Use it for counters that are written
 * often and read rarely, not when each update needs the new value.
 *
 * <p><b>With readers</b> ({@code readRatio}): a read is {@code sum()}, the base plus every cell, each on a
 * cache line of its own that the writers keep taking, and no snapshot while they do. Until threads collide
 * there are no cells and a sum is one load; once they have, it reads every cell, and the table grows to about
 * the number of cores, so on a large machine a sum reads dozens of lines. Measured on the shared 2-core
 * machine (load average 6 to 8), 100 ms trials at 90 % reads: 0.6 ns per sum on one thread, 3.1 on two and
 * 6.6 on four, where {@code AtomicLong.get()} took 0.3, 1.0 and 1.1. That is where it stops being cheap: with
 * increments only it led {@code AtomicLong} at two threads and four, but by half reads {@code AtomicLong} did
 * more operations a second at every thread count (250 to 360 million against 190 to 220), and at 90 % reads
 * 1.5 to 2.4 times as many. Use it where reads are rare.
 */
public final class LongAdderCounter extends SharedCounter implements ReadingCounter, WorkingCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("long-adder")
            .name("LongAdder")
            .family(Family.ATOMIC)
            .safety(Safety.THREAD_SAFE)
            .javaApi("java.util.concurrent.atomic.LongAdder.increment()")
            .summary("A counter split into cells so that threads mostly update different cache lines.")
            .descriptionFromJavadocOf(LongAdderCounter.class)
            .counters(LongAdderCounter::new)
            .build();

    /** Where the work's result would go: keeps the JIT from removing the work. */
    private final Work.Sink sink = new Work.Sink();

    private final LongAdder adder = new LongAdder();

    @Override
    public long incrementTimesCountingCasFailures(int n) {
        for (int i = 0; i < n; i++) {
            adder.increment();
        }
        return 0;
    }

    /** Nothing is held, so the {@code inside} tokens of work come just before the add, where a lock's critical section would be, and run in parallel with other threads' work; {@code outside} after it. */
    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long state = n;
        for (int i = 0; i < n; i++) {
            state = Work.consume(state, inside);
            adder.increment();
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return 0;
    }

    /** {@code sum()}: the base plus every cell, read one by one; the more cells the writers made, the dearer. */
    @Override
    public long readTimes(int n, int inside, int outside) {
        long state = n;
        for (int i = 0; i < n; i++) {
            state = Work.consume(state + adder.sum(), inside);
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return 0;
    }

    @Override
    public long total() {
        return adder.sum();
    }
}
