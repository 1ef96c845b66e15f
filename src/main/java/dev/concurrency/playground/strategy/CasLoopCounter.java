package dev.concurrency.playground.strategy;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link AtomicLong} incremented by a hand-written compare-and-set retry loop.
 *
 * <p><b>Guarantee:</b> {@code compareAndSet(seen, seen + 1)} writes only if the counter still holds
 * the value this thread read, so every committed increment builds on the current value and none is
 * lost. The loop is lock-free, not wait-free: some thread always succeeds, but one unlucky thread can
 * in principle keep losing.
 *
 * <p><b>How it works here:</b> optimistic. Read the value, compute the next one, and attempt to swap
 * it in ({@code lock cmpxchg} on x86). A failed attempt means another thread changed the counter
 * between the read and the swap: someone else won the race, so read again and retry. Failures are
 * tallied in a local and returned, so the trial shows how much work was thrown away.
 *
 * <p><b>Cost under contention:</b> on one thread nothing fails and it costs about what
 * {@code incrementAndGet} does. Under contention failures climb with the thread count, and each one
 * is a wasted round trip on a cache line that other cores are fighting over. On x86
 * {@code incrementAndGet} is a {@code lock xadd}, which cannot fail, so a hand-written loop only pays
 * its way for updates no single instruction provides, such as a running maximum.
 *
 * <p><b>With work between the read and the compare-and-set</b> ({@code workInside}), as when the new value
 * takes work to compute from the old, every failed attempt throws that work away and does it again from
 * the value read anew: the wider the window, the more attempts fail, and each failure costs the work.
 *
 * <p><b>With readers</b> ({@code readRatio}): a read is {@code get()}, one volatile load, and never fails.
 * Measured on the shared 2-core machine (load average 10), 100 ms trials at 90 % reads: 0.9 ns per read on
 * one thread, 2.3 on two and 6.6 on four.
 *
 * <p><b>Across processes:</b> safe, for the reason {@code atomic} is: {@code compareAndSet} through a
 * {@code VarHandle} view of the memory-mapped count is a {@code lock cmpxchg} on memory that every
 * child process shares, so a value another process changed meanwhile makes it fail and retry; the
 * trials report how often.
 */
public final class CasLoopCounter extends SharedCounter implements ReadingCounter, WorkingCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("cas-loop")
            .name("Compare-and-set loop")
            .family(Family.ATOMIC)
            .safety(Safety.THREAD_SAFE)
            .javaApi("java.util.concurrent.atomic.AtomicLong.compareAndSet(long, long)")
            .summary("Read, then swap in the value plus one only if nobody changed it; retry otherwise.")
            .descriptionFromJavadocOf(CasLoopCounter.class)
            .reportsCasFailures()
            .inProcesses(Safety.THREAD_SAFE, InProcesses.class)
            .counters(CasLoopCounter::new)
            .build();

    /** Where the work's result would go: keeps the JIT from removing the work. */
    private final Work.Sink sink = new Work.Sink();

    private final AtomicLong count = new AtomicLong();

    @Override
    public long incrementTimesCountingCasFailures(int n) {
        long failures = 0; // a local, so measuring the retries adds no shared write of its own
        for (int i = 0; i < n; i++) {
            long seen = count.get();
            while (!count.compareAndSet(seen, seen + 1)) {
                failures++;
                seen = count.get();
            }
        }
        return failures;
    }

    /**
     * The measured loop with {@code inside} tokens of work between the read and the compare-and-set, as when
     * the new value takes work to compute from the old: a failed attempt redoes the work from the value it
     * read anew, so the wider window costs twice, in more failures and in work thrown away. {@code outside}
     * after each increment.
     */
    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long failures = 0;
        long state = n;
        for (int i = 0; i < n; i++) {
            long seen = count.get();
            state = Work.consume(state, inside);
            while (!count.compareAndSet(seen, seen + 1)) {
                failures++;
                seen = count.get();
                state = Work.consume(state, inside);
            }
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return failures;
    }

    /** {@code get()}: a volatile read, with no lock and no write. */
    @Override
    public long readTimes(int n, int inside, int outside) {
        long state = n;
        for (int i = 0; i < n; i++) {
            state = Work.consume(state + count.get(), inside);
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return 0;
    }

    @Override
    public long total() {
        return count.get();
    }

    /** The loop of a child process: a volatile read and a {@code compareAndSet} retry loop on the shared, memory-mapped count. */
    public static final class InProcesses extends ProcessCounter {

        public InProcesses(ByteBuffer memory, int offset) {
            super(memory, offset);
        }

        @Override
        public long incrementTimesCountingCasFailures(int n) {
            long failures = 0;
            for (int i = 0; i < n; i++) {
                long seen = (long) LONGS.getVolatile(memory, offset);
                while (!LONGS.compareAndSet(memory, offset, seen, seen + 1)) {
                    failures++;
                    seen = (long) LONGS.getVolatile(memory, offset);
                }
            }
            return failures;
        }
    }
}
