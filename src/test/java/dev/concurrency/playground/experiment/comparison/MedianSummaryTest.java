package dev.concurrency.playground.experiment.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * Medians and their order-statistic intervals against the binomial, computed by hand; the ranks for ten
 * and twenty values are those of the usual tables (Conover, Practical Nonparametric Statistics, the
 * quantile test: ranks 2 and 9 of 10, 6 and 15 of 20 at 95%).
 */
class MedianSummaryTest {

    private static final double LEVEL = 0.95;

    @Test
    void fiveValuesHaveAMedianButNoIntervalAtNinetyFivePercent() {
        // Even [min, max] covers the median only with 1 - 2 / 2^5 = 0.9375 < 0.95.
        MedianSummary summary = MedianSummary.of(new double[] {5, 1, 4, 2, 3}, LEVEL);
        assertEquals(5, summary.n());
        assertEquals(3.0, summary.median());
        assertNull(summary.low());
        assertNull(summary.high());
        assertNull(summary.coverage());
    }

    @Test
    void sixValuesAreTheFewestWithAnInterval() {
        // [x(1), x(6)] covers with 1 - 2 / 64 = 0.96875. The median of an even count is the mean of the middle two.
        MedianSummary summary = MedianSummary.of(new double[] {10, 60, 20, 50, 30, 40}, LEVEL);
        assertEquals(35.0, summary.median());
        assertEquals(10.0, summary.low());
        assertEquals(60.0, summary.high());
        assertEquals(0.96875, summary.coverage(), 1e-15);
        assertEquals(6, MedianSummary.valuesNeeded(LEVEL));
    }

    @Test
    void tenValuesGiveTheSecondAndNinth() {
        // k = 2: 1 - 2 (1 + 10) / 1024 = 0.978515625; k = 3 would be 1 - 2 * 56 / 1024 = 0.890625 < 0.95.
        MedianSummary summary = MedianSummary.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, LEVEL);
        assertEquals(5.5, summary.median());
        assertEquals(2.0, summary.low());
        assertEquals(9.0, summary.high());
        assertEquals(0.978515625, summary.coverage(), 1e-15);
    }

    @Test
    void twentyValuesGiveTheSixthAndFifteenth() {
        // 1 - 2 * (1 + 20 + 190 + 1140 + 4845 + 15504) / 2^20 = 0.9586105346679688.
        double[] values = new double[20];
        for (int i = 0; i < 20; i++) {
            values[i] = 100 - i; // given in descending order: the summary sorts
        }
        MedianSummary summary = MedianSummary.of(values, LEVEL);
        assertEquals(90.5, summary.median());
        assertEquals(86.0, summary.low(), "the 6th smallest of 81..100");
        assertEquals(95.0, summary.high(), "the 15th smallest");
        assertEquals(0.9586105346679688, summary.coverage(), 1e-15);
    }

    @Test
    void tiedAndEmptySamples() {
        MedianSummary tied = MedianSummary.of(new double[] {0, 0, 0, 0, 0, 0, 0}, LEVEL);
        assertEquals(0.0, tied.median());
        assertEquals(0.0, tied.low());
        assertEquals(0.0, tied.high());
        MedianSummary empty = MedianSummary.of(new double[0], LEVEL);
        assertEquals(0, empty.n());
        assertNull(empty.median());
    }
}
