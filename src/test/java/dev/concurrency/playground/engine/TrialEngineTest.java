package dev.concurrency.playground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.TestOwners;
import dev.concurrency.playground.strategy.StrategyCatalog;
import java.lang.management.ManagementFactory;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What must hold on every run, whatever the machine and its load: thread-safe strategies lose
 * nothing, no strategy counts more than was done, the reported times lie within bounds the test
 * measures itself, and racy strategies are caught racing when given the chance. Nothing here asserts
 * how fast anything is: every bound below holds however slowly the machine runs.
 */
class TrialEngineTest {

    /**
     * The strategies whose counter is in the heap. Those whose counter is in a database or another server need
     * it to run, and are run against it in {@code experiment.run.DatabaseTrialsTest} and RedisTrialsTest; the engine's side of them
     * (open, connect, finish however the trial ends) is {@code ExternalCounterTrialTest}'s.
     */
    private static final List<Strategy> IN_HEAP = new StrategyCatalog().all().stream()
            .filter(s -> s.backend().isEmpty() && s.runsIn(dev.concurrency.playground.strategy.WorkerKind.PLATFORM)).toList();
    private static final StrategyCatalog CATALOG = new StrategyCatalog() {
        @Override
        public List<Strategy> all() {
            return IN_HEAP;
        }
    };
    private final TrialEngine engine = new TrialEngine(TestOwners::eventLoop);

    static Stream<Arguments> threadSafeStrategiesAtOneTwoFourThreads() {
        return CATALOG.all().stream().filter(Strategy::threadSafe)
                .flatMap(s -> Stream.of(1, 2, 4).map(threads -> Arguments.of(s.id(), threads)));
    }

    static Stream<Arguments> threadSafeStrategiesAtTwoAndFourThreads() {
        return threadSafeStrategies().flatMap(id -> Stream.of(2, 4).map(threads -> Arguments.of(id, threads)));
    }

    static Stream<Arguments> everyStrategyOnBothThreadTypes() {
        return CATALOG.all().stream()
                .flatMap(s -> Stream.of(ThreadType.PLATFORM, ThreadType.VIRTUAL).map(type -> Arguments.of(s.id(), type)));
    }

    static Stream<String> threadSafeStrategies() {
        return CATALOG.all().stream().filter(Strategy::threadSafe).map(Strategy::id);
    }

    static Stream<String> racyStrategies() {
        return CATALOG.all().stream().filter(s -> !s.threadSafe()).map(Strategy::id);
    }

    static Stream<String> everyStrategy() {
        return CATALOG.all().stream().map(Strategy::id);
    }

    @ParameterizedTest(name = "{0} at {1} threads")
    @MethodSource("threadSafeStrategiesAtOneTwoFourThreads")
    void threadSafeStrategiesLoseNothing(String id, int threads) throws Exception {
        for (int trial = 0; trial < 3; trial++) {
            TrialMeasurement measurement = run(id, ThreadType.PLATFORM, threads, new Workload.FixedWork(20_000));
            assertEquals(threads * 20_000L, measurement.expectedCount(), "every worker does all its work");
            assertEquals(threads * 20_000L, measurement.actualCount(), id + " lost updates at " + threads + " threads");
        }
    }

    /**
     * The same under the conditions in which the racy strategies lose updates in practically every
     * trial: threads incrementing for a fixed time. A strategy whose exclusion were broken would lose
     * updates here as they do; the fixed-work trials above are over too soon to be sure of it. Four
     * threads as well as two: on two loaded cores, two threads can take turns often enough for a
     * semaphore that skips its acquire to get through a trial without a loss (seen under PIT).
     */
    @ParameterizedTest(name = "{0} at {1} threads")
    @MethodSource("threadSafeStrategiesAtTwoAndFourThreads")
    void threadSafeStrategiesLoseNothingInAContendedFixedTimeTrial(String id, int threads) throws Exception {
        TrialMeasurement measurement = run(id, ThreadType.PLATFORM, threads, new Workload.FixedTime(50));
        assertEquals(measurement.expectedCount(), measurement.actualCount(),
                id + " lost updates; overlap " + measurement.overlap() + ", parallelism " + measurement.parallelism());
    }

    /**
     * The counts and times of a trial against what the test knows independently: the work it asked
     * for, and the wall clock read just before {@code run()} and just after it. The gate opens after
     * the first reading and the last worker ends before the second, so the duration lies within them;
     * a fixed-time trial stops its workers only once its time is up, so it lasts at least that long;
     * each worker's own time lies within the duration; and a worker's CPU time cannot exceed the wall
     * time, so parallelism is at most the thread count times the wall time over the duration.
     */
    @ParameterizedTest(name = "{0} on {1} threads")
    @MethodSource("everyStrategyOnBothThreadTypes")
    void countsAndTimesLieWithinIndependentBounds(String id, ThreadType type) throws Exception {
        int threads = 3;
        long fixedMillis = 10;
        for (Workload workload : List.of(new Workload.FixedWork(10_000), new Workload.FixedTime(fixedMillis))) {
            long before = System.nanoTime();
            TrialMeasurement measurement = run(id, type, threads, workload);
            long wall = System.nanoTime() - before;
            String where = id + ", " + workload + ": ";

            if (workload instanceof Workload.FixedWork) {
                assertEquals(threads * 10_000L, measurement.expectedCount(), where + "every worker does all its work");
            }
            assertTrue(measurement.actualCount() <= measurement.expectedCount(),
                    where + "counted " + measurement.actualCount() + " of " + measurement.expectedCount());
            assertTrue(measurement.actualCount() >= 0, where + "counted " + measurement.actualCount());

            long atLeast = workload instanceof Workload.FixedTime ? TimeUnit.MILLISECONDS.toNanos(fixedMillis) : 1;
            assertTrue(atLeast <= measurement.durationNanos() && measurement.durationNanos() <= wall,
                    where + "duration " + measurement.durationNanos() + " ns is not within [" + atLeast + ", " + wall + "]");
            assertTrue(0 <= measurement.minThreadNanos() && measurement.minThreadNanos() <= measurement.maxThreadNanos()
                            && measurement.maxThreadNanos() <= measurement.durationNanos(),
                    where + "thread times " + measurement.minThreadNanos() + ".." + measurement.maxThreadNanos()
                            + " ns are not within the duration " + measurement.durationNanos() + " ns");
            // Shares of one whole: no worker below nothing or above everything, and the even share 1/n
            // between the smallest and the largest; Jain's index between 1/n (one got all) and 1 (all equal).
            ThreadShares shares = measurement.threadShares();
            assertNotNull(shares, where + "every worker made increments in measurable time");
            double even = 1.0 / threads;
            double slack = 1e-9;
            assertTrue(0 <= shares.minShare() && shares.minShare() <= even + slack && even - slack <= shares.maxShare()
                    && shares.maxShare() <= 1 + slack, where + shares);
            assertTrue(even - slack <= shares.fairness() && shares.fairness() <= 1 + slack, where + shares);
            if (type == ThreadType.PLATFORM) {
                assertNotNull(measurement.parallelism(), where + "platform threads report their CPU time");
                double most = (double) threads * wall / measurement.durationNanos();
                assertTrue(0 <= measurement.parallelism() && measurement.parallelism() <= most,
                        where + "parallelism " + measurement.parallelism() + " is not within [0, " + most + "]");
            } else {
                // The JVM cannot tell a virtual thread's CPU time, so the figure would be a guess.
                assertNull(measurement.parallelism(), where + "virtual threads have no CPU time");
            }
        }
    }

    /**
     * A race is a matter of timing, so no single trial is guaranteed to show it: the scheduler may run
     * the two threads one after the other. What must hold is that among fixed-time trials in which
     * both threads are busy incrementing, some read-modify-write interleaves and loses an update. On
     * two free cores that happens in practically every trial; on a machine so loaded that the two
     * threads share one core, a preemption between a load and its store does it. So the test runs
     * whole trials until one loses an update or a generous budget is spent, and if none ever did, it
     * reports what the trials measured: whether the threads ran at the same time at all.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("racyStrategies")
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void racyStrategiesAreCaughtLosingUpdates(String id) throws Exception {
        long budget = TimeUnit.SECONDS.toNanos(30);
        long began = System.nanoTime();
        int trials = 0;
        DoubleSummaryStatistics overlap = new DoubleSummaryStatistics();
        DoubleSummaryStatistics parallelism = new DoubleSummaryStatistics();
        while (System.nanoTime() - began < budget) {
            TrialMeasurement measurement = run(id, ThreadType.PLATFORM, 2, new Workload.FixedTime(50));
            trials++;
            assertTrue(measurement.actualCount() <= measurement.expectedCount(), id + " counted more than was done: " + measurement);
            if (measurement.lostUpdates() > 0) {
                return;
            }
            overlap.accept(measurement.overlap());
            parallelism.accept(measurement.parallelism());
        }
        throw new AssertionError(String.format(
                "%s lost no update in %d fixed-time trials of 50 ms at 2 platform threads (%.1f s): the share of each "
                        + "trial in which both threads ran (overlap) was %.3f to %.3f, and the cores they kept busy "
                        + "(parallelism) %.2f to %.2f",
                id, trials, (System.nanoTime() - began) / 1e9, overlap.getMin(), overlap.getMax(),
                parallelism.getMin(), parallelism.getMax()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStrategy")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void thousandsOfVirtualThreadsAllStartAndFinish(String id) throws Exception {
        // Far more virtual threads than carriers: a start gate that only spun would never fill up.
        TrialMeasurement measurement = run(id, ThreadType.VIRTUAL, 5_000, new Workload.FixedWork(200));
        assertEquals(5_000 * 200L, measurement.expectedCount());
        if (strategy(id).threadSafe()) {
            assertEquals(5_000 * 200L, measurement.actualCount());
        }
        assertTrue(measurement.actualCount() <= measurement.expectedCount());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void morePlatformThreadsThanCoresStillStartTogether() throws Exception {
        int threads = Runtime.getRuntime().availableProcessors() * 16;
        TrialMeasurement measurement = run("atomic", ThreadType.PLATFORM, threads, new Workload.FixedWork(1_000));
        assertEquals(threads * 1_000L, measurement.expectedCount());
        assertEquals(threads * 1_000L, measurement.actualCount());
    }

    /** Every strategy that says it counts CAS failures reports a figure, and every other one none. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStrategy")
    void casFailuresAreReportedExactlyByTheStrategiesThatCountThem(String id) throws Exception {
        TrialMeasurement measurement = run(id, ThreadType.PLATFORM, 2, new Workload.FixedWork(1_000));
        assertEquals(strategy(id).reportsCasFailures(), measurement.casFailures() != null, id + ": " + measurement.casFailures());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void cancellationStopsALongTrialAndLeavesNoWorkerBehind() throws Exception {
        CancellationToken token = new CancellationToken();
        RecordingThreads threads = RecordingThreads.all();
        TrialEngine recording = new TrialEngine(Runtime.getRuntime().availableProcessors(), threads,
                ManagementFactory.getThreadMXBean()::getCurrentThreadCpuTime);
        var canceller = Executors.newSingleThreadScheduledExecutor();
        try {
            canceller.schedule(token::cancel, 200, TimeUnit.MILLISECONDS);
            TrialPlan plan = new TrialPlan(strategy("fair-lock"), ThreadType.PLATFORM, 8,
                    new Workload.FixedTime(60_000));
            assertThrows(TrialCancelledException.class, () -> recording.run(plan, token));
        } finally {
            canceller.shutdownNow();
        }
        assertEquals(8, threads.made().size());
        assertEquals(List.of(), threads.alive(), "workers must have ended when run() returns");
    }

    /** Without an owner nobody may hand off anything: the trial fails and says why, and no thread is left. */
    @Test
    void anOwnedTrialWhoseOwnerCannotStartFails() {
        TrialPlan plan = new TrialPlan(strategy("event-loop"), ThreadType.PLATFORM, 2, new Workload.FixedWork(1_000));
        TrialFailedException failed = assertThrows(TrialFailedException.class,
                () -> new TrialEngine().run(plan, new CancellationToken()));
        assertTrue(failed.getMessage().contains("no event loops"), failed.getMessage());
    }

    @Test
    void aCancelledTokenStopsTheTrialBeforeItStarts() {
        CancellationToken token = new CancellationToken();
        token.cancel();
        TrialPlan plan = new TrialPlan(strategy("atomic"), ThreadType.VIRTUAL, 1_000, new Workload.FixedWork(1_000_000));
        assertThrows(TrialCancelledException.class, () -> engine.run(plan, token));
    }

    /**
     * Platform workers spin at the gate for long only when each has a core of its own; with more
     * workers than cores, or virtual ones, a long spin would keep the latecomers from arriving.
     */
    @Test
    void workersSpinLongOnlyWhenEachHasACoreOfItsOwn() {
        TrialEngine fourCores = new TrialEngine(4);
        Strategy atomic = strategy("atomic");
        Workload work = new Workload.FixedWork(1);
        assertEquals(TrialEngine.DEDICATED_SPIN_NANOS, fourCores.spinNanosFor(new TrialPlan(atomic, ThreadType.PLATFORM, 1, work)));
        assertEquals(TrialEngine.DEDICATED_SPIN_NANOS, fourCores.spinNanosFor(new TrialPlan(atomic, ThreadType.PLATFORM, 4, work)));
        assertEquals(TrialEngine.SHARED_SPIN_NANOS, fourCores.spinNanosFor(new TrialPlan(atomic, ThreadType.PLATFORM, 5, work)));
        assertEquals(TrialEngine.SHARED_SPIN_NANOS, fourCores.spinNanosFor(new TrialPlan(atomic, ThreadType.VIRTUAL, 1, work)));
        assertTrue(TrialEngine.SHARED_SPIN_NANOS < TrialEngine.DEDICATED_SPIN_NANOS);
    }

    @Test
    void theRealWorkerThreadsAreOfTheAskedTypeNumberedPerTrialAndNeverKeepTheJvmAlive() {
        ThreadFactory platform = TrialEngine.workerThreads(ThreadType.PLATFORM);
        Thread first = platform.newThread(() -> { });
        Thread second = platform.newThread(() -> { });
        assertFalse(first.isVirtual());
        assertTrue(first.isDaemon(), "a stuck worker must not keep the JVM from exiting");
        assertEquals(List.of("trial-worker-0", "trial-worker-1"), List.of(first.getName(), second.getName()));

        Thread virtual = TrialEngine.workerThreads(ThreadType.VIRTUAL).newThread(() -> { });
        assertTrue(virtual.isVirtual());
        assertEquals("trial-worker-0", virtual.getName(), "every trial numbers its workers from 0");
    }

    private TrialMeasurement run(String id, ThreadType type, int threads, Workload workload) throws Exception {
        return engine.run(new TrialPlan(strategy(id), type, threads, workload), new CancellationToken());
    }

    private static Strategy strategy(String id) {
        return CATALOG.find(id).orElseThrow();
    }
}
