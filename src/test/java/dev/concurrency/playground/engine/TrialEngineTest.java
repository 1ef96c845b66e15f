package dev.concurrency.playground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
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
 * What must hold on every run, whatever the machine and its load: thread-safe strategies lose
 * nothing, no strategy counts more than was done, and racy strategies are caught racing when given
 * the chance. Nothing here asserts how fast anything is.
 */
class TrialEngineTest {

    private static final StrategyCatalog CATALOG = new StrategyCatalog();
    private final TrialEngine engine = new TrialEngine();

    static Stream<Arguments> threadSafeStrategiesAtOneTwoFourThreads() {
        return CATALOG.all().stream().filter(Strategy::threadSafe)
                .flatMap(s -> Stream.of(1, 2, 4).map(threads -> Arguments.of(s.id(), threads)));
    }

    static Stream<Arguments> everyStrategyOnBothThreadTypes() {
        return CATALOG.all().stream()
                .flatMap(s -> Stream.of(ThreadType.values()).map(type -> Arguments.of(s.id(), type)));
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
            TrialOutcome outcome = run(id, ThreadType.PLATFORM, threads, new Workload.FixedWork(20_000));
            assertEquals(threads * 20_000L, outcome.expectedCount(), "every worker does all its work");
            assertEquals(0, outcome.lostUpdates(), id + " lost updates at " + threads + " threads");
        }
    }

    @ParameterizedTest(name = "{0} on {1} threads")
    @MethodSource("everyStrategyOnBothThreadTypes")
    void noStrategyCountsMoreThanWasDone(String id, ThreadType type) throws Exception {
        for (Workload workload : List.of(new Workload.FixedWork(10_000), new Workload.FixedTime(10))) {
            TrialOutcome outcome = run(id, type, 3, workload);
            assertTrue(outcome.actualCount() <= outcome.expectedCount(),
                    id + " counted " + outcome.actualCount() + " of " + outcome.expectedCount());
            assertTrue(outcome.actualCount() >= 0);
            assertTrue(outcome.overlap() >= 0.0 && outcome.overlap() <= 1.0, "overlap " + outcome.overlap());
            assertTrue(outcome.minThreadNanos() <= outcome.maxThreadNanos());
            assertTrue(outcome.maxThreadNanos() <= outcome.durationNanos() + 1_000_000,
                    "no worker runs longer than the trial");
        }
    }

    /**
     * A race is a matter of timing, so no single trial is guaranteed to show it: the scheduler may run
     * the two threads one after the other. What must hold is that across many fixed-time trials, in
     * which both threads are busy incrementing for the whole time and the overlap figure confirms
     * they ran together, at least one read-modify-write interleaves and loses an update. On two or
     * more cores this happens in practically every trial; even on one core a context switch between
     * a load and its store does it within a few time slices.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("racyStrategies")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void racyStrategiesAreCaughtLosingUpdates(String id) throws Exception {
        int trials = 0;
        long lost = 0;
        while (lost == 0 && trials < 50) {
            TrialOutcome outcome = run(id, ThreadType.PLATFORM, 2, new Workload.FixedTime(50));
            lost = outcome.lostUpdates();
            trials++;
        }
        assertTrue(lost > 0, id + " lost no update in " + trials + " fixed-time trials of 50 ms at 2 threads");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStrategy")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void thousandsOfVirtualThreadsAllStartAndFinish(String id) throws Exception {
        // Far more virtual threads than carriers: a start gate that only spun would never fill up.
        TrialOutcome outcome = run(id, ThreadType.VIRTUAL, 5_000, new Workload.FixedWork(200));
        assertEquals(5_000 * 200L, outcome.expectedCount());
        if (CATALOG.find(id).orElseThrow().threadSafe()) {
            assertEquals(0, outcome.lostUpdates());
        }
        assertTrue(outcome.actualCount() <= outcome.expectedCount());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void morePlatformThreadsThanCoresStillStartTogether() throws Exception {
        int threads = Runtime.getRuntime().availableProcessors() * 16;
        TrialOutcome outcome = run("atomic", ThreadType.PLATFORM, threads, new Workload.FixedWork(1_000));
        assertEquals(threads * 1_000L, outcome.expectedCount());
        assertEquals(0, outcome.lostUpdates());
    }

    @Test
    void parallelismIsMeasuredForPlatformThreadsOnly() throws Exception {
        TrialOutcome platform = run("long-adder", ThreadType.PLATFORM, 2, new Workload.FixedTime(20));
        assertNotNull(platform.parallelism());
        // CPU time can exceed wall time by at most the number of threads (plus clock granularity).
        assertTrue(platform.parallelism() >= 0 && platform.parallelism() <= 2.2, "parallelism " + platform.parallelism());
        assertNull(run("long-adder", ThreadType.VIRTUAL, 2, new Workload.FixedTime(20)).parallelism());
    }

    @Test
    void casFailuresAreReportedOnlyByTheCasLoop() throws Exception {
        assertNotNull(run("cas-loop", ThreadType.PLATFORM, 2, new Workload.FixedWork(1_000)).casFailures());
        assertNull(run("atomic", ThreadType.PLATFORM, 2, new Workload.FixedWork(1_000)).casFailures());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void cancellationStopsALongTrialAndLeavesNoWorkerBehind() throws Exception {
        CancellationToken token = new CancellationToken();
        var canceller = Executors.newSingleThreadScheduledExecutor();
        try {
            canceller.schedule(token::cancel, 200, TimeUnit.MILLISECONDS);
            TrialPlan plan = new TrialPlan(strategy("fair-lock"), ThreadType.PLATFORM, 8,
                    new Workload.FixedTime(60_000));
            assertThrows(TrialCancelledException.class, () -> engine.run(plan, token));
        } finally {
            canceller.shutdownNow();
        }
        assertEquals(List.of(), liveWorkers(), "workers must have ended when run() returns");
    }

    @Test
    void aCancelledTokenStopsTheTrialBeforeItStarts() {
        CancellationToken token = new CancellationToken();
        token.cancel();
        TrialPlan plan = new TrialPlan(strategy("atomic"), ThreadType.VIRTUAL, 1_000, new Workload.FixedWork(1_000_000));
        assertThrows(TrialCancelledException.class, () -> engine.run(plan, token));
    }

    @Test
    void overlapIsTheShareOfTheTrialWhenEveryThreadRan() {
        assertEquals(1.0, TrialOutcome.overlap(0, 0, 100, 100));
        assertEquals(0.5, TrialOutcome.overlap(0, 50, 100, 100));
        assertEquals(0.0, TrialOutcome.overlap(0, 60, 50, 100), "one ended before the other started");
        assertEquals(1.0, TrialOutcome.overlap(7, 7, 7, 7), "an instantaneous trial");
    }

    private TrialOutcome run(String id, ThreadType type, int threads, Workload workload) throws Exception {
        return engine.run(new TrialPlan(strategy(id), type, threads, workload), new CancellationToken());
    }

    private static Strategy strategy(String id) {
        return CATALOG.find(id).orElseThrow();
    }

    private static List<String> liveWorkers() {
        List<String> names = new ArrayList<>();
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("trial-worker-") && t.isAlive())
                .forEach(t -> names.add(t.getName()));
        return names;
    }
}
