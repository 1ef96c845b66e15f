package dev.concurrency.playground.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.strategy.Strategy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Calibration, on trials whose cost beyond the timed span is known: the strategy takes a scripted time
 * to make each trial's counter, which the engine does before the start gate, so that time is part of
 * what calibration measures. Real thread start-up only adds to it, so every expected figure is a lower
 * bound, and each upper bound leaves the real costs far more room than any machine needs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TrialCostsTest {

    /** The scripted step; the real cost of a one-thread trial stays far below half of it. */
    private static final long STEP_MILLIS = 200;

    /**
     * Calibration makes, per kind of thread and round, one trial on one thread and one on many, five
     * rounds, the first of which it drops. Each pair of a round waits the same: 0, 0, 0, 1 and 2 steps.
     */
    private static long delayOf(int counter) {
        int round = (counter / 2) % 5;
        return switch (round) {
            case 3 -> STEP_MILLIS;
            case 4 -> 2 * STEP_MILLIS;
            default -> 0;
        };
    }

    @Test
    void calibrationTakesTheMedianOfTheRoundsAfterTheFirst() throws InterruptedException {
        AtomicInteger made = new AtomicInteger();
        Strategy scripted = TestStrategies.strategy("scripted", true, () -> {
            long delay = delayOf(made.getAndIncrement());
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new TestStrategies.Immediate();
        });
        TrialCosts costs = new TrialCosts();

        costs.calibrate(new TrialEngine(), scripted);

        long step = TimeUnit.MILLISECONDS.toNanos(STEP_MILLIS);
        assertTrue(made.get() == 20, "five rounds of two trials for each of two kinds of thread: " + made.get());
        for (ThreadType type : ThreadType.values()) {
            TrialCosts.Estimate estimate = costs.estimate(type);
            // The one-thread trials of rounds 1 to 4 cost 0, 0, 1 and 2 steps and a little: the median is half a step.
            assertTrue(estimate.fixedNanos() >= step / 2, type + ": " + estimate);
            assertTrue(estimate.fixedNanos() < step, type + ": " + estimate);
            // Both trials of a round wait alike, so what the many threads add is only their own start-up.
            assertTrue(estimate.perThreadNanos() >= 0, type + ": " + estimate);
        }
        // A platform thread takes well under a millisecond to start and join, even on a loaded machine.
        assertTrue(costs.estimate(ThreadType.PLATFORM).perThreadNanos() < TimeUnit.MILLISECONDS.toNanos(4),
                costs.estimate(ThreadType.PLATFORM).toString());
    }

    @Test
    void aCalibrationThatFailsKeepsTheStartingFigures() {
        // The runner then logs it and admits with the pessimistic figures.
        Strategy broken = TestStrategies.strategy("broken", true, TestStrategies.Throwing::new);
        TrialCosts costs = new TrialCosts();
        TrialCosts.Estimate before = costs.estimate(ThreadType.PLATFORM);
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> costs.calibrate(new TrialEngine(), broken));
        assertTrue(before.equals(costs.estimate(ThreadType.PLATFORM)), "nothing half-measured is kept");
    }
}
