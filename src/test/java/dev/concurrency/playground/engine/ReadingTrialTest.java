package dev.concurrency.playground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.strategy.Backends;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import dev.concurrency.playground.strategy.TestOwners;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Trials in which a share of the operations read the counter keep the invariants of the plain ones: a
 * thread-safe strategy loses nothing whatever the share, the lost updates compare the counter with the
 * increments alone, reads and increments add up to the operations in the fixed pattern, racy strategies are
 * still caught when most operations read, and a stamped lock's optimistic reads do fail when writers are busy.
 */
class ReadingTrialTest {

    private static final StrategyCatalog CATALOG = new StrategyCatalog();
    private static final int OPERATIONS = 4_321; // four full blocks and a part, so the last block is cut short
    private final TrialEngine engine = new TrialEngine(TestOwners::eventLoop);

    static Stream<Arguments> threadSafeStrategiesThatTakeReaders() {
        return CATALOG.all().stream().filter(Strategy::threadSafe).filter(Strategy::takesReaders)
                .flatMap(s -> Stream.of(1, 50, 90, 99).flatMap(percent -> Stream.of(ThreadType.PLATFORM, ThreadType.VIRTUAL)
                        .map(type -> Arguments.of(s.id(), percent, type))));
    }

    static Stream<String> racyStrategiesThatTakeReaders() {
        return CATALOG.all().stream().filter(s -> !s.threadSafe()).filter(Strategy::takesReaders).map(Strategy::id);
    }

    static Stream<String> strategiesThatTakeReaders() {
        return CATALOG.all().stream().filter(Strategy::takesReaders).map(Strategy::id);
    }

    private TrialMeasurement run(String id, ThreadType type, int threads, Workload workload, WorkAround work, int percent)
            throws Exception {
        Strategy strategy = CATALOG.find(id).orElseThrow();
        return engine.run(new TrialPlan(strategy, type, threads, workload, Backends.NONE, work, new ReadShare(percent)),
                new CancellationToken());
    }

    /** The reads among {@code operations}, counted one operation at a time from the pattern's definition. */
    private static long readsCountedOneByOne(long operations, int percent) {
        long reads = 0;
        for (long i = 0; i < operations; i++) {
            if (i % 1000 < percent * 10L) {
                reads++;
            }
        }
        return reads;
    }

    @ParameterizedTest(name = "{0} at {1}% reads on {2} threads")
    @MethodSource("threadSafeStrategiesThatTakeReaders")
    void threadSafeStrategiesLoseNothingWhateverTheShareOfReads(String id, int percent, ThreadType type) throws Exception {
        TrialMeasurement fixedWork = run(id, type, 3, new Workload.FixedWork(OPERATIONS), WorkAround.NONE, percent);
        long reads = readsCountedOneByOne(OPERATIONS, percent);
        assertNotNull(fixedWork.reads(), id + " reported no reads");
        assertEquals(3 * reads, fixedWork.reads().reads(), id + ": reads in the pattern");
        assertEquals(3 * (OPERATIONS - reads), fixedWork.expectedCount(), id + ": the increments are the rest");
        assertEquals(fixedWork.expectedCount(), fixedWork.actualCount(), id + " lost updates at " + percent + "% reads");
        TrialMeasurement fixedTime = run(id, type, 3, new Workload.FixedTime(20), new WorkAround(5, 5), percent);
        assertEquals(fixedTime.expectedCount(), fixedTime.actualCount(), id + " lost updates with work at " + percent + "% reads");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategiesThatTakeReaders")
    void readsAndIncrementsAddUpToTheOperationsAndTheirTimesAreMeasured(String id) throws Exception {
        TrialMeasurement measurement = run(id, ThreadType.PLATFORM, 2, new Workload.FixedWork(OPERATIONS), new WorkAround(3, 0), 37);
        assertEquals(2L * OPERATIONS, measurement.reads().reads() + measurement.expectedCount());
        assertEquals(2 * readsCountedOneByOne(OPERATIONS, 37), measurement.reads().reads());
        assertTrue(measurement.reads().readNanos() > 0 && measurement.reads().writeNanos() > 0, id + " timed no phase");
        assertTrue(measurement.actualCount() <= measurement.expectedCount(), id + " counted more than was incremented");
        if (id.equals("stamped-lock")) {
            assertNotNull(measurement.reads().readRetries(), "a stamped lock reports its failed optimistic reads");
        } else {
            assertNull(measurement.reads().readRetries(), id + " reads under no stamp, so it has no failed validations");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("racyStrategiesThatTakeReaders")
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void racyStrategiesAreStillCaughtWhenMostOperationsRead(String id) throws Exception {
        long budget = TimeUnit.SECONDS.toNanos(30);
        long began = System.nanoTime();
        int trials = 0;
        while (System.nanoTime() - began < budget) {
            TrialMeasurement measurement = run(id, ThreadType.PLATFORM, 2, new Workload.FixedTime(50), WorkAround.NONE, 90);
            trials++;
            assertTrue(measurement.actualCount() <= measurement.expectedCount(), id + " counted more than was incremented");
            if (measurement.lostUpdates() > 0) {
                return;
            }
        }
        throw new AssertionError(id + " lost no update in " + trials + " fixed-time trials at 90% reads");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aStampedLocksOptimisticReadsFailWhenWritersAreBusy() throws Exception {
        long budget = TimeUnit.SECONDS.toNanos(30);
        long began = System.nanoTime();
        int trials = 0;
        while (System.nanoTime() - began < budget) {
            // Mostly writes, and work while each optimistic read is open: a write lands in that window often.
            TrialMeasurement measurement = run("stamped-lock", ThreadType.PLATFORM, 2, new Workload.FixedTime(50),
                    new WorkAround(50, 0), 10);
            trials++;
            assertEquals(measurement.expectedCount(), measurement.actualCount());
            if (measurement.reads().readRetries() > 0) {
                return;
            }
        }
        throw new AssertionError("no optimistic read failed its validation in " + trials + " writer-heavy trials");
    }

    @Test
    void aTrialWithoutReadsReportsNone() throws Exception {
        TrialMeasurement measurement = run("atomic", ThreadType.PLATFORM, 2, new Workload.FixedWork(1_000), WorkAround.NONE, 0);
        assertNull(measurement.reads());
        assertEquals(2_000, measurement.expectedCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread-local", "padded-atomics", "adjacent-counters"})
    void aStrategyWithoutAReadingLoopIsRefusedReads(String id) {
        Strategy strategy = CATALOG.find(id).orElseThrow();
        assertTrue(!strategy.takesReaders());
        assertThrows(IllegalArgumentException.class, () -> engine.run(new TrialPlan(strategy, ThreadType.PLATFORM, 1,
                new Workload.FixedWork(1), Backends.NONE, WorkAround.NONE, new ReadShare(50)), new CancellationToken()));
    }

    @Test
    void theStrategiesWithANaturalReadTakeReaders() {
        assertEquals(List.of("unsynchronized", "volatile", "synchronized", "reentrant-lock", "fair-lock", "semaphore",
                        "read-write-lock", "stamped-lock", "atomic", "cas-loop", "long-adder", "single-writer", "event-loop")
                        .stream().sorted().toList(),
                CATALOG.all().stream().filter(Strategy::takesReaders).map(Strategy::id).sorted().toList());
    }

    @Test
    void theReadPatternIsEachBlocksFirstOperations() {
        for (int percent : new int[] {0, 1, 33, 90, 99}) {
            ReadShare share = new ReadShare(percent);
            for (long operations : new long[] {0, 1, 9, 10, 11, 999, 1000, 1001, 1990, 2500, OPERATIONS}) {
                assertEquals(readsCountedOneByOne(operations, percent), share.readsAmong(operations),
                        percent + "% of " + operations);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new ReadShare(100));
        assertThrows(IllegalArgumentException.class, () -> new ReadShare(-1));
    }
}
