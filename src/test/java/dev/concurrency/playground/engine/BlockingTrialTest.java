package dev.concurrency.playground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.concurrency.playground.strategy.Backends;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import dev.concurrency.playground.strategy.TestOwners;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Trials that block around each increment keep the invariants of the plain ones (a thread-safe strategy loses
 * nothing, nothing counts more than was done, a racy one is still caught, the wider its window the sooner), and
 * pinning is counted exactly where the running JDK must pin a virtual thread and not where it cannot. Few
 * increments: sleeping trials are slow by nature.
 */
class BlockingTrialTest {

    private static final StrategyCatalog CATALOG = new StrategyCatalog();
    private static final long MICROS = 1_000;
    /** The longest block a request may ask for: 100 ms. */
    private static final long BLOCK_MAX = 100_000 * MICROS;
    private final TrialEngine engine = new TrialEngine(TestOwners::eventLoop);

    static Stream<Arguments> threadSafeStrategiesThatBlock() {
        return CATALOG.all().stream().filter(Strategy::threadSafe).filter(Strategy::takesBlocking)
                .flatMap(s -> Stream.of(ThreadType.PLATFORM, ThreadType.VIRTUAL).flatMap(type -> Stream.of(
                        new WorkAround(0, 0, 50 * MICROS, 0), new WorkAround(0, 0, 0, 50 * MICROS),
                        new WorkAround(10, 10, 20 * MICROS, 20 * MICROS)).map(work -> Arguments.of(s.id(), type, work))));
    }

    static Stream<String> racyStrategiesThatBlock() {
        return CATALOG.all().stream().filter(s -> !s.threadSafe()).filter(Strategy::takesBlocking).map(Strategy::id);
    }

    /** A trial; when {@code windows} is given, when it ran is added to them. */
    private TrialMeasurement run(String id, ThreadType type, int threads, Workload workload, WorkAround work,
            List<PinningRecording.Window> windows) throws Exception {
        Strategy strategy = CATALOG.find(id).orElseThrow();
        // Trials a few milliseconds apart, as RunSequence keeps them: a recording tallies by the millisecond.
        Thread.sleep(3);
        long from = System.currentTimeMillis();
        TrialMeasurement measurement = engine.run(new TrialPlan(strategy, type, threads, workload, Backends.NONE, work),
                new CancellationToken());
        if (windows != null) {
            windows.add(new PinningRecording.Window(from, System.currentTimeMillis()));
        }
        return measurement;
    }

    @ParameterizedTest(name = "{0} on {1} threads with {2}")
    @MethodSource("threadSafeStrategiesThatBlock")
    void threadSafeStrategiesLoseNothingWhenTheyBlock(String id, ThreadType type, WorkAround work) throws Exception {
        TrialMeasurement fixedWork = run(id, type, 4, new Workload.FixedWork(25), work, null);
        assertEquals(100, fixedWork.expectedCount());
        assertEquals(100, fixedWork.actualCount(), id + " lost updates with " + work);
        TrialMeasurement fixedTime = run(id, type, 3, new Workload.FixedTime(20), work, null);
        assertEquals(fixedTime.expectedCount(), fixedTime.actualCount(), id + " lost updates with " + work);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("racyStrategiesThatBlock")
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void racyStrategiesThatBlockBetweenReadAndWriteAreStillCaught(String id) throws Exception {
        for (int trial = 1; trial <= 20; trial++) {
            TrialMeasurement measurement = run(id, ThreadType.PLATFORM, 2, new Workload.FixedWork(20),
                    new WorkAround(0, 0, 100 * MICROS, 0), null);
            assertTrue(measurement.actualCount() <= measurement.expectedCount(), id + " counted more than was done");
            if (measurement.lostUpdates() > 0) {
                return;
            }
        }
        throw new AssertionError(id + " lost no update in 20 trials that slept 100 µs between its read and its write");
    }

    @Test
    void aStrategyWithoutALoopThatBlocksIsRefusedBlocking() {
        Strategy atomic = CATALOG.find("atomic").orElseThrow();
        assertTrue(!atomic.takesBlocking());
        assertThrows(IllegalArgumentException.class, () -> engine.run(new TrialPlan(atomic, ThreadType.PLATFORM, 1,
                new Workload.FixedWork(1), Backends.NONE, new WorkAround(0, 0, MICROS, 0)), new CancellationToken()));
    }

    @Test
    void theStrategiesWithALockOrARaceToWidenTakeBlocking() {
        assertEquals(List.of("unsynchronized", "volatile", "synchronized", "reentrant-lock", "fair-lock", "read-write-lock",
                        "stamped-lock", "semaphore", "class-initializer"),
                CATALOG.all().stream().filter(Strategy::takesBlocking).map(Strategy::id).toList());
    }

    /**
     * Without the interrupt, each of 64 threads queued for the lock would sleep its 100 ms turn before it saw the
     * stop flag: at least 6.4 s after the cancellation, since a sleep never ends early. With it, each finishes its
     * increment without sleeping. The bound, half of what sleeping would take at the least, is no timing measure: it
     * fails exactly when the workers sleep their turns out.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void cancellationEndsATrialWhoseWorkersSleepUnderTheLockWithoutWaitingForTheirTurns() throws Exception {
        CancellationToken token = new CancellationToken();
        TrialPlan plan = new TrialPlan(CATALOG.find("synchronized").orElseThrow(), ThreadType.VIRTUAL, 64,
                new Workload.FixedWork(1_000), Backends.NONE, new WorkAround(0, 0, BLOCK_MAX, 0));
        var canceller = Executors.newSingleThreadScheduledExecutor();
        long[] cancelledAt = new long[1];
        try {
            canceller.schedule(() -> {
                cancelledAt[0] = System.nanoTime();
                token.cancel();
            }, 300, TimeUnit.MILLISECONDS);
            assertThrows(TrialCancelledException.class, () -> engine.run(plan, token));
        } finally {
            canceller.shutdownNow();
        }
        long after = System.nanoTime() - cancelledAt[0];
        assertTrue(after < 32 * BLOCK_MAX, "the trial ended " + after / 1_000_000 + " ms after its cancellation");
    }

    /** A fixed-time trial ends at its end, not once every thread queued for the lock has slept its turn. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFixedTimeTrialEndsWithoutWaitingForEveryQueuedThreadToSleep() throws Exception {
        TrialMeasurement measurement = run("reentrant-lock", ThreadType.VIRTUAL, 64, new Workload.FixedTime(50),
                new WorkAround(0, 0, BLOCK_MAX, 0), null);
        assertEquals(measurement.expectedCount(), measurement.actualCount());
        assertTrue(measurement.durationNanos() < 32 * BLOCK_MAX, "the trial lasted " + measurement.durationNanos() / 1_000_000
                + " ms; its threads slept their turns under the lock after its end");
    }

    /** On every JDK so far, a virtual thread that blocks in a class initializer pins its carrier. */
    @Test
    void blockingInAClassInitializerPinsEveryVirtualThreadThatBlocks() throws Exception {
        List<PinningRecording.Window> workers = new ArrayList<>();
        PinningRecording recording = PinningRecording.start();
        assumeTrue(recording.unavailable() == null, () -> "no Flight Recorder here: " + recording.unavailable());
        try {
            run("class-initializer", ThreadType.VIRTUAL, 3, new Workload.FixedWork(2),
                    new WorkAround(0, 0, 200 * MICROS, 200 * MICROS), workers);
        } finally {
            recording.stop();
        }
        PinningRecording.PinnedTally tally = recording.of(workers);
        // Two blocks per increment, each in a class initializer of its own, each at least one pinned park (two when
        // the JVM wakes the sleeper early and it parks again for the rest).
        assertTrue(tally.events() >= 3 * 2 * 2, tally.toString());
        assertTrue(tally.longestNanos() > 0 && tally.totalNanos() >= tally.longestNanos(), tally.toString());
        assertTrue(tally.carriers() >= 1, tally.toString());
        assertTrue(tally.reasons().keySet().stream().allMatch(reason -> reason.contains("<clinit>")
                || reason.equals("not given by this JDK") || reason.startsWith("not given by this JDK;")), tally.toString());
    }

    /**
     * Since JDK 24 (JEP 491) a virtual thread that sleeps inside {@code synchronized} unmounts: no pinning. Before,
     * it pinned, every time. The pinning of the trial before is not counted as this one's.
     */
    @Test
    void sleepingInsideSynchronizedPinsExactlyWhereTheRunningJdkSaysItDoes() throws Exception {
        List<PinningRecording.Window> workers = new ArrayList<>();
        PinningRecording recording = PinningRecording.start();
        assumeTrue(recording.unavailable() == null, () -> "no Flight Recorder here: " + recording.unavailable());
        try {
            // A trial that pins, just before: its pinning is not the next trial's.
            run("class-initializer", ThreadType.VIRTUAL, 3, new Workload.FixedWork(2), new WorkAround(0, 0, 200 * MICROS, 0),
                    null);
            run("synchronized", ThreadType.VIRTUAL, 3, new Workload.FixedWork(2), new WorkAround(0, 0, 200 * MICROS, 0),
                    workers);
        } finally {
            recording.stop();
        }
        PinningRecording.PinnedTally tally = recording.of(workers);
        if (Runtime.version().feature() >= 24) {
            assertEquals(0, tally.events(), tally.toString());
        } else {
            assertTrue(tally.events() >= 3 * 2, tally.toString());
        }
    }

    @Test
    void platformThreadsAreNeverPinned() throws Exception {
        List<PinningRecording.Window> workers = new ArrayList<>();
        PinningRecording recording = PinningRecording.start();
        assumeTrue(recording.unavailable() == null, () -> "no Flight Recorder here: " + recording.unavailable());
        try {
            run("class-initializer", ThreadType.PLATFORM, 2, new Workload.FixedWork(2),
                    new WorkAround(0, 0, 200 * MICROS, 0), workers);
        } finally {
            recording.stop();
        }
        assertEquals(0, recording.of(workers).events());
    }
}
