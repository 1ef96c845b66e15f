package dev.concurrency.playground.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.strategy.StrategyCatalog;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The admission estimate counts what a trial costs beyond its timed span, as measured on the machine. */
class WorkEstimateTest {

    /** The experiment that was accepted as 23 s and would have run for about 26 minutes. */
    private static final ExperimentSpec MANY_SHORT_TRIALS_ON_MANY_THREADS = new ExperimentSpec(null,
            new StrategyCatalog().ids(), IntStream.rangeClosed(241, 256).boxed().toList(), ThreadType.PLATFORM,
            null, 1L, 100, 1);

    @Test
    void threadStartUpIsPartOfTheEstimate() {
        ExperimentSpec spec = MANY_SHORT_TRIALS_ON_MANY_THREADS;
        TrialCosts costs = new TrialCosts();
        // As measured on a loaded 2-core machine: 80 ms per trial of about 250 threads.
        for (int i = 0; i < 50; i++) {
            costs.observe(ThreadType.PLATFORM, 1, 100_000);
            costs.observe(ThreadType.PLATFORM, 250, 100_000 + 250 * 320_000L);
        }
        TrialCosts.Estimate estimate = costs.estimate(ThreadType.PLATFORM);
        assertEquals(100_000, estimate.fixedNanos(), 1_000);
        assertEquals(320_000, estimate.perThreadNanos(), 3_000);

        WorkEstimate work = WorkEstimate.of(spec, 2, costs, Duration.ZERO);
        int strategies = spec.strategies().size();
        int runsPerStrategy = spec.threadCounts().size();
        long threadSum = spec.threadCounts().stream().mapToLong(Integer::longValue).sum();
        double trialsPerRun = spec.trials() + spec.warmupTrials();
        double timed = strategies * runsPerStrategy * trialsPerRun * spec.durationMillis() / 1000.0;
        double overhead = strategies * trialsPerRun * (runsPerStrategy * estimate.fixedNanos()
                + threadSum * estimate.perThreadNanos()) / 1e9;
        assertEquals(timed, work.timedSeconds(), 1e-9);
        assertEquals(overhead, work.overheadSeconds(), 1e-6);
        assertEquals(timed + overhead, work.seconds(), 1e-6);
        assertTrue(work.seconds() > 20 * 60, "about 26 minutes, not 23 s: " + work.seconds());
    }

    /**
     * A file-lock increment is two system calls, the processes' one after another: a fixed-work run of it is
     * counted at a microsecond an increment, not as an increment in the heap; in fixed time it is what it says.
     */
    @Test
    void fileLockIncrementsAreSystemCallsOneAfterAnother() {
        TrialCosts costs = new TrialCosts();
        ExperimentSpec inHeap = new ExperimentSpec(null, List.of("atomic"), List.of(2), ThreadType.PROCESS,
                1_000_000L, null, 5, 0);
        ExperimentSpec locked = new ExperimentSpec(null, List.of("atomic", "file-lock"), List.of(2), ThreadType.PROCESS,
                1_000_000L, null, 5, 0);
        double atomic = WorkEstimate.of(inHeap, 2, costs, Duration.ZERO).timedSeconds();
        double both = WorkEstimate.of(locked, 2, costs, Duration.ZERO).timedSeconds();
        // 2 processes x 10^6 increments x 5 trials, at 1 microsecond each, one at a time.
        assertEquals(atomic + 2 * 1_000_000 * 5 * WorkEstimate.ASSUMED_NANOS_PER_FILE_LOCK / 1e9, both, 1e-9);
        ExperimentSpec fixedTime = new ExperimentSpec(null, List.of("atomic", "file-lock"), List.of(2), ThreadType.PROCESS,
                null, 200L, 5, 0);
        assertEquals(2 * 5 * 0.2, WorkEstimate.of(fixedTime, 2, costs, Duration.ZERO).timedSeconds(), 1e-9);
    }

    /**
     * A database increment is a round trip, all of a run's in a row (they queue for one row's lock), and each
     * thread connects for every trial: the same request costs a thousand times what it costs in the heap.
     */
    @Test
    void databaseIncrementsAreRoundTripsOneAfterAnotherAndEveryThreadConnects() {
        ExperimentSpec spec = new ExperimentSpec(null, List.of("atomic", "db-atomic-update"), List.of(1, 4),
                ThreadType.PLATFORM, 1_000L, null, 4, 1);
        TrialCosts costs = new TrialCosts();
        WorkEstimate inHeapOnly = WorkEstimate.of(spec, 2, costs, Duration.ZERO);
        WorkEstimate oneInDatabase = WorkEstimate.of(spec, "db-atomic-update"::equals, 2, costs, Duration.ZERO);
        double heap = 5 * (1 * 1e3 * 10 / 1 + 4 * 1e3 * 10 / 2) / 1e9;
        double database = 5 * (1 + 4) * 1e3 * WorkEstimate.ASSUMED_NANOS_PER_ROUND_TRIP / 1e9;
        assertEquals(heap + database, oneInDatabase.timedSeconds(), 1e-9);
        assertEquals(2 * heap, inHeapOnly.timedSeconds(), 1e-9);
        double connections = 5 * (1 + 4) * WorkEstimate.ASSUMED_NANOS_PER_CONNECTION / 1e9;
        assertEquals(inHeapOnly.overheadSeconds() + connections, oneInDatabase.overheadSeconds(), 1e-9);
    }

    @Test
    void fixedWorkIsGuessedPerIncrementSpreadOverTheCores() {
        ExperimentSpec spec = new ExperimentSpec(null, List.of("atomic", "volatile"), List.of(1, 4), ThreadType.PLATFORM,
                1_000_000L, null, 4, 1);
        TrialCosts costs = new TrialCosts();
        WorkEstimate work = WorkEstimate.of(spec, 2, costs, Duration.ZERO);
        // 10 ns per increment: 1 thread alone, 4 threads on 2 cores; 2 strategies, 4 + 1 trials per run.
        double expected = 2 * 5 * (1 * 1e6 * 10 / 1 + 4 * 1e6 * 10 / 2) / 1e9;
        assertEquals(expected, work.timedSeconds(), 1e-9);
        double overhead = 2 * 5 * (costs.overheadNanos(ThreadType.PLATFORM, 1) + costs.overheadNanos(ThreadType.PLATFORM, 4))
                / 1e9;
        assertEquals(overhead, work.overheadSeconds(), 1e-12);
        // On more cores than threads, each thread has one to itself: 1 thread alone, 4 threads on 4 of 8 cores.
        assertEquals(2 * 5 * (1e6 * 10 + 1e6 * 10) / 1e9, WorkEstimate.of(spec, 8, costs, Duration.ZERO).timedSeconds(), 1e-9);
    }

    @Test
    void aWarmUpLastsAtLeastTheMinimumWarmUpTimeHoweverShortItsTrials() {
        // 3 strategies x 2 thread counts = 6 runs of 2 trials of 1 ms; one warm-up trial each, which the minimum
        // warm-up time of 100 ms stretches to 100 ms, overheads included.
        ExperimentSpec spec = new ExperimentSpec(null, List.of("atomic", "volatile", "cas-loop"), List.of(1, 2),
                ThreadType.PLATFORM, null, 1L, 2, 1);
        TrialCosts costs = new TrialCosts();
        double overhead = 3 * 2 * (costs.overheadNanos(ThreadType.PLATFORM, 1) + costs.overheadNanos(ThreadType.PLATFORM, 2))
                / 1e9;
        WorkEstimate stretched = WorkEstimate.of(spec, 2, costs, Duration.ofMillis(100));
        assertEquals(6 * (2 * 0.001 + 0.100), stretched.timedSeconds(), 1e-9);
        assertEquals(overhead, stretched.overheadSeconds(), 1e-12, "the minimum time covers the warm-up's overheads");

        // Warm-up trials that already last longer than the minimum count as themselves, overheads and all.
        WorkEstimate byTrials = WorkEstimate.of(spec, 2, costs, Duration.ofNanos(1));
        assertEquals(6 * 3 * 0.001, byTrials.timedSeconds(), 1e-9);
        assertEquals(overhead * 3 / 2, byTrials.overheadSeconds(), 1e-12);

        // No warm-up asked for: no minimum either.
        ExperimentSpec cold = new ExperimentSpec(null, spec.strategies(), spec.threadCounts(), ThreadType.PLATFORM, null,
                1L, 2, 0);
        assertEquals(6 * 2 * 0.001, WorkEstimate.of(cold, 2, costs, Duration.ofMillis(100)).timedSeconds(), 1e-9);
    }

    @Test
    void theEstimateUsesTheCostsOfTheSpecsKindOfThread() {
        ExperimentSpec virtual = new ExperimentSpec(null, List.of("atomic"), List.of(1000), ThreadType.VIRTUAL, null, 1L,
                1, 0);
        TrialCosts costs = new TrialCosts();
        assertEquals(costs.overheadNanos(ThreadType.VIRTUAL, 1000) / 1e9, WorkEstimate.of(virtual, 2, costs, Duration.ZERO).overheadSeconds(),
                1e-12);
        assertNotEquals(costs.overheadNanos(ThreadType.PLATFORM, 1000), costs.overheadNanos(ThreadType.VIRTUAL, 1000));
    }

    @Test
    void totalIncrementsCountEveryThreadOfEveryTrialWarmUpsIncluded() {
        ExperimentSpec spec = new ExperimentSpec(null, List.of("atomic", "volatile", "synchronized"), List.of(1, 2, 8),
                ThreadType.PLATFORM, 1_000L, null, 4, 2);
        // (1 + 2 + 8) threads, 3 strategies, 4 + 2 trials, 1000 increments each.
        assertEquals(11L * 3 * 6 * 1000, WorkEstimate.totalIncrements(spec));
        ExperimentSpec fixedTime = new ExperimentSpec(null, List.of("atomic"), List.of(2), ThreadType.PLATFORM, null, 5L,
                1, 0);
        assertEquals(0, WorkEstimate.totalIncrements(fixedTime), "fixed-time work is not counted in increments");
        ExperimentSpec beyondLong = new ExperimentSpec(null, List.of("atomic", "volatile"), List.of(100_000),
                ThreadType.VIRTUAL, Long.MAX_VALUE / 2, null, 100, 20);
        assertEquals(Long.MAX_VALUE, WorkEstimate.totalIncrements(beyondLong), "saturates rather than wraps");
        // Each read share is a run of its own, and its operations count as increments do.
        ExperimentSpec reads = new ExperimentSpec(null, List.of("atomic"), List.of(2), ThreadType.PLATFORM, 1_000L, null,
                3, 1, dev.concurrency.playground.experiment.TrialOrder.SEQUENTIAL, false, null, null,
                List.of(0.0, 0.5, 0.9), null);
        assertEquals(2L * 3 * (3 + 1) * 1000, WorkEstimate.totalIncrements(reads));
    }

    @Test
    void anEstimateMovesAFifthOfTheWayTowardsEachObservation() {
        TrialCosts costs = new TrialCosts();
        double before = costs.estimate(ThreadType.VIRTUAL).fixedNanos();
        costs.observe(ThreadType.VIRTUAL, 1, 0);
        assertEquals(before * 0.8, costs.estimate(ThreadType.VIRTUAL).fixedNanos(), 1e-6);
        double perThread = costs.estimate(ThreadType.VIRTUAL).perThreadNanos();
        double fixed = costs.estimate(ThreadType.VIRTUAL).fixedNanos();
        costs.observe(ThreadType.VIRTUAL, 100, (long) (fixed + 100 * 2 * perThread));
        assertEquals(perThread * 1.2, costs.estimate(ThreadType.VIRTUAL).perThreadNanos(), 1e-6);
        assertEquals(fixed, costs.estimate(ThreadType.VIRTUAL).fixedNanos(), "a trial on many threads leaves the fixed part");
        assertEquals(fixed + 7 * costs.estimate(ThreadType.VIRTUAL).perThreadNanos(),
                costs.overheadNanos(ThreadType.VIRTUAL, 7), 1e-6);
        // The other kind of thread is untouched.
        assertEquals(new TrialCosts().estimate(ThreadType.PLATFORM), costs.estimate(ThreadType.PLATFORM));
    }

    @Test
    void fewerThreadsThanTheThresholdMeasureTheFixedPartAndFromItOnTheShareOfEachThread() {
        int threshold = TrialCosts.PER_THREAD_FROM;
        TrialCosts costs = new TrialCosts();
        TrialCosts.Estimate start = costs.estimate(ThreadType.PLATFORM);
        costs.observe(ThreadType.PLATFORM, threshold - 1, 0);
        TrialCosts.Estimate afterFew = costs.estimate(ThreadType.PLATFORM);
        assertEquals(new TrialCosts.Estimate(0.8 * start.fixedNanos(), start.perThreadNanos()), afterFew);

        // At the threshold: what is beyond the fixed part, shared by the threads.
        long overhead = (long) afterFew.fixedNanos() + threshold * 1_000_000L;
        costs.observe(ThreadType.PLATFORM, threshold, overhead);
        double share = (overhead - afterFew.fixedNanos()) / threshold;
        assertEquals(afterFew.fixedNanos(), costs.estimate(ThreadType.PLATFORM).fixedNanos());
        assertEquals(afterFew.perThreadNanos() + 0.2 * (share - afterFew.perThreadNanos()),
                costs.estimate(ThreadType.PLATFORM).perThreadNanos(), 1e-6);
    }

    @Test
    void aClockThatWentBackwardsOrATrialCheaperThanItsFixedPartCountsAsNothing() {
        TrialCosts costs = new TrialCosts();
        TrialCosts.Estimate start = costs.estimate(ThreadType.PLATFORM);
        costs.observe(ThreadType.PLATFORM, 1, -5_000_000);
        assertEquals(0.8 * start.fixedNanos(), costs.estimate(ThreadType.PLATFORM).fixedNanos(), 1e-6,
                "a negative cost counts as zero, not as a refund");
        double fixed = costs.estimate(ThreadType.PLATFORM).fixedNanos();
        costs.observe(ThreadType.PLATFORM, 100, (long) fixed / 2);
        assertEquals(0.8 * start.perThreadNanos(), costs.estimate(ThreadType.PLATFORM).perThreadNanos(), 1e-6,
                "less than the fixed part leaves nothing for the threads");
    }

    /**
     * A block inside a lock holds every thread up, so four threads take four times as long as one; a block outside
     * is each thread's own, so four platform threads take as long as one.
     */
    @org.junit.jupiter.api.Test
    void blocksInsideALockAddUpOverThreadsAndBlocksOutsideDoNot() {
        java.util.function.BiFunction<List<Integer>, List<Integer>, Double> seconds = (inside, outside) -> {
            double[] byThreads = new double[2];
            int i = 0;
            for (int threads : new int[] {1, 4}) {
                ExperimentSpec spec = new ExperimentSpec(null, List.of("synchronized"), List.of(threads), ThreadType.PLATFORM,
                        1_000L, null, 1, 0, dev.concurrency.playground.experiment.TrialOrder.SEQUENTIAL, false, null, null,
                        inside, outside);
                byThreads[i++] = WorkEstimate.of(spec, 2, new TrialCosts(), Duration.ZERO).timedSeconds();
            }
            return byThreads[1] / byThreads[0];
        };
        org.junit.jupiter.api.Assertions.assertEquals(4.0, seconds.apply(List.of(1_000), null), 0.05);
        org.junit.jupiter.api.Assertions.assertEquals(1.0, seconds.apply(null, List.of(1_000)), 0.05);
        // Four threads of a thousand increments, each a millisecond inside the lock: four seconds at least, one after another.
        ExperimentSpec blocked = new ExperimentSpec(null, List.of("synchronized"), List.of(4), ThreadType.PLATFORM,
                1_000L, null, 1, 0, dev.concurrency.playground.experiment.TrialOrder.SEQUENTIAL, false, null, null,
                List.of(1_000), null);
        org.junit.jupiter.api.Assertions.assertTrue(
                WorkEstimate.of(blocked, 2, new TrialCosts(), Duration.ZERO).timedSeconds() >= 4.0);
    }
}
