package dev.concurrency.playground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The figures a trial adds up, checked against numbers the test chose: how the work is cut into
 * batches, the compare-and-set failures a counter reports per batch, and the CPU time a (scripted)
 * clock reports per worker. Real counters and clocks give numbers nobody can know in advance; these
 * give exact expectations.
 */
class TrialEngineFiguresTest {

    private static final LongSupplier REAL_CPU_CLOCK = ManagementFactory.getThreadMXBean()::getCurrentThreadCpuTime;

    static Stream<Arguments> workAndBatchSizes() {
        return Stream.of(
                Arguments.of(95, 10), // nine full batches and a short one
                Arguments.of(100, 10), // whole batches only: no empty batch at the end
                Arguments.of(3, 10), // less than one batch
                Arguments.of(1, 1));
    }

    /**
     * Each worker does exactly its share, in batches of the counter's size and a last short one; the
     * trial's CAS failures are the sum of what every batch of every worker reported, here one more
     * than the batch size per batch, so that a batch miscounted or a worker left out would show.
     */
    @ParameterizedTest(name = "{0} increments in batches of {1}")
    @MethodSource("workAndBatchSizes")
    void casFailuresAreTheSumOfWhatEveryBatchReported(int incrementsPerThread, int batchSize) throws Exception {
        int threads = 3;
        TestCounter counter = new TestCounter(batchSize, (batch, n) -> n + 1L);
        TrialMeasurement outcome = run(counter, true, threads, new Workload.FixedWork(incrementsPerThread));

        List<Integer> batches = new ArrayList<>(Collections.nCopies(incrementsPerThread / batchSize, batchSize));
        if (incrementsPerThread % batchSize != 0) {
            batches.add(incrementsPerThread % batchSize);
        }
        assertEquals(threads, counter.batchSizes().size(), "every worker increments");
        counter.batchSizes().values().forEach(sizes -> assertEquals(batches, sizes, "one worker's batches"));

        long perThread = incrementsPerThread + batches.size(); // n + 1 per batch
        assertEquals(threads * perThread, outcome.casFailures());
        assertEquals((long) threads * incrementsPerThread, outcome.expectedCount());
        assertEquals((long) threads * incrementsPerThread, outcome.actualCount());
    }

    @Test
    void casFailuresAreAbsentForAStrategyThatDoesNotReportThem() throws Exception {
        TestCounter counter = new TestCounter(10, (batch, n) -> 7);
        assertNull(run(counter, false, 2, new Workload.FixedWork(100)).casFailures());
    }

    /**
     * Parallelism is the workers' CPU time over the trial's duration. With a scripted clock the CPU
     * time is known: 4 ms, 3 ms, and nothing at all for a worker whose two readings are zero (zero is a
     * real reading, not an unknown one; only a negative reading means the JVM cannot tell).
     */
    @Test
    void parallelismIsTheWorkersCpuTimeOverTheDuration() throws Exception {
        ScriptedCpuClock clock = new ScriptedCpuClock(List.of(
                new CpuReadings(0, 4_000_000),
                new CpuReadings(1_000, 3_001_000),
                new CpuReadings(0, 0)));
        TrialMeasurement outcome = run(new TrialEngine(4, RecordingThreads.all(), clock), TestCounter.counting(), false, 3,
                new Workload.FixedWork(10_000));

        assertEquals(3, clock.workersRead(), "each worker reads its CPU clock");
        assertTrue(outcome.durationNanos() > 0);
        assertEquals(7_000_000.0 / outcome.durationNanos(), outcome.parallelism());
    }

    static Stream<List<CpuReadings>> unknownCpuTimes() {
        return Stream.of(
                List.of(new CpuReadings(-1, 2_000_000), new CpuReadings(0, 1_000_000)),
                List.of(new CpuReadings(0, -1), new CpuReadings(0, 1_000_000)),
                List.of(new CpuReadings(-1, -1), new CpuReadings(-1, -1)));
    }

    /** One worker whose CPU time the JVM cannot tell (as for a virtual thread) leaves the whole figure unknown. */
    @ParameterizedTest
    @MethodSource("unknownCpuTimes")
    void parallelismIsUnknownWhenAnyWorkersCpuTimeIs(List<CpuReadings> readings) throws Exception {
        ScriptedCpuClock clock = new ScriptedCpuClock(readings);
        TrialMeasurement outcome = run(new TrialEngine(4, RecordingThreads.all(), clock), TestCounter.counting(), false,
                readings.size(), new Workload.FixedWork(10_000));
        assertNull(outcome.parallelism());
    }

    /** A worker's two CPU clock readings: before its timed span and after it. */
    record CpuReadings(long start, long end) {
    }

    /** Hands each worker, in the order they first read it, the next pair of readings. */
    private static final class ScriptedCpuClock implements LongSupplier {
        private final List<CpuReadings> script;
        private final AtomicInteger next = new AtomicInteger();
        private final ThreadLocal<CpuReadings> mine = new ThreadLocal<>();

        ScriptedCpuClock(List<CpuReadings> script) {
            this.script = script;
        }

        @Override
        public long getAsLong() {
            CpuReadings readings = mine.get();
            if (readings == null) {
                readings = script.get(next.getAndIncrement());
                mine.set(readings);
                return readings.start();
            }
            return readings.end();
        }

        int workersRead() {
            return next.get();
        }
    }

    private static TrialMeasurement run(TestCounter counter, boolean reportsCasFailures, int threads, Workload workload)
            throws Exception {
        return run(new TrialEngine(4, RecordingThreads.all(), REAL_CPU_CLOCK), counter, reportsCasFailures, threads, workload);
    }

    private static TrialMeasurement run(TrialEngine engine, TestCounter counter, boolean reportsCasFailures, int threads,
            Workload workload) throws Exception {
        TrialPlan plan = new TrialPlan(counter.strategy(reportsCasFailures), ThreadType.PLATFORM, threads, workload);
        return engine.run(plan, new CancellationToken());
    }
}
