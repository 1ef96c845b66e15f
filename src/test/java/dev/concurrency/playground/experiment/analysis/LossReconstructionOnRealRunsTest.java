package dev.concurrency.playground.experiment.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.engine.CancellationToken;
import dev.concurrency.playground.engine.RecordedTrial;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.engine.TrialPlan;
import dev.concurrency.playground.engine.Workload;
import dev.concurrency.playground.strategy.Family;
import dev.concurrency.playground.strategy.RecordingCounter;
import dev.concurrency.playground.strategy.Safety;
import dev.concurrency.playground.strategy.SharedCounter;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reconstruction on real recorded trials, where nobody knows the interleaving in advance: what must
 * hold on every run is that it accounts for exactly the counter's loss, and that a thread-safe counter,
 * recorded the same way, shows no value read twice.
 */
class LossReconstructionOnRealRunsTest {

    private static final StrategyCatalog CATALOG = new StrategyCatalog();
    private final TrialEngine engine = new TrialEngine();

    static Stream<Strategy> explainable() {
        return CATALOG.all().stream().filter(Strategy::explainable);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("explainable")
    void theReconstructionAccountsForExactlyTheCountersLoss(Strategy strategy) throws Exception {
        for (int threads : new int[] {1, 2, 3}) {
            for (int trial = 0; trial < 5; trial++) {
                RecordedTrial recorded = engine.runRecorded(
                        new TrialPlan(strategy, ThreadType.PLATFORM, threads, new Workload.FixedWork(100_000)),
                        new CancellationToken());
                LossExplanation explained = LossReconstruction.explain(recorded.reads(), recorded.writes(),
                        recorded.measurement().actualCount(), 100_000, null, null);
                String where = strategy + " on " + threads + " threads: " + explained.reconciliation();
                assertTrue(explained.reconciled(), where);
                assertEquals(recorded.measurement().expectedCount(), explained.recordedIncrements(), where);
                assertEquals(recorded.measurement().lostUpdates(), explained.lostUpdates(), where);
                assertEquals(recorded.measurement().lostUpdates(), explained.duplicateWrites() + explained.finalRollBack(),
                        where);
                if (threads == 1) {
                    assertEquals(0, explained.lostUpdates(), where);
                }
            }
        }
    }

    static Stream<Strategy> threadSafeRecorders() {
        return Stream.of(
                testStrategy("atomic-recorded", AtomicRecording::new),
                testStrategy("synchronized-recorded", SynchronizedRecording::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("threadSafeRecorders")
    void aThreadSafeCounterNeverShowsADuplicate(Strategy strategy) throws Exception {
        for (int trial = 0; trial < 5; trial++) {
            RecordedTrial recorded = engine.runRecorded(
                    new TrialPlan(strategy, ThreadType.PLATFORM, 2, new Workload.FixedWork(50_000)),
                    new CancellationToken());
            LossExplanation explained = LossReconstruction.explain(recorded.reads(), recorded.writes(),
                    recorded.measurement().actualCount(), 50_000, null, null);
            assertEquals(0, explained.duplicateWrites(), explained.reconciliation());
            assertEquals(0, explained.staleWrites(), explained.reconciliation());
            assertEquals(0, explained.lostUpdates(), explained.reconciliation());
            assertEquals(100_000, explained.highestWritten());
            assertTrue(explained.reconciled(), explained.reconciliation());
        }
    }

    @Test
    void onlyFixedWorkCanBeRecorded() {
        Strategy racy = CATALOG.find("unsynchronized").orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> engine.runRecorded(
                new TrialPlan(racy, ThreadType.PLATFORM, 2, new Workload.FixedTime(10)), new CancellationToken()));
    }

    @Test
    void onlyARecordingCounterCanBeRecorded() {
        Strategy safe = CATALOG.find("atomic").orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> engine.runRecorded(
                new TrialPlan(safe, ThreadType.PLATFORM, 2, new Workload.FixedWork(10)), new CancellationToken()));
    }

    private static Strategy testStrategy(String id, java.util.function.Supplier<SharedCounter> counters) {
        return Strategy.builder().id(id).name(id).family(Family.ATOMIC).safety(Safety.THREAD_SAFE).javaApi("test")
                .summary("test").description("A thread-safe counter that records, for tests.").explainable()
                .counters(counters).build();
    }

    /** getAndIncrement reads and writes in one atomic step: no two increments can read the same value. */
    static final class AtomicRecording extends SharedCounter implements RecordingCounter {
        private final AtomicLong count = new AtomicLong();

        @Override
        public long incrementTimesCountingCasFailures(int n) {
            for (int i = 0; i < n; i++) {
                count.incrementAndGet();
            }
            return 0;
        }

        @Override
        public void incrementTimesRecording(int n, long[] reads, long[] writes, int from) {
            for (int i = 0; i < n; i++) {
                long seen = count.getAndIncrement();
                reads[from + i] = seen;
                writes[from + i] = seen + 1;
            }
        }

        @Override
        public long total() {
            return count.get();
        }
    }

    /** The read and the write under one monitor. */
    static final class SynchronizedRecording extends SharedCounter implements RecordingCounter {
        private long count;

        @Override
        public long incrementTimesCountingCasFailures(int n) {
            for (int i = 0; i < n; i++) {
                synchronized (this) {
                    count++;
                }
            }
            return 0;
        }

        @Override
        public void incrementTimesRecording(int n, long[] reads, long[] writes, int from) {
            for (int i = 0; i < n; i++) {
                synchronized (this) {
                    reads[from + i] = count;
                    count++;
                    writes[from + i] = count;
                }
            }
        }

        @Override
        public synchronized long total() {
            return count;
        }
    }
}
