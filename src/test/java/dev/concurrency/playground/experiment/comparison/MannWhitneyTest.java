package dev.concurrency.playground.experiment.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The U test against answers computed elsewhere: by hand (counting orders), by enumerating every
 * choice of values in Python with exact fractions (tied samples), and with SciPy 1.17's
 * {@code scipy.stats.mannwhitneyu(x, y, alternative="two-sided", method=..., use_continuity=True)},
 * which computes what R's {@code wilcox.test(x, y)} does ({@code exact = TRUE} for small samples
 * without ties, {@code exact = FALSE, correct = TRUE} for large ones). The figures are those outputs,
 * copied.
 */
class MannWhitneyTest {

    private static final double EXACTLY = 1e-12;
    /** The normal tail is computed here to about twelve digits; SciPy's to about fifteen. */
    private static final double CLOSELY = 1e-10;

    @Test
    void fiveAgainstFiveCompletelyApartIsOneOrderOfTwoHundredFiftyTwoAtEachEnd() {
        // C(10, 5) = 252 equally likely orders; U = 0 and U = 25 are one each: p = 2/252. R: 0.007937.
        MannWhitney.Result result = MannWhitney.test(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10});
        assertEquals(0.0, result.u());
        assertEquals(2.0 / 252, result.pValue(), EXACTLY);
        assertEquals(MannWhitney.Method.EXACT, result.method());
    }

    @Test
    void threeValuesASideCanNeverBeSignificantAndFourCan() {
        // benchstat's rule: 3+3 completely apart is 2/C(6,3) = 0.1; 4+4 is 2/C(8,4) = 2/70; 3+5 is 2/C(8,3) = 2/56.
        assertEquals(0.1, MannWhitney.test(new double[] {1, 2, 3}, new double[] {4, 5, 6}).pValue(), EXACTLY);
        assertEquals(2.0 / 70, MannWhitney.test(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8}).pValue(), EXACTLY);
        assertEquals(2.0 / 56, MannWhitney.test(new double[] {1, 2, 3}, new double[] {4, 5, 6, 7, 8}).pValue(), EXACTLY);
        assertEquals(0.1, Comparisons.smallestP(3, 3), EXACTLY);
        assertEquals(2.0 / 70, Comparisons.smallestP(4, 4), EXACTLY);
        assertEquals(4, Comparisons.trialsFor(1));
    }

    @Test
    void interleavedSamplesByCountingOrders() {
        // U = 6 (pairs x > y: 1.5>1.2, 2.3>1.2, 2.3>2.0, 3.0>1.2, 3.0>2.0, 3.0>2.6). Orders of 5+5 with
        // U = 0..6: 1, 1, 2, 3, 5, 7, 9, so P(U <= 6) = 28/252 and p = 56/252. SciPy: 0.2222222222222222.
        MannWhitney.Result result = MannWhitney.test(new double[] {0.8, 1.1, 1.5, 2.3, 3.0},
                new double[] {1.2, 2.0, 2.6, 3.4, 4.1});
        assertEquals(6.0, result.u());
        assertEquals(56.0 / 252, result.pValue(), EXACTLY);
        assertEquals(MannWhitney.Method.EXACT, result.method());
    }

    @Test
    void theExampleOfRsWilcoxTestPage() {
        // R's ?wilcox.test: wilcox.test(x, y, alternative = "g") gives W = 35, p = 0.1272; two-sided twice that.
        // SciPy, two-sided exact: U = 35, p = 0.2544122544122544.
        double[] x = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
        double[] y = {1.15, 0.88, 0.90, 0.74, 1.21};
        MannWhitney.Result result = MannWhitney.test(x, y);
        assertEquals(35.0, result.u());
        assertEquals(0.2544122544122544, result.pValue(), EXACTLY);
        MannWhitney.Result swapped = MannWhitney.test(y, x);
        assertEquals(50 - 35.0, swapped.u(), "U of the other sample is n1 n2 - U");
        assertEquals(result.pValue(), swapped.pValue(), EXACTLY, "two-sided: the order of the samples does not matter");
    }

    @Test
    void smallTiedSamplesUseThePermutationDistributionOfMidRanks() {
        // By hand: the mid-ranks of 1 1 2 | 2 3 3 3 are 1.5 1.5 3.5 | 3.5 6 6 6, so U = 6.5 - 3*4/2 = 0.5. Of the
        // C(7, 3) = 35 equally likely choices of three values, the rank sum is as small as 6.5 only for both 1's
        // and one of the two 2's: 2 ways, so p = 2 * 2/35. (The normal approximation, SciPy's and R's with
        // ties, says 0.0614.) Enumerating all 35 choices in Python gives the same 4/35.
        MannWhitney.Result result = MannWhitney.test(new double[] {1, 1, 2}, new double[] {2, 3, 3, 3});
        assertEquals(0.5, result.u());
        assertEquals(4.0 / 35, result.pValue(), EXACTLY);
        assertEquals(MannWhitney.Method.EXACT, result.method());

        // Enumerating the C(10, 5) = 252 choices (Python, fractions): U = 5.5, p = 2/9.
        MannWhitney.Result five = MannWhitney.test(new double[] {1, 2, 2, 3, 4}, new double[] {2, 3, 4, 4, 5});
        assertEquals(5.5, five.u());
        assertEquals(2.0 / 9, five.pValue(), EXACTLY);
    }

    @Test
    void zerosAgainstRatesAreNoRarerThanTheFewestValuesAllow() {
        // No updates lost in three trials against some lost in three: tied zeros on one side. The normal
        // approximation would say 0.047; the exact answer is that of 3+3 values completely apart, 2/20.
        assertEquals(0.1, MannWhitney.test(new double[] {0, 0, 0}, new double[] {0.1, 0.2, 0.3}).pValue(), EXACTLY);
        assertEquals(0.1, MannWhitney.test(new double[] {10, 10, 10}, new double[] {20, 20, 20}).pValue(), EXACTLY);
        // Enumeration of the 252 choices (Python): 0 0 0 0 0 against 0 0 0.01 0.02 0.03 is p = 1/6.
        assertEquals(1.0 / 6, MannWhitney.test(new double[] {0, 0, 0, 0, 0}, new double[] {0, 0, 0.01, 0.02, 0.03})
                .pValue(), EXACTLY);
    }

    @Test
    void largeTiedSamplesUseTheNormalApproximationWithTieAndContinuityCorrection() {
        // 0 0 1 1 .. 29 29 against 5 5 6 6 .. 31 32: every value twice. SciPy (asymptotic, continuity): U = 1250,
        // p = 0.025227221575151098.
        double[] x = new double[60];
        double[] y = new double[55];
        for (int i = 0; i < 60; i++) {
            x[i] = i / 2;
        }
        for (int i = 0; i < 55; i++) {
            y[i] = i / 2 + 5;
        }
        MannWhitney.Result result = MannWhitney.test(x, y);
        assertEquals(MannWhitney.Method.NORMAL_APPROXIMATION, result.method());
        assertEquals(1250.0, result.u());
        assertEquals(0.025227221575151098, result.pValue(), CLOSELY);
    }

    @Test
    void identicalSamplesShowNoDifference() {
        // U sits at its mean, 12.5; z = 0, p = 1 (SciPy and R: 1).
        MannWhitney.Result same = MannWhitney.test(new double[] {1, 2, 3, 4, 5}, new double[] {1, 2, 3, 4, 5});
        assertEquals(12.5, same.u());
        assertEquals(1.0, same.pValue(), EXACTLY);
        // Every value equal: the variance is zero. SciPy answers 1, R NaN; "no evidence of a change" is meant.
        assertEquals(1.0, MannWhitney.test(new double[] {7, 7, 7}, new double[] {7, 7, 7, 7}).pValue(), EXACTLY);
        // One value a side: p = 2 * 1/2, no evidence either.
        assertEquals(1.0, MannWhitney.test(new double[] {1}, new double[] {2}).pValue(), EXACTLY);
    }

    @Test
    void largeSamplesUseTheNormalApproximation() {
        // 1..60 against 11.5..65.5, no ties but beyond the exact limit. SciPy (asymptotic, continuity): U = 1225,
        // p = 0.017466219103968242.
        double[] x = new double[60];
        double[] y = new double[55];
        for (int i = 0; i < 60; i++) {
            x[i] = i + 1;
        }
        for (int i = 0; i < 55; i++) {
            y[i] = i + 11.5;
        }
        MannWhitney.Result result = MannWhitney.test(x, y);
        assertEquals(1225.0, result.u());
        assertEquals(0.017466219103968242, result.pValue(), CLOSELY);
        assertEquals(MannWhitney.Method.NORMAL_APPROXIMATION, result.method());
    }

    @Test
    void theExactDistributionHoldsAtTheLimit() {
        // 50 against 50 completely apart: p = 2 / C(100, 50) = 2 / 1.008913445455642e29.
        double[] x = new double[50];
        double[] y = new double[50];
        for (int i = 0; i < 50; i++) {
            x[i] = i;
            y[i] = i + 50;
        }
        MannWhitney.Result result = MannWhitney.test(x, y);
        assertEquals(MannWhitney.Method.EXACT, result.method());
        assertEquals(2 / 1.008913445455642e29, result.pValue(), 1e-12 * 2 / 1.008913445455642e29);
    }

    @Test
    void anEmptySampleIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MannWhitney.test(new double[0], new double[] {1}));
    }

    @Test
    void theNormalTailMatchesScipy() {
        // scipy.special.erfc(z / sqrt(2)).
        double[][] known = {{0.5, 0.6170750774519739}, {1, 0.31731050786291415}, {1.96, 0.04999579029644087},
                {2.5, 0.012419330651552277}, {3, 0.0026997960632601918}, {4, 6.334248366623996e-05},
                {6, 1.9731752900754036e-09}, {0, 1.0}};
        for (double[] pair : known) {
            assertEquals(pair[1], Normal.twoSidedTail(pair[0]), pair[1] * 1e-11, "z = " + pair[0]);
        }
    }
}
