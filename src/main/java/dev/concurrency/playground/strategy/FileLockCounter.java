package dev.concurrency.playground.strategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@code long} in a memory-mapped file that several processes share, read and written while holding an
 * operating-system lock on its 8 bytes of the file: {@link FileChannel#lock(long, long, boolean)}. It runs
 * only in child processes.
 *
 * <p><b>Guarantee:</b> the kernel grants an exclusive lock on a range of a file to one process at a time,
 * whichever JVM or program asks, so the read and the write of each increment happen with no other process
 * between them and none is lost. It is the lock that the in-JVM locks are not across processes: one that
 * every process shares, because the kernel keeps it, not a heap. The kernel also drops a process's locks
 * when the process ends, however it ends, so a child that dies holding it does not leave the others waiting
 * forever, as a lock word in the shared memory would. Like any advisory lock it binds only the processes
 * that ask for it; one that writes the count without locking is not stopped.
 *
 * <p><b>How it works here:</b> each increment asks for an exclusive lock on the counter's bytes of the
 * mapped file, reads the count, writes it plus one, and releases the lock. On Linux that is an
 * {@code fcntl(F_SETLKW)} record lock: a system call to take it and another to give it back, each looking
 * up the file's list of locks in the kernel under a spin lock. A process that finds the range locked
 * sleeps in the kernel until the holder releases it, and is then woken to try again; nothing queues the
 * waiters in order, so the process that has just released the lock, still on its core, often takes it
 * again first. The lock is per process, not per thread: a JVM holds it for all its threads at once, and
 * Java refuses a second overlapping lock from the same JVM ({@code OverlappingFileLockException}), which
 * is why this strategy does not run on threads, where it could not keep two threads apart.
 *
 * <p><b>Cost under contention:</b> slow. Even uncontended, two system calls per increment cost a
 * microsecond or so, a hundred times an atomic add on the same shared memory; contended, a waiter sleeps
 * and is woken through the scheduler, microseconds more per hand-over, and the unordered wake-ups let one
 * process run many increments in a row while the others wait. File locks are for making processes take
 * turns at something slow (a file, a device, a job that must run once), not for counting.
 */
public final class FileLockCounter extends ProcessCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("file-lock")
            .name("File lock")
            .family(Family.LOCK)
            .javaApi("java.nio.channels.FileChannel.lock(position, size, false)")
            .summary("An exclusive operating-system lock on the counter's bytes of the shared file around each increment; processes only.")
            .descriptionFromJavadocOfProcessCounter(FileLockCounter.class)
            .onlyInProcesses(Safety.THREAD_SAFE, FileLockCounter.class)
            .build();

    /** This process's own channel to the shared file; the kernel's lock on it is what the processes share. */
    private final FileChannel channel;

    public FileLockCounter(ByteBuffer memory, int offset, Path file) {
        super(memory, offset);
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the shared file " + file + " to lock it", e);
        }
    }

    @Override
    public long incrementTimesCountingCasFailures(int n) {
        try {
            for (int i = 0; i < n; i++) {
                try (FileLock ignored = channel.lock(offset, Long.BYTES, false)) {
                    // Volatile: the write must be in memory, not in this core's store buffer, before the unlock.
                    long seen = (long) LONGS.getVolatile(memory, offset);
                    LONGS.setVolatile(memory, offset, seen + 1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock the shared file", e);
        }
        return 0;
    }

    @Override
    public void processFinished() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each increment may sleep in the kernel, so the stop flag is checked as often as a lock's. */
    @Override
    public int batchSize() {
        return SharedCounter.BLOCKING_BATCH;
    }
}
