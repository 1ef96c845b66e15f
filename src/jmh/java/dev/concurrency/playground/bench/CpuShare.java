package dev.concurrency.playground.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the machine's cores were shared while a measurement ran: how many this JVM and the children it
 * has waited for (JMH's forks, the engine's probes) kept busy, and how many everything else did
 * (steal time included: a neighbour of the virtual machine).
 *
 * <p>A 2-thread row only measures contention if its two threads ran on two cores at once. On a
 * shared 2-core machine with another build running, the scheduler may well put both on one core;
 * they then take turns, the counter's cache line never moves between cores, locks are handed over by
 * the time slice, and a {@code volatile} counter stops losing updates. Nothing in the figures of a
 * trial shows it (its overlap stays near 1, as both threads are alive throughout), but the cores we
 * used do: about 1 instead of 2.
 */
final class CpuShare {

    /** Linux reports both files in USER_HZ ticks, which is 100 on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100;

    /** One reading; {@code available} is false where /proc cannot be read (not Linux). */
    record Sample(long nanoTime, long machineBusyTicks, long ownTicks, boolean available) {
    }

    /**
     * Average cores in use between two samples, NaN when unknown.
     *
     * @param ours by this JVM and its waited-for children
     * @param others by every other process
     */
    record Usage(double ours, double others) {
        static final Usage UNKNOWN = new Usage(Double.NaN, Double.NaN);
    }

    private CpuShare() {
    }

    static Sample sample() {
        long now = System.nanoTime();
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...: everything but idle and iowait is busy.
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += field < cpu.length ? Long.parseLong(cpu[field]) : 0;
            }
            String self = Files.readString(Path.of("/proc/self/stat"));
            // The command name may contain spaces; the numeric fields start after its closing parenthesis.
            String[] fields = self.substring(self.lastIndexOf(')') + 2).trim().split("\\s+");
            // utime, stime, cutime, cstime are fields 14 to 17 of the file, 12 to 15 after the name.
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12])
                    + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            return new Sample(now, busy, own, true);
        } catch (IOException | RuntimeException e) {
            return new Sample(now, 0, 0, false);
        }
    }

    static Usage between(Sample before, Sample after) {
        if (!before.available() || !after.available() || after.nanoTime() <= before.nanoTime()) {
            return Usage.UNKNOWN;
        }
        double seconds = (after.nanoTime() - before.nanoTime()) / 1e9;
        double ours = (after.ownTicks() - before.ownTicks()) / TICKS_PER_SECOND / seconds;
        double all = (after.machineBusyTicks() - before.machineBusyTicks()) / TICKS_PER_SECOND / seconds;
        return new Usage(ours, Math.max(0, all - ours));
    }
}
