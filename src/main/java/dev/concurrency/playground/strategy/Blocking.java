package dev.concurrency.playground.strategy;

/**
 * How a {@link BlockingCounter} blocks: {@link Thread#sleep(long, int)}, the blocking call a program makes
 * while it holds a lock (a sleep, a wait for a reply), and what a virtual thread unmounts for unless it is
 * pinned.
 *
 * <p>A sleep rather than {@link java.util.concurrent.locks.LockSupport#parkNanos(long)}: a sleep never returns
 * early, so every block lasts at least what was asked, where a park may return spuriously and would need a loop
 * to the deadline; on a virtual thread both park the same way, so they pin in the same places.
 */
public final class Blocking {

    private Blocking() {
    }

    /**
     * Sleeps for {@code nanos} (nothing when 0). An interrupt, which is how the engine ends a trial whose
     * workers are blocked, ends the sleep at once and stays set, so that the thread's remaining blocks are skipped
     * too: the increment still happens, only without the rest of its block.
     */
    public static void sleep(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
