package dev.concurrency.playground.strategy;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One atomic {@code long} per thread, each on cache lines of its own in an {@link AtomicLongArray}: the
 * layout of {@code LongAdder}'s cells, which are {@code @Contended}, without its hashing.
 *
 * <p><b>Guarantee:</b> exact; no thread ever touches another's slot, and each increment is atomic besides.
 *
 * <p><b>How it works here:</b> the loop of {@code adjacent-atomics}, an {@link AtomicLongArray#incrementAndGet(int)}
 * per increment, with the slots 128 bytes apart (two lines, as {@code @Contended} pads, because cores fetch
 * lines in adjacent pairs) and the first 128 bytes past the array's header.
 *
 * <p><b>Cost under contention:</b> each core owns its line, so the locked add never waits for another
 * core: the cost of an uncontended atomic add, on every thread. Against {@code adjacent-atomics} this is the
 * whole benefit of padding, measured with nothing else changed.
 */
public final class PaddedAtomicsCounter extends OwnSlotCounter implements WorkingCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("padded-atomics")
            .name("Own atomics, padded")
            .family(Family.CONFINEMENT)
            .safety(Safety.THREAD_SAFE)
            .javaApi("java.util.concurrent.atomic.AtomicLongArray.incrementAndGet(int), one slot per thread, 128 bytes apart")
            .summary("Each thread atomically increments its own slot, on cache lines of its own.")
            .descriptionFromJavadocOf(PaddedAtomicsCounter.class)
            .counters(PaddedAtomicsCounter::new)
            .build();

    /** Where the work's result would go: keeps the JIT from removing the work. */
    private final Work.Sink sink = new Work.Sink();

    private AtomicLongArray counts = new AtomicLongArray(0);

    @Override
    void allocate(int threads) {
        // A stride before the first slot keeps it off the line of the array's header, and one after the last.
        counts = new AtomicLongArray((threads + 2) * PaddedCountersCounter.STRIDE);
    }

    @Override
    public long incrementTimesCountingCasFailures(int n) {
        AtomicLongArray mine = counts;
        int slot = PaddedCountersCounter.index(slot());
        for (int i = 0; i < n; i++) {
            mine.incrementAndGet(slot);
        }
        return 0;
    }

    /** Nothing is shared, so the {@code inside} tokens come just before the atomic add; {@code outside} after it. */
    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        AtomicLongArray mine = counts;
        int slot = PaddedCountersCounter.index(slot());
        long state = n;
        for (int i = 0; i < n; i++) {
            state = Work.consume(state, inside);
            mine.incrementAndGet(slot);
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return 0;
    }

    @Override
    public long total() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }
}
