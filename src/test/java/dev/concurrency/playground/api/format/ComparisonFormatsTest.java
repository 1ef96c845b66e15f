package dev.concurrency.playground.api.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.comparison.Comparison;
import dev.concurrency.playground.experiment.comparison.MannWhitney;
import dev.concurrency.playground.experiment.comparison.MedianSummary;
import dev.concurrency.playground.experiment.comparison.PairKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The text and CSV forms of a comparison built by hand, so that every figure on the page is known: a
 * significant pair with intervals, a pair without them, a geometric mean, an unpaired run, an environment
 * difference and a warning.
 */
class ComparisonFormatsTest {

    private static final PairKey ATOMIC = new PairKey("atomic", 2, ThreadType.PLATFORM, null, 100L);
    private static final PairKey ADDER = new PairKey("long-adder", 4, ThreadType.PLATFORM, null, 100L);

    private static Comparison comparison() {
        Comparison.Row significant = new Comparison.Row(ATOMIC, new MedianSummary(6, 10.0, 9.0, 12.0, 0.96875),
                new MedianSummary(6, 20.0, 19.0, 21.0, 0.96875), 100.0, 0.002, 0.004, MannWhitney.Method.EXACT, true,
                "+100.00%", null);
        Comparison.Row unchanged = new Comparison.Row(ADDER, new MedianSummary(3, 1234.5, null, null, null),
                new MedianSummary(3, 1200.0, null, null, null), -2.79, 0.7, 0.7, MannWhitney.Method.EXACT, false, "~",
                "with 3 and 3 values p cannot fall below 0.100, so no change can be significant; it takes at least 4 "
                        + "values a side");
        Comparison.MetricTable nsPerOp = new Comparison.MetricTable("nsPerOp", "ns/op", List.of(significant, unchanged),
                new Comparison.Geomean(111.1, 154.9, 39.4, 2, 0));
        return new Comparison(
                new Comparison.Side("b-1", "before", ExperimentStatus.COMPLETED, Instant.EPOCH),
                new Comparison.Side("c-2", null, ExperimentStatus.CANCELLED, Instant.EPOCH), null,
                0.05, 0.95, "holm",
                List.of(new Comparison.Difference("environment.javaVersion", "21.0.8", "25.0.3", true)),
                List.of("The candidate ended CANCELLED: only the runs it measured are compared."),
                List.of(nsPerOp), List.of(new Comparison.Unpaired(new PairKey("volatile", 1, ThreadType.VIRTUAL, 1000L,
                        null), "candidate")));
    }

    @Test
    void textIsBenchstatsLayout() {
        assertEquals("""
                baseline:  before (b-1), COMPLETED
                candidate: c-2, CANCELLED

                                            │ baseline     │ candidate                                          │
                                            │ ns/op        │ ns/op          vs base                             │
                atomic/2/platform/100ms       10.00 ± 20%    20.00 ± 5%     +100.00% (p=0.002 holm=0.004 n=6)
                long-adder/4/platform/100ms   1.235k ± ∞ ¹   1.200k ± ∞ ¹   ~        (p=0.700 holm=0.700 n=3) ²
                geomean                       111.1          154.9          +39.40%

                ¹ need >= 6 samples for confidence interval at level 0.95
                ² with 3 and 3 values p cannot fall below 0.100, so no change can be significant; it takes at least 4 values a side

                only in candidate: volatile/1/virtual/1000x

                differs: environment.javaVersion: 21.0.8 -> 25.0.3
                warning: The candidate ended CANCELLED: only the runs it measured are compared.
                """, ComparisonTable.of(comparison()));
    }

    @Test
    void csvHasARowPerPairAGeometricMeanAndTheUnpairedRuns() {
        assertEquals(String.join("\r\n",
                String.join(",", ComparisonCsv.COLUMNS),
                "b-1,c-2,,,pair,nsPerOp,ns/op,atomic,2,platform,,100,,,,,,6,10.0,9.0,12.0,6,20.0,19.0,21.0,100.0,0.002,0.004,"
                        + "EXACT,true,'+100.00%,",
                "b-1,c-2,,,pair,nsPerOp,ns/op,long-adder,4,platform,,100,,,,,,3,1234.5,,,3,1200.0,,,-2.79,0.7,0.7,EXACT,false,~,"
                        + "\"with 3 and 3 values p cannot fall below 0.100, so no change can be significant; it takes at "
                        + "least 4 values a side\"",
                "b-1,c-2,,,geomean,nsPerOp,ns/op,,,,,,,,,,,2,111.1,,,2,154.9,,,39.4,,,,,,",
                "b-1,c-2,,,candidate-only,,,volatile,1,virtual,1000,,,,,,,,,,,,,,,,,,,,,",
                ""), ComparisonCsv.of(comparison()));
    }

    @Test
    void figuresHaveFourSignificantDigitsAndAnSiPrefix() {
        assertEquals("8.165", ComparisonTable.figure(8.16499));
        assertEquals("756.7", ComparisonTable.figure(756.699975));
        assertEquals("122.5M", ComparisonTable.figure(122_490_176.47));
        assertEquals("1.000k", ComparisonTable.figure(999.96));
        assertEquals("10.00", ComparisonTable.figure(9.9996));
        assertEquals("0.004912", ComparisonTable.figure(0.0049123));
        assertEquals("0", ComparisonTable.figure(0.0));
        assertTrue(ComparisonTable.figure(null).equals("n/a"));
    }
}
