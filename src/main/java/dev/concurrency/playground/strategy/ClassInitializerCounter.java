package dev.concurrency.playground.strategy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;

/**
 * The {@code synchronized} counter, except that each block happens inside a class initializer
 * ({@code static { ... }}), as it does when a class's first use loads its configuration or opens a
 * connection in a static initializer: the one place where, since JDK 24, a virtual thread that blocks still
 * pins its carrier.
 *
 * <p><b>Guarantee:</b> the same as {@code synchronized}: the increment is inside a monitor on a private lock,
 * so none is lost.
 *
 * <p><b>How it works here:</b> without blocking, it is the {@code synchronized} loop. Each block (with the lock
 * held, {@code blockInside}, or after the increment with nothing held, {@code blockOutside}) is a
 * {@code Thread.sleep} run as the static initializer of a class defined for that block alone (a hidden class,
 * {@code MethodHandles.Lookup.defineHiddenClassWithClassData}, initialised as it is defined). The JVM runs a
 * class initializer through a call into the VM, and a virtual thread cannot unmount with a VM frame on its
 * stack: for the whole sleep it stays mounted, and its carrier, one of as many platform threads as there are
 * cores, runs nothing else. JEP 491 (JDK 24) taught {@code synchronized} to unmount; class initializers and
 * native frames it left pinning, on every JDK so far. JFR records each such sleep as a
 * {@code jdk.VirtualThreadPinned} event, with the reason "VM call to ... &lt;clinit&gt; on stack", and the
 * playground reports them per run.
 *
 * <p><b>Cost under contention:</b> on platform threads, what the blocks cost, plus defining a class per block
 * (about 16 µs; 13 to 29 % fewer increments than {@code synchronized} with 100 µs blocks inside, on the shared
 * 2-core machine). On virtual threads, a pinned carrier is a core's worth of threads lost for the block. Blocks
 * inside the lock are one at a time anyway: they pin one carrier while the waiters, unmounted, cost nothing.
 * Blocks outside the lock, which {@code synchronized} lets every virtual thread sleep at once, here hold every
 * carrier: measured with 1 ms blocks, 64 virtual threads did 1,600 increments a second against 53,000 under
 * {@code synchronized}, the same as 8 threads did (two carriers divided by the block), and 62 of the 64 never
 * ran at all.
 */
public final class ClassInitializerCounter extends SharedCounter implements WorkingCounter, BlockingCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("class-initializer")
            .name("Blocking in a class initializer")
            .family(Family.LOCK)
            .safety(Safety.THREAD_SAFE)
            .javaApi("synchronized (lock) { ... }, each block in a static { ... } initializer")
            .summary("synchronized, but every block runs in a class initializer, which pins a virtual thread.")
            .descriptionFromJavadocOf(ClassInitializerCounter.class)
            .counters(ClassInitializerCounter::new)
            .build();

    /** The template's class file, read once: the bytes of every class this counter defines. */
    private static final byte[] TEMPLATE = template();

    private static byte[] template() {
        try (InputStream in = ClassInitializerBlock.class.getResourceAsStream("ClassInitializerBlock.class")) {
            if (in == null) {
                throw new IllegalStateException("ClassInitializerBlock.class is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final MethodHandles.Lookup lookup = MethodHandles.lookup();

    /** Where the work's result would go: keeps the JIT from removing the work. */
    private final Work.Sink sink = new Work.Sink();

    private final Object lock = new Object();

    private long count;

    // The same loop as the other lock counters, on purpose: see the implementation note in SharedCounter.
    @Override
    public long incrementTimesCountingCasFailures(int n) {
        for (int i = 0; i < n; i++) {
            synchronized (lock) {
                count++;
            }
        }
        return 0;
    }

    /** The {@code synchronized} loop with work: no block, so no class initializer. */
    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long state = n;
        for (int i = 0; i < n; i++) {
            synchronized (lock) {
                count++;
                state = Work.consume(state, inside);
            }
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return 0;
    }

    /** Each block a sleep in the static initializer of a class of its own, the inside one with the lock held. */
    @Override
    public long incrementTimesBlocking(int n, int inside, int outside, long blockInsideNanos, long blockOutsideNanos) {
        long state = n;
        for (int i = 0; i < n; i++) {
            synchronized (lock) {
                count++;
                state = Work.consume(state, inside);
                sleepInClassInitializer(blockInsideNanos);
            }
            state = Work.consume(state, outside);
            sleepInClassInitializer(blockOutsideNanos);
        }
        Work.keep(state, sink);
        return 0;
    }

    /** Defines and initialises a class whose static initializer sleeps for {@code nanos}; nothing when 0. */
    private void sleepInClassInitializer(long nanos) {
        if (nanos <= 0) {
            return;
        }
        Runnable sleep = () -> Blocking.sleep(nanos);
        try {
            lookup.defineHiddenClassWithClassData(TEMPLATE, sleep, true);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("the template is in this class's package", e);
        }
    }

    @Override
    public long total() {
        return count; // the engine joins every worker first, which is the happens-before edge needed
    }

    @Override
    public int batchSize() {
        return BLOCKING_BATCH;
    }
}
