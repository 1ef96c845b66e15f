package dev.concurrency.playground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import org.junit.jupiter.api.Test;

/** A plan and its workload accept the smallest meaningful values and refuse the first meaningless ones. */
class TrialPlanTest {

    private static final Strategy STRATEGY = new StrategyCatalog().all().getFirst();

    @Test
    void oneThreadOneIncrementAndOneMillisecondAreTheSmallestValidValues() {
        assertEquals(1, new TrialPlan(STRATEGY, ThreadType.PLATFORM, 1, new Workload.FixedWork(1)).threads());
        assertEquals(1, new Workload.FixedWork(1).incrementsPerThread());
        assertEquals(1, new Workload.FixedTime(1).durationMillis());
    }

    @Test
    void noThreadsNoIncrementsAndNoTimeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TrialPlan(STRATEGY, ThreadType.PLATFORM, 0, new Workload.FixedWork(1)));
        assertThrows(IllegalArgumentException.class, () -> new Workload.FixedWork(0));
        assertThrows(IllegalArgumentException.class, () -> new Workload.FixedTime(0));
    }

    @Test
    void aPlanNeedsAStrategyAThreadTypeAndAWorkload() {
        Workload work = new Workload.FixedWork(1);
        assertThrows(NullPointerException.class, () -> new TrialPlan(null, ThreadType.PLATFORM, 1, work));
        assertThrows(NullPointerException.class, () -> new TrialPlan(STRATEGY, null, 1, work));
        assertThrows(NullPointerException.class, () -> new TrialPlan(STRATEGY, ThreadType.PLATFORM, 1, null));
    }
}
