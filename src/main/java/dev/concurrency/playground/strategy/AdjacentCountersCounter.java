package dev.concurrency.playground.strategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One {@code long} per thread, side by side in one array: every thread increments only its own, so there
 * is no race and nothing is lost, and yet the threads slow each other down. This is <i>false sharing</i>.
 *
 * <p><b>Guarantee:</b> exact. No two threads ever write the same variable; the total is read after every
 * thread has been joined.
 *
 * <p><b>What goes wrong:</b> caches do not hold variables, they hold lines of 64 bytes, and a core must own
 * a line exclusively to write any byte of it. Eight adjacent {@code long}s share one line, so every
 * increment by one thread takes the line away from every other core that wrote its own counter in it: the
 * line bounces between the cores just as a truly shared counter's does, although the threads share no
 * data at all. Nothing in the source shows it; only the memory layout does.
 *
 * <p><b>How it works here:</b> each worker is handed the next slot before the start gate; each increment is
 * a load and a store of that slot through a {@link VarHandle} in opaque mode, so that it really reaches
 * the cache every time (a plain {@code counts[slot]++} in a loop would be kept in a register by the JIT
 * and stored once, and nothing would be shared at all).
 *
 * <p><b>Cost under contention:</b> on one thread, a few nanoseconds; on several cores, several times more
 * per increment, though no increment ever waits for another thread's: compare {@code padded-counters},
 * the same loop with each slot on a line of its own.
 */
public final class AdjacentCountersCounter extends OwnSlotCounter implements WorkingCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("adjacent-counters")
            .name("Own counters, adjacent")
            .family(Family.CONFINEMENT)
            .safety(Safety.THREAD_SAFE)
            .javaApi("long[] with one slot per thread, side by side")
            .summary("Each thread increments its own long; the longs share cache lines (false sharing).")
            .descriptionFromJavadocOf(AdjacentCountersCounter.class)
            .counters(AdjacentCountersCounter::new)
            .build();

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    /** Where the work's result would go: keeps the JIT from removing the work. */
    private final Work.Sink sink = new Work.Sink();

    private long[] counts = new long[0];

    @Override
    void allocate(int threads) {
        counts = new long[threads];
    }

    @Override
    public long incrementTimesCountingCasFailures(int n) {
        long[] mine = counts;
        int slot = slot();
        for (int i = 0; i < n; i++) {
            long seen = (long) SLOT.getOpaque(mine, slot);
            SLOT.setOpaque(mine, slot, seen + 1);
        }
        return 0;
    }

    /** Nothing is shared, so the {@code inside} tokens come just before the thread's own increment; {@code outside} after it. */
    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long[] mine = counts;
        int slot = slot();
        long state = n;
        for (int i = 0; i < n; i++) {
            state = Work.consume(state, inside);
            long seen = (long) SLOT.getOpaque(mine, slot);
            SLOT.setOpaque(mine, slot, seen + 1);
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
