package dev.concurrency.playground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import dev.concurrency.playground.strategy.TestOwners;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Trials with work around each increment keep the invariants of the plain ones: a thread-safe strategy
 * loses nothing whatever the work and wherever it sits, nothing counts more than was done, and work between
 * a racy strategy's read and write still gets it caught losing updates (it widens the window, so it is
 * caught sooner, but the test asserts only that it is caught).
 */
class WorkingTrialTest {

    private static final StrategyCatalog CATALOG = new StrategyCatalog();
    private final TrialEngine engine = new TrialEngine(TestOwners::eventLoop);

    /** In the heap: those in a database or Redis are tested with work beside their servers (DatabaseTrialsTest, RedisTrialsTest). */
    static Stream<Arguments> threadSafeStrategiesThatTakeWork() {
        return CATALOG.all().stream().filter(s -> s.backend().isEmpty()).filter(Strategy::threadSafe).filter(Strategy::takesWork)
                .flatMap(s -> Stream.of(new WorkAround(50, 0), new WorkAround(0, 50), new WorkAround(20, 20))
                        .map(work -> Arguments.of(s.id(), work)));
    }

    static Stream<String> racyStrategiesThatTakeWork() {
        return CATALOG.all().stream().filter(s -> s.backend().isEmpty()).filter(s -> !s.threadSafe()).filter(Strategy::takesWork)
                .map(Strategy::id);
    }

    private TrialMeasurement run(String id, int threads, Workload workload, WorkAround work) throws Exception {
        Strategy strategy = CATALOG.find(id).orElseThrow();
        return engine.run(new TrialPlan(strategy, ThreadType.PLATFORM, threads, workload,
                dev.concurrency.playground.strategy.Backends.NONE, work), new CancellationToken());
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("threadSafeStrategiesThatTakeWork")
    void threadSafeStrategiesLoseNothingWithWorkAroundTheIncrement(String id, WorkAround work) throws Exception {
        TrialMeasurement fixedWork = run(id, 4, new Workload.FixedWork(5_000), work);
        assertEquals(20_000, fixedWork.expectedCount());
        assertEquals(20_000, fixedWork.actualCount(), id + " lost updates with " + work);
        TrialMeasurement fixedTime = run(id, 3, new Workload.FixedTime(30), work);
        assertEquals(fixedTime.expectedCount(), fixedTime.actualCount(), id + " lost updates with " + work);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("racyStrategiesThatTakeWork")
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void racyStrategiesWithWorkInsideAreStillCaughtLosingUpdates(String id) throws Exception {
        long budget = TimeUnit.SECONDS.toNanos(30);
        long began = System.nanoTime();
        int trials = 0;
        while (System.nanoTime() - began < budget) {
            TrialMeasurement measurement = run(id, 2, new Workload.FixedTime(50), new WorkAround(20, 5));
            trials++;
            assertTrue(measurement.actualCount() <= measurement.expectedCount(), id + " counted more than was done");
            if (measurement.lostUpdates() > 0) {
                return;
            }
        }
        throw new AssertionError(id + " lost no update in " + trials + " fixed-time trials with work between its read and its write");
    }

    @Test
    void aCounterWithoutALoopWithWorkIsRefusedWork() {
        Strategy plain = TestCounter.counting().strategy(false);
        assertTrue(!plain.takesWork());
        assertThrows(IllegalArgumentException.class, () -> engine.run(new TrialPlan(plain, ThreadType.PLATFORM, 1,
                new Workload.FixedWork(1), dev.concurrency.playground.strategy.Backends.NONE, new WorkAround(1, 0)),
                new CancellationToken()));
    }

    /** Every strategy that runs on threads takes work, the owned ones too (their owner works as it applies). */
    @Test
    void everyStrategyOnThreadsTakesWork() {
        // Those that run only in child processes do no work there either.
        assertEquals(CATALOG.all().stream()
                        .filter(s -> s.runsIn(dev.concurrency.playground.strategy.WorkerKind.PLATFORM)).map(Strategy::id).toList(),
                CATALOG.all().stream().filter(Strategy::takesWork).map(Strategy::id).toList());
    }
}
