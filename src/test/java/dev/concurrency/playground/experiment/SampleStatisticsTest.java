package dev.concurrency.playground.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SampleStatisticsTest {

    @Test
    void computesTheSpreadAndJmhStyleErrorOfTheMean() {
        SampleStatistics stats = SampleStatistics.of(new double[] {1, 2, 3, 4, 5});
        assertEquals(5, stats.n());
        assertEquals(3.0, stats.mean(), 1e-12);
        assertEquals(Math.sqrt(2.5), stats.stddev(), 1e-12);
        assertEquals(1.0, stats.min());
        assertEquals(3.0, stats.p50(), 1e-12);
        assertEquals(5.0, stats.max());
        // t(0.9995; 4 degrees of freedom) = 8.6103, from published tables.
        assertEquals(8.6103 * Math.sqrt(2.5) / Math.sqrt(5), stats.error(), 1e-3);
        assertEquals(List.of(3.0 - stats.error(), 3.0 + stats.error()), stats.confidence());
    }

    @Test
    void oneTrialHasNoSpreadToReport() {
        SampleStatistics stats = SampleStatistics.of(new double[] {7});
        assertEquals(7.0, stats.mean());
        assertEquals(7.0, stats.p90());
        assertNull(stats.stddev());
        assertNull(stats.error());
        assertNull(stats.confidence());
    }

    @Test
    void noTrialsNoStatistics() {
        assertNull(SampleStatistics.of(new double[0]));
    }
}
