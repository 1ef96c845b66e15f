package dev.concurrency.playground.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The layout of the memory-mapped file that the parent and the children of a process trial share: the
 * counter, the start gate, the stop flag and deadline, and one slot per child for what it measured. Each field is a
 * {@code long} on a cache line of its own, so that the gate and the slots do not share a line with the
 * counter the children hammer.
 *
 * <p>Every field but the counter is written by one side only and read by the other with volatile reads:
 * a child writes its slot's figures and then, with a volatile write, its done flag; the parent reads the
 * figures only after it has read that flag set.
 */
final class ProcessMemory {

    static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private static final int LINE = 64;

    /** The shared counter. */
    static final int COUNTER = 0;
    /** How many children have arrived at the start gate; each adds one atomically. */
    static final int ARRIVED = LINE;
    /** Non-zero once the parent opened the gate. */
    static final int GATE = 2 * LINE;
    /** Non-zero once the children must stop (fixed time up, or the trial ends early). */
    static final int STOP = 3 * LINE;
    /**
     * In fixed-time mode, the {@link System#nanoTime()} at which the children stop by themselves, written before
     * the gate opens; zero for none (fixed work). The stop flag remains for ending a trial early.
     */
    static final int DEADLINE = 4 * LINE;
    /**
     * How many children have passed the gate and begun to increment; each adds one atomically. Until all have,
     * those that began yield their core after every batch (see {@link ProcessChild}).
     */
    static final int STARTED = 5 * LINE;
    /** How many children have written their figures; each adds one atomically, then waits for the others. */
    static final int FINISHED = 6 * LINE;
    private static final int SLOTS = 7 * LINE;

    // Offsets within a child's slot.
    static final int START = 0;
    static final int END = 8;
    static final int INCREMENTS = 16;
    static final int CAS_FAILURES = 24;
    static final int CPU_NANOS = 32;
    /** A counter of the child's own, which its warm-up increments before the gate: nobody else's. */
    static final int SCRATCH = 40;
    /** Non-zero once the figures above are written. */
    static final int DONE = 48;

    private ProcessMemory() {
    }

    /** The size of the file for {@code children} children. */
    static int bytes(int children) {
        return SLOTS + children * LINE;
    }

    /** How many children a file of {@code bytes} bytes is laid out for: the inverse of {@link #bytes(int)}. */
    static int children(long bytes) {
        return (int) ((bytes - SLOTS) / LINE);
    }

    /** Where child {@code index}'s slot begins. */
    static int slot(int index) {
        return SLOTS + index * LINE;
    }

    static long read(ByteBuffer memory, int offset) {
        return (long) LONGS.getVolatile(memory, offset);
    }

    static void write(ByteBuffer memory, int offset, long value) {
        LONGS.setVolatile(memory, offset, value);
    }
}
