package dev.concurrency.playground.experiment.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.RunParams;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.RunSummary;
import dev.concurrency.playground.experiment.analysis.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs pair by what they did: zero work and a read share of 0 are no parameters at all. */
class PairKeyTest {

    private static final ExperimentSpec SPEC = new ExperimentSpec(null, List.of("atomic"), List.of(2), ThreadType.PLATFORM,
            1000L, null, 3, 1);

    private static PairKey key(RunParams params) {
        RunResult run = new RunResult("atomic", 2, ThreadType.PLATFORM, true, false, Verdict.NO_CORRUPTION_OBSERVED, "",
                List.of(), RunSummary.of(List.of())).withParams(params);
        return PairKey.of(run, SPEC);
    }

    @Test
    void aReadShareOfZeroPairsWithRunsThatHadNone() {
        assertNull(key(new RunParams(0, 0, 0.0)).params());
        assertEquals(key(null), key(new RunParams(0, 0, 0.0)));
        assertEquals(key(new RunParams(10, 0)), key(new RunParams(10, 0, 0.0)));
        assertNotEquals(key(null), key(new RunParams(0, 0, 0.9)));
        assertEquals("atomic/2/platform/1000x/workInside=0/workOutside=0/readRatio=0.9", key(new RunParams(0, 0, 0.9)).label());
    }
}
