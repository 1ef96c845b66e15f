package dev.concurrency.playground.strategy;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The common part of the counters whose threads each increment a slot of their own in one shared array:
 * handing each worker its slot before the start gate. Where the slots lie in memory, and how each is
 * incremented, is each subclass's own loop.
 */
abstract class OwnSlotCounter extends SharedCounter {

    /** Bytes in a cache line on the machines this runs on (x86-64 and most ARM servers). */
    static final int CACHE_LINE_BYTES = 64;

    private final AtomicInteger nextSlot = new AtomicInteger();

    /** Each worker's slot number, 0 to threads - 1; read once per batch, never per increment. */
    private final ThreadLocal<Integer> slots = new ThreadLocal<>();

    /** Workers the trial was prepared for; a worker beyond them would have no slot. */
    private int threads;

    @Override
    public final void prepare(int threads) {
        this.threads = threads;
        allocate(threads);
    }

    /** Makes room for {@code threads} slots; called once, before any worker exists. */
    abstract void allocate(int threads);

    @Override
    public final void threadStarting() {
        int slot = nextSlot.getAndIncrement();
        if (slot >= threads) {
            throw new IllegalStateException("the counter was prepared for " + threads + " threads, not more");
        }
        slots.set(slot);
    }

    @Override
    public final void threadFinished() {
        slots.remove();
    }

    /** The calling worker's slot number. */
    final int slot() {
        return slots.get();
    }
}
