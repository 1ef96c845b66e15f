package dev.concurrency.playground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The start gate on its own: nobody passes before the last party arrives; a waiter that still spins
 * leaves the moment the gate opens; one that gave up spinning parks, inside the gate, until it is
 * woken; and thousands of virtual threads, far more than there are carriers, all get through.
 *
 * <p>Where a test must know that a thread is waiting inside the gate, it checks that the thread is
 * parked with the gate as its blocker ({@link LockSupport#getBlocker}), which is true only there,
 * rather than sleeping and hoping. Waits that only a bug could make long are bounded by {@link #LIMIT},
 * and each test runs on a thread of its own that is abandoned if it hangs: a broken gate may hold the
 * test's own thread, when it arrives as a party, for ever.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StartGateTest {

    private static final Duration LIMIT = Await.LIMIT;

    /** Every gate a test made, forced open afterwards so that a failed test leaves no thread waiting. */
    private final List<StartGate> gates = new ArrayList<>();

    @AfterEach
    void releaseEveryone() {
        gates.forEach(StartGate::forceOpen);
    }

    @Test
    void nobodyPassesBeforeTheLastPartyArrivesWhoOpensTheGateForAll() throws Exception {
        StartGate gate = gate(3, 0); // no spinning: a waiter parks at once, which the test can see
        AtomicInteger passed = new AtomicInteger();
        Thread first = waiter(gate, passed);
        Thread second = waiter(gate, passed);
        Await.until(() -> parkedIn(gate, first) && parkedIn(gate, second),
                () -> "both waiters should be parked inside the gate; states " + first.getState() + ", " + second.getState());

        assertEquals(0, passed.get(), "two of three parties arrived, so nobody may pass");
        assertFalse(gate.awaitOpen(0, TimeUnit.NANOSECONDS), "the gate must still be closed");

        long before = System.nanoTime();
        gate.arriveAndAwait(); // the third party, this thread: it opens the gate and passes at once
        long after = System.nanoTime();

        assertTrue(gate.awaitOpen(0, TimeUnit.NANOSECONDS), "the last arrival opens the gate");
        assertInRange(before, gate.openedAtNanos(), after, "the gate opens while the last party arrives");
        // Parked waiters need a wake-up; the null slot stands for a worker that could not be started.
        gate.wakeParked(new Thread[] {first, null, second});
        assertEnds(first);
        assertEnds(second);
        assertEquals(2, passed.get());
    }

    @Test
    void forceOpenLetsTheWaitersGoWithoutTheMissingParties() throws Exception {
        StartGate gate = gate(3, 0);
        AtomicInteger passed = new AtomicInteger();
        Thread waiter = waiter(gate, passed);
        Await.until(() -> parkedIn(gate, waiter), () -> "the waiter should be parked inside the gate; state " + waiter.getState());

        long before = System.nanoTime();
        gate.forceOpen();
        long after = System.nanoTime();

        assertTrue(gate.awaitOpen(0, TimeUnit.NANOSECONDS));
        assertInRange(before, gate.openedAtNanos(), after, "forceOpen opens the gate");
        gate.wakeParked(new Thread[] {waiter});
        assertEnds(waiter);
        assertEquals(1, passed.get());
    }

    /**
     * A waiter within its spin time never parks, so it needs no wake-up: it notices the gate opening by
     * itself. A gate that parked such a waiter (a wrong spin deadline, an inverted comparison) would
     * keep it for ever here, since nobody calls {@link StartGate#wakeParked}.
     */
    @Test
    void aWaiterWithinItsSpinTimeLeavesAsSoonAsTheGateOpensUnwoken() throws Exception {
        StartGate gate = gate(2, TimeUnit.MINUTES.toNanos(10));
        AtomicInteger passed = new AtomicInteger();
        Thread waiter = waiter(gate, passed);
        Await.until(() -> inside(waiter), () -> "the waiter should be inside the gate; state " + waiter.getState());
        // Give a gate that wrongly parks its spinners time to do so; nothing here depends on the length.
        Thread.sleep(50);
        assertEquals(Thread.State.RUNNABLE, waiter.getState(), "a waiter within its spin time spins rather than parks");

        gate.forceOpen();

        assertEnds(waiter);
        assertEquals(1, passed.get());
    }

    @Test
    void theOpeningMomentIsRecordedOnceAndALaterForceOpenKeepsIt() throws Exception {
        StartGate gate = gate(1, 0);
        long before = System.nanoTime();
        gate.arriveAndAwait(); // the only party: opens the gate and passes
        long after = System.nanoTime();
        long opened = gate.openedAtNanos();
        assertInRange(before, opened, after, "the only party opens the gate");

        while (System.nanoTime() == after) {
            Thread.onSpinWait(); // make sure the clock has moved, so a second opening would show
        }
        gate.forceOpen();

        assertEquals(opened, gate.openedAtNanos(), "opening an open gate again must not move its opening time");
        assertTrue(gate.awaitOpen(0, TimeUnit.NANOSECONDS));
    }

    /**
     * Far more virtual threads than carriers, each spinning only as briefly as the engine lets
     * oversubscribed workers spin. A gate that only spun would stall: the first waiters would keep
     * every carrier, and the rest could never run to arrive.
     */
    @Test
    void thousandsOfVirtualThreadsAllArriveAndPass() throws Exception {
        int parties = 5_000;
        StartGate gate = gate(parties, TrialEngine.SHARED_SPIN_NANOS);
        AtomicInteger passed = new AtomicInteger();
        Thread[] waiters = new Thread[parties];
        for (int i = 0; i < parties; i++) {
            waiters[i] = Thread.ofVirtual().start(() -> {
                gate.arriveAndAwait();
                passed.incrementAndGet();
            });
        }

        assertTrue(gate.awaitOpen(LIMIT.toMillis(), TimeUnit.MILLISECONDS),
                () -> "the gate never opened: " + countParked(gate, waiters) + " of " + parties + " threads parked in it, "
                        + passed.get() + " passed");
        gate.wakeParked(waiters);
        for (Thread waiter : waiters) {
            assertTrue(waiter.join(LIMIT), () -> "a waiter never left the open gate; " + passed.get() + " of " + parties + " did");
        }
        assertEquals(parties, passed.get());
    }

    private StartGate gate(int parties, long spinNanos) {
        StartGate gate = new StartGate(parties, spinNanos);
        gates.add(gate);
        return gate;
    }

    private static Thread waiter(StartGate gate, AtomicInteger passed) {
        return Thread.ofPlatform().daemon(true).name("gate-waiter").start(() -> {
            gate.arriveAndAwait();
            passed.incrementAndGet();
        });
    }

    /** Parked by the gate itself: the one place where {@code park(this)} names the gate as blocker. */
    private static boolean parkedIn(StartGate gate, Thread thread) {
        return thread.getState() == Thread.State.WAITING && LockSupport.getBlocker(thread) == gate;
    }

    /** Somewhere inside {@link StartGate#arriveAndAwait}, by its stack. */
    private static boolean inside(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(StartGate.class.getName()) && frame.getMethodName().equals("arriveAndAwait")) {
                return true;
            }
        }
        return false;
    }

    private static long countParked(StartGate gate, Thread[] threads) {
        long parked = 0;
        for (Thread thread : threads) {
            if (parkedIn(gate, thread)) {
                parked++;
            }
        }
        return parked;
    }


    private static void assertEnds(Thread thread) throws InterruptedException {
        assertTrue(thread.join(LIMIT), () -> thread.getName() + " is still in the gate after " + LIMIT.toSeconds()
                + " s, state " + thread.getState());
    }

    private static void assertInRange(long low, long value, long high, String message) {
        assertTrue(low <= value && value <= high, message + ": " + value + " is not within [" + low + ", " + high + "]");
    }
}
