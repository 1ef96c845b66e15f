package dev.concurrency.playground.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds a trial's workers until all of them exist and are ready, then lets them go at once.
 *
 * <p>Starting threads one after another gives the first ones a head start of the whole start-up
 * time of the rest; with a short workload they may finish before the last one begins, and a race
 * that needs two threads in the increment at the same moment cannot happen. So every worker first
 * announces itself here, and the last one to arrive opens the gate for everybody.
 *
 * <p>Waiting workers spin, so that the moment the gate opens they are already on a core. But spinning
 * alone is a trap: a thread that spins keeps its core (for a virtual thread, its carrier), and with
 * more threads than cores the workers that have not arrived yet may never get to run and arrive. So a
 * waiter spins for a bounded time and then parks; the owner of the trial unparks everyone once the
 * gate is open. Workers that still spin leave immediately; parked ones follow within a wake-up
 * latency, and the trial's overlap figure shows how much that cost.
 */
final class StartGate {

    private final int parties;
    private final long spinNanos;
    private final AtomicInteger arrived = new AtomicInteger();
    private final CountDownLatch opened = new CountDownLatch(1);
    private volatile boolean open;
    private volatile long openedAtNanos;

    /**
     * @param parties how many workers must arrive before the gate opens
     * @param spinNanos how long a waiter spins before it parks
     */
    StartGate(int parties, long spinNanos) {
        this.parties = parties;
        this.spinNanos = spinNanos;
    }

    /** Called by each worker; returns when the gate is open. */
    void arriveAndAwait() {
        if (arrived.incrementAndGet() == parties) {
            open();
            return;
        }
        long spinUntil = System.nanoTime() + spinNanos;
        while (!open) {
            if (System.nanoTime() - spinUntil < 0) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    /** Opens the gate without waiting for the missing workers, so that those waiting can leave. */
    void forceOpen() {
        open();
    }

    private void open() {
        if (!open) {
            openedAtNanos = System.nanoTime();
            open = true;
            opened.countDown();
        }
    }

    /** Waits up to the given time for the gate to open. */
    boolean awaitOpen(long timeout, TimeUnit unit) throws InterruptedException {
        return opened.await(timeout, unit);
    }

    /** Wakes any worker that gave up spinning; call once the gate is open. */
    void wakeParked(Thread[] workers) {
        for (Thread worker : workers) {
            if (worker != null) {
                LockSupport.unpark(worker);
            }
        }
    }

    /** {@link System#nanoTime()} at the moment the gate opened. */
    long openedAtNanos() {
        return openedAtNanos;
    }
}
