package dev.concurrency.playground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ways a trial ends early: a worker that throws, a thread the JVM will not start, a cancellation
 * during fixed work, an interrupted coordinator. None can be provoked on demand with a real strategy
 * and real threads, so the tests use a {@link TestCounter} and the engine's thread-factory seam.
 *
 * <p>Every trial here asks for more work than could ever be done ({@link #ENDLESS} increments per
 * worker, or a minute of fixed time) and does nothing per increment, so it ends only by the path under
 * test. A broken path therefore shows as a trial that does not end: each run is bounded by
 * {@link #LIMIT}, far beyond what the working path needs (milliseconds), and a test that hits it says
 * so instead of hanging. Afterwards every counter is aborted, so no worker a failed test left behind
 * keeps running.
 */
class TrialEngineFailuresTest {

    private static final long ENDLESS = Long.MAX_VALUE;
    private static final Workload A_MINUTE = new Workload.FixedTime(60_000);
    private static final Duration LIMIT = Await.LIMIT;
    private static final LongSupplier REAL_CPU_CLOCK = ManagementFactory.getThreadMXBean()::getCurrentThreadCpuTime;

    private final CancellationToken token = new CancellationToken();
    private final List<TestCounter> counters = new ArrayList<>();
    private final List<Thread> coordinators = new ArrayList<>();

    @AfterEach
    void stopWhateverIsLeft() throws InterruptedException {
        counters.forEach(TestCounter::abort);
        token.cancel();
        for (Thread coordinator : coordinators) {
            coordinator.interrupt();
            coordinator.join(LIMIT);
        }
    }

    static Stream<Workload> endlessWorkloads() {
        return Stream.of(new Workload.FixedWork(ENDLESS), A_MINUTE);
    }

    /**
     * The first batch of one worker throws; the others would go on for ever unless the failure stops
     * them. The trial must fail with that exception as its cause, and only once every worker is gone.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("endlessWorkloads")
    void aWorkerThatThrowsFailsTheTrialWithItsCauseAndStopsTheOthers(Workload workload) {
        IllegalStateException broken = new IllegalStateException("broken counter");
        TestCounter counter = counter(new TestCounter(1024, (batch, n) -> {
            if (batch == 1) {
                throw broken;
            }
            return 0;
        }));
        RecordingThreads threads = RecordingThreads.all();
        TrialPlan plan = new TrialPlan(counter.strategy(false), ThreadType.PLATFORM, 3, workload);

        TrialFailedException failed = assertInstanceOf(TrialFailedException.class, thrownBy(engine(threads), plan));

        assertSame(broken, failed.getCause());
        assertTrue(failed.getMessage().contains(plan.strategy().id()), failed.getMessage());
        assertEquals(3, threads.made().size());
        assertEquals(List.of(), threads.alive(), "no worker may outlive a failed trial");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(RecordingThreads.Refusal.values())
                .flatMap(refusal -> Stream.of(0, 2).map(started -> Arguments.of(refusal, started)));
    }

    /**
     * The JVM cannot start a thread ("unable to create native thread"), either the first or after two
     * others already wait at the gate or work. The trial fails with that error as its cause, and the
     * workers already started are stopped and joined: fixed work without end would keep them for ever.
     */
    @ParameterizedTest(name = "{0} after {1} started")
    @MethodSource("refusals")
    void aThreadThatCannotBeStartedFailsTheTrialAndLeavesNoWorkerBehind(RecordingThreads.Refusal refusal, int started) {
        TestCounter counter = counter(TestCounter.counting());
        RecordingThreads threads = RecordingThreads.refusingAfter(started, refusal);
        TrialPlan plan = new TrialPlan(counter.strategy(false), ThreadType.PLATFORM, 4, new Workload.FixedWork(ENDLESS));

        TrialFailedException failed = assertInstanceOf(TrialFailedException.class, thrownBy(engine(threads), plan));

        assertSame(threads.refused, failed.getCause());
        assertEquals(List.of(), threads.alive(), "the workers that did start must have ended");
    }

    /**
     * Cancelling must stop fixed work too, not only fixed time. The counter raises the token itself,
     * in its first batch: with one worker, that worker opened the gate before its first batch, so the
     * coordinator is past the gate and waiting for the workers, the check under test.
     */
    @Test
    void cancellingAFixedWorkTrialStopsItsWorkers() {
        TestCounter counter = counter(new TestCounter(1024, (batch, n) -> {
            if (batch == 1) {
                token.cancel();
            }
            return 0;
        }));
        RecordingThreads threads = RecordingThreads.all();
        TrialPlan plan = new TrialPlan(counter.strategy(false), ThreadType.PLATFORM, 1, new Workload.FixedWork(ENDLESS));

        assertInstanceOf(TrialCancelledException.class, thrownBy(engine(threads), plan));

        assertEquals(List.of(), threads.alive(), "the worker must have ended when run() returns");
    }

    /**
     * Interrupting the thread that called {@code run()} during a fixed-time trial ends the trial with
     * {@link InterruptedException}, but only after every worker was stopped and has ended. Each worker
     * lingers in {@code threadFinished()} for a while after it stops, so a coordinator that raised the
     * stop flag without joining would return while they are still alive.
     */
    @Test
    void anInterruptedCoordinatorStopsAndJoinsEveryWorkerBeforeItThrows() throws Exception {
        int workers = 2;
        CountDownLatch working = new CountDownLatch(workers);
        TestCounter counter = counter(new LingeringCounter(working));
        RecordingThreads threads = RecordingThreads.all();
        TrialPlan plan = new TrialPlan(counter.strategy(false), ThreadType.PLATFORM, workers, A_MINUTE);

        Coordinator coordinator = coordinate(engine(threads), plan, threads);
        assertTrue(working.await(LIMIT.toSeconds(), TimeUnit.SECONDS), "the workers never started incrementing");
        coordinator.thread().interrupt();

        Ended ended = coordinator.ended();
        assertInstanceOf(InterruptedException.class, ended.thrown(), "run() must end with the interrupt");
        assertEquals(List.of(), ended.aliveWorkers(), "workers still alive when run() threw");
    }

    /**
     * The coordinator is interrupted while it waits for the gate to open: one worker has not arrived
     * yet, the others are parked inside the gate. It must open the gate and wake them, or they would
     * wait there for ever. The late worker is held back until the others have ended, and then finds
     * the trial over.
     */
    @Test
    void anInterruptedCoordinatorReleasesWorkersWaitingAtAGateThatNeverOpened() throws Exception {
        int workers = 3;
        TestCounter counter = counter(TestCounter.counting());
        RecordingThreads threads = RecordingThreads.wrapping(new HoldBackLast(workers)::wrap);
        // One "processor": the workers spin only briefly at the gate and then park, as the test wants.
        TrialEngine engine = new TrialEngine(1, threads, REAL_CPU_CLOCK);
        TrialPlan plan = new TrialPlan(counter.strategy(false), ThreadType.PLATFORM, workers, A_MINUTE);

        Coordinator coordinator = coordinate(engine, plan, threads);
        Await.until(() -> {
            List<Thread> made = threads.made();
            return made.size() == workers && made.subList(0, workers - 1).stream().allMatch(TrialEngineFailuresTest::parkedInAGate);
        }, () -> "the first workers should be parked inside the gate; states "
                + threads.made().stream().map(Thread::getState).toList());
        coordinator.thread().interrupt();

        Ended ended = coordinator.ended();
        assertInstanceOf(InterruptedException.class, ended.thrown(), "run() must end with the interrupt");
        assertEquals(List.of(), ended.aliveWorkers(), "workers still alive when run() threw");
        assertEquals(0, counter.total(), "the gate never opened for a trial, so nobody may have incremented");
    }

    /**
     * While the workers run a fixed-time trial, the coordinating thread sleeps between its looks at
     * the token: one that spun instead would take a core from the workers it measures. A sleeping
     * coordinator is seen in a timed wait within a few samples, however loaded the machine; a spinning
     * one is always seen running. The trial is then cancelled.
     */
    @Test
    void theCoordinatorSleepsWhileTheWorkersRun() throws Exception {
        CountDownLatch working = new CountDownLatch(1);
        TestCounter counter = counter(new TestCounter(1024, (batch, n) -> {
            working.countDown();
            return 0;
        }));
        RecordingThreads threads = RecordingThreads.all();
        TrialPlan plan = new TrialPlan(counter.strategy(false), ThreadType.PLATFORM, 1, A_MINUTE);

        Coordinator coordinator = coordinate(engine(threads), plan, threads);
        assertTrue(working.await(LIMIT.toSeconds(), TimeUnit.SECONDS), "the worker never started incrementing");
        Thread.sleep(50); // lets the coordinator get past the gate it was waiting at, a timed wait too
        Await.until(() -> coordinator.thread().getState() == Thread.State.TIMED_WAITING,
                () -> "the coordinator was never seen sleeping during the trial; it is " + coordinator.thread().getState());
        token.cancel();

        assertInstanceOf(TrialCancelledException.class, coordinator.ended().thrown());
    }

    /** Counts down a latch on each worker's first batch, and lingers after its last. */
    private static final class LingeringCounter extends TestCounter {
        private final ThreadLocal<Boolean> seen = ThreadLocal.withInitial(() -> false);
        private final CountDownLatch working;

        LingeringCounter(CountDownLatch working) {
            super(1024, (batch, n) -> 0);
            this.working = working;
        }

        @Override
        public long incrementTimesCountingCasFailures(int n) {
            if (!seen.get()) {
                seen.set(true);
                working.countDown();
            }
            return super.incrementTimesCountingCasFailures(n);
        }

        @Override
        public void threadFinished() {
            // Long next to the few microseconds a stopped worker needs to end; a join waits it out. A
            // sleep, not a park: the coordinator unparks every worker when it stops them.
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Makes the last of a trial's workers wait, before it reaches the gate, until all others ended. */
    private static final class HoldBackLast {
        private final int workers;
        private final List<Thread> others = new ArrayList<>();
        private int wrapped;

        HoldBackLast(int workers) {
            this.workers = workers;
        }

        // Called by the factory, on the coordinating thread, once per worker and in order.
        Runnable wrap(Runnable task) {
            if (++wrapped < workers) {
                return () -> {
                    synchronized (others) {
                        others.add(Thread.currentThread());
                    }
                    task.run();
                };
            }
            return () -> {
                try {
                    List<Thread> earlier;
                    do {
                        synchronized (others) {
                            earlier = List.copyOf(others);
                        }
                        Thread.sleep(1);
                    } while (earlier.size() < workers - 1);
                    for (Thread other : earlier) {
                        other.join();
                    }
                } catch (InterruptedException e) {
                    return;
                }
                task.run();
            };
        }
    }

    /** A worker parked by a start gate (its blocker is the gate). */
    private static boolean parkedInAGate(Thread thread) {
        return thread.getState() == Thread.State.WAITING && LockSupport.getBlocker(thread) instanceof StartGate;
    }

    /** How a coordinated trial ended, and which workers were alive at that moment. */
    record Ended(Throwable thrown, List<String> aliveWorkers) {
    }

    /** A trial run by a thread of the test's own, so that the test can interrupt it. */
    record Coordinator(Thread thread, CompletableFuture<Ended> result) {
        Ended ended() throws Exception {
            try {
                return result.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                return fail("run() did not return within " + LIMIT.toSeconds() + " s; coordinator "
                        + thread.getState() + " at " + List.of(thread.getStackTrace()));
            }
        }
    }

    private Coordinator coordinate(TrialEngine engine, TrialPlan plan, RecordingThreads threads) {
        CompletableFuture<Ended> result = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().daemon(true).name("test-coordinator").unstarted(() -> {
            try {
                engine.run(plan, token);
                result.complete(new Ended(null, threads.alive()));
            } catch (Throwable e) {
                // Read at once: only what run() guaranteed before returning may count.
                result.complete(new Ended(e, threads.alive()));
            }
        });
        coordinators.add(thread);
        thread.start();
        return new Coordinator(thread, result);
    }

    /** What {@code run()} threw, or {@code null} if it returned; a trial that does not end fails the test. */
    private Exception thrownBy(TrialEngine engine, TrialPlan plan) {
        return assertTimeoutPreemptively(LIMIT, () -> {
            try {
                engine.run(plan, token);
                return null;
            } catch (Exception e) {
                return e;
            }
        }, () -> "the trial (" + plan.workload() + ") did not end within " + LIMIT.toSeconds() + " s");
    }

    private static TrialEngine engine(RecordingThreads threads) {
        return new TrialEngine(Runtime.getRuntime().availableProcessors(), threads, REAL_CPU_CLOCK);
    }

    private TestCounter counter(TestCounter counter) {
        counters.add(counter);
        return counter;
    }

}
