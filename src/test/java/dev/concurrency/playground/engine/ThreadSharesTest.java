package dev.concurrency.playground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Shares and Jain's index against values worked out by hand, (Σx)² / (n·Σx²), from chosen counts and times. */
class ThreadSharesTest {

    static Stream<Arguments> handComputed() {
        return Stream.of(
                // name, increments, nanos, min share, max share, fairness
                Arguments.of("one thread", new long[] {500}, new long[] {10}, 1.0, 1.0, 1.0),
                Arguments.of("even", new long[] {100, 100}, new long[] {10, 10}, 0.5, 0.5, 1.0),
                // Throughputs 30 and 10: shares 3/4 and 1/4; (40)² / (2 · (900 + 100)) = 1600 / 2000.
                Arguments.of("three to one", new long[] {300, 100}, new long[] {10, 10}, 0.25, 0.75, 0.8),
                // Fixed work: the same count, but one took three times as long; throughputs 3 and 1 again.
                Arguments.of("one kept waiting", new long[] {300, 300}, new long[] {100, 300}, 0.25, 0.75, 0.8),
                // Throughputs 1, 2, 3: shares 1/6 and 1/2; 36 / (3 · 14) = 6/7.
                Arguments.of("one two three", new long[] {10, 20, 30}, new long[] {10, 10, 10}, 1.0 / 6, 0.5, 6.0 / 7),
                // One thread got everything: Jain's index is 1/n, and the others' shares are zero.
                Arguments.of("starved", new long[] {0, 0, 0, 64}, new long[] {10, 10, 10, 10}, 0.0, 1.0, 0.25),
                // Different times and counts: throughputs 2, 2, 4 (shares 1/4, 1/2); 64 / (3 · 24) = 8/9.
                Arguments.of("mixed", new long[] {20, 10, 40}, new long[] {10, 5, 10}, 0.25, 0.5, 8.0 / 9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handComputed")
    void sharesAndFairnessAreTheHandComputedOnes(String name, long[] increments, long[] nanos, double minShare,
            double maxShare, double fairness) {
        ThreadShares shares = ThreadShares.of(increments, nanos);
        assertEquals(minShare, shares.minShare(), 1e-12, "min share");
        assertEquals(maxShare, shares.maxShare(), 1e-12, "max share");
        assertEquals(fairness, shares.fairness(), 1e-12, "Jain's index");
    }

    @Test
    void undefinedSharesAreAbsentRatherThanInfiniteOrNaN() {
        assertNull(ThreadShares.of(new long[0], new long[0]), "no worker");
        assertNull(ThreadShares.of(new long[] {0, 0}, new long[] {10, 10}), "no increment at all");
        assertNull(ThreadShares.of(new long[] {5, 5}, new long[] {0, 10}), "increments in no measurable time");
        // A worker that did nothing in no time has a throughput of zero, not an undefined one.
        assertEquals(0.0, ThreadShares.of(new long[] {0, 5}, new long[] {0, 10}).minShare());
    }

    @Test
    void countsAndTimesMustPair() {
        assertThrows(IllegalArgumentException.class, () -> ThreadShares.of(new long[2], new long[3]));
    }
}
