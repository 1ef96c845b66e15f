package dev.concurrency.playground.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.strategy.StrategyCatalog;
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
        TrialCosts costs = new TrialCosts();
        // As measured on a loaded 2-core machine: 80 ms per trial of about 250 threads.
        for (int i = 0; i < 50; i++) {
            costs.observe(ThreadType.PLATFORM, 1, 100_000);
            costs.observe(ThreadType.PLATFORM, 250, 100_000 + 250 * 320_000L);
        }
        TrialCosts.Estimate estimate = costs.estimate(ThreadType.PLATFORM);
        assertEquals(100_000, estimate.fixedNanos(), 1_000);
        assertEquals(320_000, estimate.perThreadNanos(), 3_000);

        WorkEstimate work = WorkEstimate.of(MANY_SHORT_TRIALS_ON_MANY_THREADS, 2, costs);
        int strategies = MANY_SHORT_TRIALS_ON_MANY_THREADS.strategies().size();
        long threadSum = IntStream.rangeClosed(241, 256).sum();
        double trialsPerRun = 101;
        assertEquals(strategies * 16 * trialsPerRun * 0.001, work.timedSeconds(), 1e-9);
        double expectedOverhead = strategies * trialsPerRun * (16 * estimate.fixedNanos()
                + threadSum * estimate.perThreadNanos()) / 1e9;
        assertEquals(expectedOverhead, work.overheadSeconds(), 1e-6);
        assertTrue(work.seconds() > 20 * 60, "about 26 minutes, not 23 s: " + work.seconds());
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
        assertEquals(fixed + 7 * costs.estimate(ThreadType.VIRTUAL).perThreadNanos(),
                costs.overheadNanos(ThreadType.VIRTUAL, 7), 1e-6);
        // The other kind of thread is untouched.
        assertEquals(new TrialCosts().estimate(ThreadType.PLATFORM), costs.estimate(ThreadType.PLATFORM));
    }

    @Test
    void calibrationReplacesTheStartingFiguresWithMeasuredOnes() throws InterruptedException {
        TrialCosts costs = new TrialCosts();
        TrialCosts.Estimate pessimistic = costs.estimate(ThreadType.PLATFORM);
        costs.calibrate(new TrialEngine(), new StrategyCatalog().find("atomic").orElseThrow());
        TrialCosts.Estimate measured = costs.estimate(ThreadType.PLATFORM);
        assertTrue(!measured.equals(pessimistic), "calibration measured something: " + measured);
        assertTrue(measured.fixedNanos() > 0, "a trial costs something beyond its timed span: " + measured);
    }

    @Test
    void fixedWorkIsGuessedPerIncrementSpreadOverTheCores() {
        ExperimentSpec spec = new ExperimentSpec(null, List.of("atomic", "volatile"), List.of(1, 4), ThreadType.PLATFORM,
                1_000_000L, null, 4, 1);
        WorkEstimate work = WorkEstimate.of(spec, 2, new TrialCosts());
        // 10 ns per increment: 1 thread alone, 4 threads on 2 cores.
        double expected = 2 * 5 * (1 * 1e6 * 10 / 1 + 4 * 1e6 * 10 / 2) / 1e9;
        assertEquals(expected, work.timedSeconds(), 1e-9);
    }
}
