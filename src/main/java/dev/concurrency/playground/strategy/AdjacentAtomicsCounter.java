package dev.concurrency.playground.strategy;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One atomic {@code long} per thread, side by side in an {@link AtomicLongArray}: false sharing with atomic
 * instructions, the layout of a naive striped counter.
 *
 * <p><b>Guarantee:</b> exact; no thread ever touches another's slot, and each increment is atomic besides.
 *
 * <p><b>What goes wrong:</b> as with {@code adjacent-counters}, eight slots share a 64-byte line, so the
 * threads' atomic adds, each of which needs the line exclusively, queue for the line as if they were
 * adding to one shared {@code AtomicLong}. A striped counter laid out like this is hardly faster than the
 * single atomic it was meant to replace.
 *
 * <p><b>How it works here:</b> each worker is handed the next slot before the start gate, and increments it
 * with {@link AtomicLongArray#incrementAndGet(int)}, a locked add on x86.
 *
 * <p><b>Cost under contention:</b> close to {@code atomic}'s on several cores, though nothing is shared;
 * compare {@code padded-atomics}.
 */
public final class AdjacentAtomicsCounter extends OwnSlotCounter implements WorkingCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("adjacent-atomics")
            .name("Own atomics, adjacent")
            .family(Family.CONFINEMENT)
            .safety(Safety.THREAD_SAFE)
            .javaApi("java.util.concurrent.atomic.AtomicLongArray.incrementAndGet(int), one slot per thread, side by side")
            .summary("Each thread atomically increments its own slot; the slots share cache lines.")
            .descriptionFromJavadocOf(AdjacentAtomicsCounter.class)
            .counters(AdjacentAtomicsCounter::new)
            .build();

    /** Where the work's result would go: keeps the JIT from removing the work. */
    private final Work.Sink sink = new Work.Sink();

    private AtomicLongArray counts = new AtomicLongArray(0);

    @Override
    void allocate(int threads) {
        counts = new AtomicLongArray(threads);
    }

    @Override
    public long incrementTimesCountingCasFailures(int n) {
        AtomicLongArray mine = counts;
        int slot = slot();
        for (int i = 0; i < n; i++) {
            mine.incrementAndGet(slot);
        }
        return 0;
    }

    /** Nothing is shared, so the {@code inside} tokens come just before the atomic add; {@code outside} after it. */
    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        AtomicLongArray mine = counts;
        int slot = slot();
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
