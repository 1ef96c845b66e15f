package dev.concurrency.playground.strategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One strategy's increment as a child process runs it, on a {@code long} in memory that several processes
 * have mapped from one file: the cross-process counterpart of {@link SharedCounter}.
 *
 * <p>Each strategy that runs in processes has one small subclass, nested in its own class beside the
 * thread version and documented by the same lesson. It owns its hot loop for the same reason
 * ({@link #incrementTimesCountingCasFailures(int)}, one call per batch), and it may use only the JDK:
 * a child JVM runs it from the service's own class path entry, without the service's libraries.
 *
 * <p>The child makes one with the constructor {@code (ByteBuffer memory, int offset)}: the mapped memory
 * and where the counter's 8 bytes are in it (8-byte aligned); or, if it has one, with the constructor
 * {@code (ByteBuffer memory, int offset, Path file)}, which also gets the shared file itself, for a
 * subclass that asks the operating system to lock part of it. Whatever else a subclass needs, such as a
 * lock object, exists in the child alone: no other process can see it.
 *
 * <p>Lifecycle, in one child: any number of batches on its one worker thread, then exactly one
 * {@link #processFinished()}. The parent reads the counter once every child has reported itself done.
 */
public abstract class ProcessCounter {

    /**
     * Reads and writes a {@code long} of a direct buffer, such as a mapped file, in any memory mode; on an
     * aligned index its atomic operations ({@code getAndAdd}, {@code compareAndSet}) are the processor's
     * own, and so are atomic for every process that maps the same page.
     */
    protected static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** The mapped memory the counter is in. */
    protected final ByteBuffer memory;

    /** Where the counter is in {@link #memory}. */
    protected final int offset;

    protected ProcessCounter(ByteBuffer memory, int offset) {
        if (offset % Long.BYTES != 0) {
            throw new IllegalArgumentException("a counter's offset must be 8-byte aligned, not " + offset);
        }
        this.memory = memory;
        this.offset = offset;
    }

    /**
     * Performs {@code n} increments, and counts the compare-and-set attempts that failed meanwhile.
     *
     * @return failed compare-and-set attempts, zero for strategies that do not retry
     */
    public abstract long incrementTimesCountingCasFailures(int n);

    /** Called once, on the worker thread, after its last batch. */
    public void processFinished() {
    }

    /** How many increments between two checks of the stop flag. */
    public int batchSize() {
        return SharedCounter.CHEAP_BATCH;
    }
}
