package dev.concurrency.playground.strategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One {@code long} per thread, each on cache lines of its own: the cure for the false sharing that
 * {@code adjacent-counters} shows, and the reason {@code java.util.concurrent.atomic.LongAdder}'s cells are
 * annotated {@code @jdk.internal.vm.annotation.Contended}.
 *
 * <p><b>Guarantee:</b> exact, as for the adjacent counters: no two threads write the same variable.
 *
 * <p><b>How it works here:</b> the same loop as {@code adjacent-counters}, an opaque load and store of the
 * thread's own slot per increment, but the slots are 128 bytes apart, and the first one 128 bytes past the
 * array's header: two lines, not one, because Intel cores fetch lines in adjacent pairs, and a neighbour in
 * the pair would still be dragged along. That is what {@code @Contended} pads by as well. Nothing changes
 * in the code that increments; only the layout does.
 *
 * <p><b>Cost under contention:</b> each core keeps its own line, so an increment costs what it costs on one
 * thread, however many threads run: it scales with the cores. The price is memory, 128 bytes per counter
 * instead of 8.
 */
public final class PaddedCountersCounter extends OwnSlotCounter implements WorkingCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("padded-counters")
            .name("Own counters, padded")
            .family(Family.CONFINEMENT)
            .safety(Safety.THREAD_SAFE)
            .javaApi("long[] with one slot per thread, 128 bytes apart (as @Contended pads)")
            .summary("Each thread increments its own long, on cache lines of its own: no false sharing.")
            .descriptionFromJavadocOf(PaddedCountersCounter.class)
            .counters(PaddedCountersCounter::new)
            .build();

    /** Slots this many longs apart: two cache lines. */
    static final int STRIDE = 2 * CACHE_LINE_BYTES / Long.BYTES;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    /** Where the work's result would go: keeps the JIT from removing the work. */
    private final Work.Sink sink = new Work.Sink();

    private long[] counts = new long[0];

    @Override
    void allocate(int threads) {
        // A stride before the first slot keeps it off the line of the array's header, and one after the last.
        counts = new long[(threads + 2) * STRIDE];
    }

    /** Where the slot of worker {@code slot} lies in the array. */
    static int index(int slot) {
        return (slot + 1) * STRIDE;
    }

    @Override
    public long incrementTimesCountingCasFailures(int n) {
        long[] mine = counts;
        int index = index(slot());
        for (int i = 0; i < n; i++) {
            long seen = (long) SLOT.getOpaque(mine, index);
            SLOT.setOpaque(mine, index, seen + 1);
        }
        return 0;
    }

    /** Nothing is shared, so the {@code inside} tokens come just before the thread's own increment; {@code outside} after it. */
    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long[] mine = counts;
        int index = index(slot());
        long state = n;
        for (int i = 0; i < n; i++) {
            state = Work.consume(state, inside);
            long seen = (long) SLOT.getOpaque(mine, index);
            SLOT.setOpaque(mine, index, seen + 1);
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return 0;
    }

    @Override
    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }
}
