package dev.concurrency.playground.experiment.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The statistics of small samples, against values worked out by hand: sums of squares, interpolated
 * ranks, and Student's t quantiles from published tables (two-sided 99.9 %, so the 0.9995 quantile).
 */
class SampleStatisticsTest {

    /** t(0.9995) with 1, 4 and 9 degrees of freedom, from published tables. */
    private static final double T_1 = 636.619;
    private static final double T_4 = 8.6103;
    private static final double T_9 = 4.7809;

    @Test
    void aSkewedSampleOfTen() {
        // 1..9 and one outlier, in no particular order: the figures must not depend on the order.
        SampleStatistics stats = SampleStatistics.of(new double[] {7, 100, 3, 1, 9, 2, 8, 4, 6, 5});
        assertEquals(10, stats.n());
        // Sum 145 over 10.
        assertEquals(14.5, stats.mean(), 1e-12);
        // Sum of squares 285 + 10000 = 10285, minus n * mean^2 = 2102.5, over n - 1 = 9.
        double stddev = Math.sqrt(8182.5 / 9);
        assertEquals(stddev, stats.stddev(), 1e-9);
        assertEquals(1.0, stats.min());
        assertEquals(100.0, stats.max());
        // Ranks at p * (n + 1): the 5.5th value is halfway between 5 and 6; the 9.9th is 9 + 0.9 * (100 - 9).
        assertEquals(5.5, stats.p50(), 1e-12);
        assertEquals(90.9, stats.p90(), 1e-9);
        double error = T_9 * stddev / Math.sqrt(10); // 45.586
        assertEquals(error, stats.error(), 1e-3);
        assertInterval(14.5 - error, 14.5 + error, stats.confidence());
    }

    @Test
    void aSymmetricSampleOfFive() {
        SampleStatistics stats = SampleStatistics.of(new double[] {1, 2, 3, 4, 5});
        assertEquals(5, stats.n());
        assertEquals(3.0, stats.mean(), 1e-12);
        // Squared deviations 4 + 1 + 0 + 1 + 4 = 10, over 4.
        assertEquals(Math.sqrt(2.5), stats.stddev(), 1e-12);
        assertEquals(3.0, stats.p50(), 1e-12);
        // The 5.4th of five values is past the last: the maximum.
        assertEquals(5.0, stats.p90(), 1e-12);
        assertEquals(T_4 * Math.sqrt(2.5) / Math.sqrt(5), stats.error(), 1e-3); // 6.088
        assertInterval(3.0 - 6.0884, 3.0 + 6.0884, stats.confidence());
    }

    @Test
    void twoTrialsAreEnoughForASpread() {
        SampleStatistics stats = SampleStatistics.of(new double[] {1, 3});
        assertEquals(2.0, stats.mean(), 1e-12);
        // Squared deviations 1 + 1, over 1.
        assertEquals(Math.sqrt(2), stats.stddev(), 1e-12);
        assertEquals(2.0, stats.p50(), 1e-12);
        assertEquals(3.0, stats.p90(), 1e-12);
        // One degree of freedom: the interval is enormous, as it should be.
        assertEquals(T_1, stats.error(), 1e-3);
        assertInterval(2 - 636.619, 2 + 636.619, stats.confidence());
    }

    @Test
    void oneTrialHasNoSpreadToReport() {
        SampleStatistics stats = SampleStatistics.of(new double[] {7});
        assertEquals(new SampleStatistics(1, 7, null, 7, 7, 7, 7, null, null), stats);
    }

    @Test
    void noTrialsNoStatistics() {
        assertNull(SampleStatistics.of(new double[0]));
    }

    @Test
    void statsSkipMissingFiguresAndHaveNoneWithoutAny() {
        assertEquals(new MinMeanMax(1, 3, 6), MinMeanMax.of(Arrays.asList(6, null, 1, 2)));
        assertEquals(new MinMeanMax(-2.5, -0.5, 1.5), MinMeanMax.of(List.of(1.5, -2.5)));
        assertNull(MinMeanMax.of(List.of()));
        assertNull(MinMeanMax.of(Arrays.asList((Double) null)));
    }

    /** Within the precision of the tables the expected values come from. */
    private static void assertInterval(double low, double high, List<Double> confidence) {
        assertEquals(2, confidence.size(), "confidence " + confidence);
        assertEquals(low, confidence.get(0), 1e-3, "lower bound");
        assertEquals(high, confidence.get(1), 1e-3, "upper bound");
    }
}
