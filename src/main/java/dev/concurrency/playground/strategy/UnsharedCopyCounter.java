package dev.concurrency.playground.strategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * A {@code long} field in each child process's own heap, incremented there and never written to the
 * shared memory: what a global variable becomes when a program forks workers. It runs only in child
 * processes.
 *
 * <p><b>Guarantee:</b> none that matters: every increment is kept, in a copy nobody else ever reads. The
 * shared count stays at zero and the run loses every update, 100% of them, in every trial and at any number
 * of processes, one included. No two increments collide; none of them reaches the count at all. The final
 * count can only be lower than the number of increments, never higher.
 *
 * <p><b>How it works here:</b> this is the classic surprise of multiprocessing. A program keeps a counter
 * in a global variable and hands the work to a pool of processes (Python's {@code multiprocessing}, a
 * forking server, {@code fork()} itself); each child starts with a copy of the parent's memory, copied on
 * write, so each increments its own copy, and when the children exit their counts go with them. The parent
 * sees its own variable, untouched. Here each child JVM has a heap of its own, as a forked child does, and
 * increments a field of it with one load and one store each time (opaque, as {@code unsynchronized} does,
 * so the JIT cannot fold the loop away). Threads share one heap and so never meet this: it takes separate
 * address spaces. The cure is to share on purpose (a memory-mapped file and atomic adds, as {@code atomic}
 * does here; a {@code multiprocessing.Value}), or to send each child's result back to the parent and add
 * them up there, as {@code thread-local} does at the end of a child.
 *
 * <p><b>Cost under contention:</b> there is none: nothing is shared, so each increment is as cheap as an
 * increment can be, and every process runs at full speed. A wrong answer costs nothing to compute.
 */
public final class UnsharedCopyCounter extends ProcessCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("unshared-copy")
            .name("Unshared copy (a global after fork)")
            .family(Family.NONE)
            .javaApi("long field in each process's own heap")
            .summary("Each process increments its own copy of the counter, as a global variable after fork(); the shared count never changes. Processes only.")
            .descriptionFromJavadocOfProcessCounter(UnsharedCopyCounter.class)
            .onlyInProcesses(Safety.RACY, UnsharedCopyCounter.class)
            .build();

    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(UnsharedCopyCounter.class, "count", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** This process's copy: never written to the shared memory. */
    @SuppressWarnings("unused") // accessed through COUNT
    private long count;

    /** The shared memory is taken and never touched: that is the point. */
    public UnsharedCopyCounter(ByteBuffer memory, int offset) {
        super(memory, offset);
    }

    @Override
    public long incrementTimesCountingCasFailures(int n) {
        for (int i = 0; i < n; i++) {
            long seen = (long) COUNT.getOpaque(this);
            COUNT.setOpaque(this, seen + 1);
        }
        return 0;
    }
}
