package dev.concurrency.playground.engine;

import dev.concurrency.playground.strategy.ProcessCounter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The main class of a child JVM in a process trial ({@link ProcessTrials}): one worker that increments the
 * shared counter with one strategy's {@link ProcessCounter} loop.
 *
 * <p>It uses the JDK and this application's own classes only, because the parent starts it with the one
 * class path entry that holds them (the application's jar, or its classes directory), not the service's
 * libraries.
 *
 * <p>In order: it maps the file, warms the loop up on a counter of its own for {@link #WARMUP_MILLIS} of CPU
 * time (not timed, and no other process sees it), arrives at the start gate, waits for the parent to open it,
 * increments until its work is done, the trial's deadline has passed (fixed time: each child reads the one
 * clock itself, so that a parent waiting for a core does not stretch the trial) or the stop flag is raised,
 * and writes its start, end, increments,
 * failed compare-and-set attempts and CPU time into its slot, then its done flag, and waits for the other
 * children to finish before it exits. It never outlives its
 * parent: a daemon thread reads its standard input, which the parent holds open, and halts the JVM when
 * it ends, which it does when the parent closes it or dies.
 */
public final class ProcessChild {

    /**
     * How much CPU time each child spends running its loop on its own counter before it arrives at the gate.
     * CPU time rather than time passed: children start side by side on few cores, and a child that waited
     * for a core would otherwise arrive with its loop still interpreted.
     */
    public static final long WARMUP_MILLIS = 100;

    /** The exit status of a child that halted because its parent went away. */
    static final int ORPHANED = 3;

    /** Waiters spin this long after arriving, then poll with naps, leaving the cores to children still starting. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
    private static final long NAP_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** Finished children poll for the others rarely: nothing is timed any more, and the cores are the others'. */
    private static final long FINISHED_NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private ProcessChild() {
    }

    /**
     * @param args the shared file, this child's index, the {@link ProcessCounter} class, and the increments to
     *     make ({@link Long#MAX_VALUE} to run until the stop flag)
     */
    public static void main(String[] args) throws Exception {
        watchParent();
        Path file = Path.of(args[0]);
        int index = Integer.parseInt(args[1]);
        Class<? extends ProcessCounter> loop = Class.forName(args[2]).asSubclass(ProcessCounter.class);
        long limit = Long.parseLong(args[3]);
        int slot = ProcessMemory.slot(index);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer memory = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
            int children = ProcessMemory.children(channel.size());
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            warmUp(counter(loop, memory, slot + ProcessMemory.SCRATCH, file), cpu);
            ProcessCounter counter = counter(loop, memory, ProcessMemory.COUNTER, file);
            ProcessMemory.LONGS.getAndAdd(memory, ProcessMemory.ARRIVED, 1L);
            awaitGate(memory);
            long cpuStart = cpu.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            ProcessMemory.LONGS.getAndAdd(memory, ProcessMemory.STARTED, 1L);
            long deadline = ProcessMemory.read(memory, ProcessMemory.DEADLINE);
            long done = 0;
            long failures = 0;
            int batch = counter.batchSize();
            boolean othersToStart = true;
            while (ProcessMemory.read(memory, ProcessMemory.STOP) == 0) {
                long left = limit - done;
                if (left <= 0 || deadline != 0 && System.nanoTime() - deadline >= 0) {
                    break;
                }
                int n = left < batch ? (int) left : batch;
                failures += counter.incrementTimesCountingCasFailures(n);
                done += n;
                if (othersToStart) {
                    othersToStart = ProcessMemory.read(memory, ProcessMemory.STARTED) < children;
                    if (othersToStart) {
                        // More children than cores: the gate woke every child, but one without a core waits for
                        // a running one's time slice to run out, a scheduler tick (4 ms here) per child ahead of
                        // it, and 8 children on 2 cores began up to 34 ms apart. Giving the core up after each
                        // batch until all have begun lets them all begin within a few batches.
                        Thread.yield();
                    }
                }
            }
            counter.processFinished();
            long end = System.nanoTime();
            long cpuEnd = cpu.getCurrentThreadCpuTime();
            ProcessMemory.write(memory, slot + ProcessMemory.START, start);
            ProcessMemory.write(memory, slot + ProcessMemory.END, end);
            ProcessMemory.write(memory, slot + ProcessMemory.INCREMENTS, done);
            ProcessMemory.write(memory, slot + ProcessMemory.CAS_FAILURES, failures);
            ProcessMemory.write(memory, slot + ProcessMemory.CPU_NANOS, cpuStart < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpuStart);
            ProcessMemory.write(memory, slot + ProcessMemory.DONE, 1);
            ProcessMemory.LONGS.getAndAdd(memory, ProcessMemory.FINISHED, 1L);
            awaitOthers(memory, children);
        }
        System.exit(0);
    }

    /** A counter at {@code offset}, given the file too if its class takes it (see {@link ProcessCounter}). */
    private static ProcessCounter counter(Class<? extends ProcessCounter> loop, ByteBuffer memory, int offset, Path file)
            throws ReflectiveOperationException {
        try {
            return loop.getConstructor(ByteBuffer.class, int.class, Path.class).newInstance(memory, offset, file);
        } catch (NoSuchMethodException e) {
            return loop.getConstructor(ByteBuffer.class, int.class).newInstance(memory, offset);
        }
    }

    /**
     * Runs the loop, untimed, on this child's own counter, so that the JIT has compiled it before the gate:
     * the child is a fresh JVM, and without this its trial would time the interpreter. The parent starts the
     * child with {@code -Xbatch}, so a compilation the warm-up triggers is finished before the loop goes on,
     * rather than in the background during the trial.
     */
    private static void warmUp(ProcessCounter counter, ThreadMXBean cpu) {
        long budget = TimeUnit.MILLISECONDS.toNanos(WARMUP_MILLIS);
        long cpuStart = cpu.getCurrentThreadCpuTime();
        long wallUntil = System.nanoTime() + 10 * budget; // where CPU time cannot be read, or never comes
        int batch = counter.batchSize();
        while (System.nanoTime() - wallUntil < 0 && (cpuStart < 0 || cpu.getCurrentThreadCpuTime() - cpuStart < budget)) {
            for (int i = 0; i < 64; i++) {
                counter.incrementTimesCountingCasFailures(batch);
            }
        }
        counter.processFinished();
    }

    private static void awaitGate(ByteBuffer memory) {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (ProcessMemory.read(memory, ProcessMemory.GATE) == 0) {
            if (System.nanoTime() - spinUntil < 0) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(NAP_NANOS);
            }
        }
    }

    /**
     * Sleeps until every child has written its figures (or the parent raised the stop flag) before this JVM
     * exits: shutting a JVM down takes a core for milliseconds, which children still incrementing past the
     * deadline, waiting for a core, would otherwise lose. A child that never finishes is ended by the parent,
     * whose closing of the standard input halts this one too.
     */
    private static void awaitOthers(ByteBuffer memory, int children) {
        while (ProcessMemory.read(memory, ProcessMemory.FINISHED) < children
                && ProcessMemory.read(memory, ProcessMemory.STOP) == 0) {
            LockSupport.parkNanos(FINISHED_NAP_NANOS);
        }
    }

    /** Halts this JVM as soon as its standard input ends: the parent closed it, or died. */
    private static void watchParent() {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent writes nothing; anything it did write is ignored
                }
            } catch (IOException e) {
                // a broken pipe means the same as the end of the input
            }
            Runtime.getRuntime().halt(ORPHANED);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
