package dev.concurrency.playground.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.strategy.SharedCounter;
import dev.concurrency.playground.strategy.Strategy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Calibration, on trials whose cost beyond the timed span is scripted: the strategy takes a set time
 * to make each trial's counter, which the engine does before the start gate, so that time is part of
 * what calibration measures; and some counters take a set time to increment, which is inside the
 * timed span and must not be. Real thread start-up only adds to the scripted costs, so each expected
 * figure is a lower bound, and each upper bound leaves the real costs far more room than a machine
 * needs (a mutated median or formula lands a whole step or more away).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TrialCostsTest {

    private static final long STEP_MILLIS = 150;

    /*
     * Calibration makes, for each kind of thread and each of five rounds, a trial on one thread, then
     * one on many; it drops the first round. The script for rounds 1 to 4, in steps, is out of order
     * so that only a sorted median finds the middle, and every wrong median or formula lands at least
     * a step from the right one.
     */
    private static final long[] ONE_MAKE = {0, 2, 2, 0};      // sorted 0 0 2 2: median one step
    private static final long[] MANY_EXTRA = {0, 0, 1, 1};    // beyond that, for the many: median half a step
    private static final long[] ONE_INCREMENT = {1, 0, 0, 1}; // inside the timed span, so not a cost

    /** A counter that takes a set time for its (single) increment on each thread, and counts them. */
    private static final class Scripted extends SharedCounter {
        final AtomicLong count = new AtomicLong();
        final long incrementMillis;

        Scripted(long incrementMillis) {
            this.incrementMillis = incrementMillis;
        }

        @Override
        public long incrementTimes(int n) {
            sleep(incrementMillis);
            count.addAndGet(n);
            return 0;
        }

        @Override
        public long total() {
            return count.get();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void calibrationTakesTheMediansOfTheRoundsAfterTheFirst() throws InterruptedException {
        List<Scripted> made = new CopyOnWriteArrayList<>();
        Strategy scripted = TestStrategies.strategy("scripted", true, () -> {
            int trial = made.size() % 10;        // per kind of thread: five rounds of two trials
            int round = trial / 2;
            boolean many = trial % 2 == 1;
            long make = 0;
            long increment = 0;
            if (round > 0) {
                make = ONE_MAKE[round - 1] + (many ? MANY_EXTRA[round - 1] : 0);
                increment = many ? 0 : ONE_INCREMENT[round - 1];
            }
            sleep(make * STEP_MILLIS);
            Scripted counter = new Scripted(increment * STEP_MILLIS);
            made.add(counter);
            return counter;
        });
        TrialCosts costs = new TrialCosts();

        costs.calibrate(new TrialEngine(), scripted);

        double step = TimeUnit.MILLISECONDS.toNanos(STEP_MILLIS);
        ThreadType[] types = ThreadType.values();
        assertEquals(10 * types.length, made.size(), "five rounds of two trials per kind of thread");
        for (int t = 0; t < types.length; t++) {
            TrialCosts.Estimate estimate = costs.estimate(types[t]);
            // How many threads the many-thread trials used: what its counter counted, one increment each.
            long many = made.get(10 * t + 1).total();
            assertTrue(many >= TrialCosts.PER_THREAD_FROM, types[t] + " calibrated on " + many + " threads");
            String where = types[t] + " on " + many + " threads: " + estimate;
            assertTrue(estimate.fixedNanos() >= step, where);
            assertTrue(estimate.fixedNanos() < 1.8 * step, where);
            assertTrue(estimate.perThreadNanos() >= step / 2 / many, where);
            assertTrue(estimate.perThreadNanos() < 2 * step / many, where);
        }
    }

    @Test
    void aCalibrationThatFailsKeepsTheStartingFigures() {
        // The runner then logs it and admits with the pessimistic figures.
        Strategy broken = TestStrategies.strategy("broken", true, TestStrategies.Throwing::new);
        TrialCosts costs = new TrialCosts();
        TrialCosts.Estimate before = costs.estimate(ThreadType.PLATFORM);
        assertThrows(RuntimeException.class, () -> costs.calibrate(new TrialEngine(), broken));
        assertEquals(before, costs.estimate(ThreadType.PLATFORM), "nothing half-measured is kept");
    }
}
