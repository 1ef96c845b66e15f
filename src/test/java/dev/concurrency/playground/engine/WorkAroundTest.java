package dev.concurrency.playground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkAroundTest {

    @ParameterizedTest(name = "inside {0}, outside {1}, plain batch {2}: {3}")
    @CsvSource({
            "0, 0, 1024, 1024",     // no work: the counter's own batch
            "0, 0, 64, 64",
            "1, 0, 1024, 1024",     // 16384 tokens / 1 per increment, capped by the plain batch
            "8, 8, 1024, 1024",     // 16384 / 16 = 1024
            "16, 16, 1024, 512",    // 16384 / 32
            "100, 0, 64, 64",       // 163 > 64: the plain batch
            "1000, 24, 1024, 16",   // 16384 / 1024
            "100000, 0, 1024, 1",   // never less than one increment
            "2147483647, 2147483647, 1024, 1"}) // no overflow
    void batchesWithWorkHoldAboutSixteenThousandTokens(int inside, int outside, int plain, int expected) {
        assertEquals(expected, new WorkAround(inside, outside).batchSize(plain));
    }

    @Test
    void noneIsNoWork() {
        assertFalse(WorkAround.NONE.any());
        assertTrue(new WorkAround(0, 1).any());
        assertTrue(new WorkAround(1, 0).any());
    }

    @Test
    void workIsNeverNegative() {
        assertThrows(IllegalArgumentException.class, () -> new WorkAround(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new WorkAround(0, -1));
    }
}
