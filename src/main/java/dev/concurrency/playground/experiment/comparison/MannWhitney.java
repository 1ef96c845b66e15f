package dev.concurrency.playground.experiment.comparison;

import java.util.Arrays;

/**
 * The two-sided Mann-Whitney U test (Wilcoxon rank-sum test): do two samples come from the same
 * distribution, or does one tend to lie above the other? It compares ranks, not values, so it assumes
 * nothing about the shape of the distribution: benchmark timings are skewed, have outliers and are
 * rarely normal, which is why Go's benchstat uses this test rather than Student's t.
 *
 * <p>Two ways to the p-value, chosen as benchstat and R's {@code wilcox.test} choose:
 * <ul>
 *   <li>{@link Method#EXACT}: when neither sample has more than {@value #EXACT_LIMIT} values and no value
 *       occurs twice (in either sample), the p-value is read from the exact distribution of U, counting
 *       every way to interleave the two samples. Small samples are where the normal approximation is
 *       worst, and benchmarks have small samples.</li>
 *   <li>{@link Method#NORMAL_APPROXIMATION}: otherwise, U is compared with the normal distribution of
 *       the same mean ({@code n1 n2 / 2}) and a variance corrected for ties, with a continuity correction
 *       of one half, as {@code wilcox.test(x, y, exact = FALSE, correct = TRUE)} does. The exact
 *       distribution above holds only without ties; with them, the tie-corrected variance is the
 *       textbook answer.</li>
 * </ul>
 * When every value in both samples is the same, nothing distinguishes them: U is its mean, the variance
 * is zero, and the p-value is 1 (R answers NaN there; "no evidence of a difference" is what it means).
 */
public final class MannWhitney {

    /** The largest sample for which the exact distribution is used; benchstat's limit too. */
    public static final int EXACT_LIMIT = 50;

    /** How the p-value was obtained. */
    public enum Method {
        EXACT, NORMAL_APPROXIMATION
    }

    /**
     * @param u the statistic of the first sample: the number of pairs (x, y) with x > y, ties counting
     *     one half
     * @param pValue two-sided: the probability, if both samples came from one distribution, of a U at
     *     least as far from its mean as this one
     */
    public record Result(double u, double pValue, Method method) {
    }

    private MannWhitney() {
    }

    /** Tests {@code x} against {@code y}; both must hold at least one value. */
    public static Result test(double[] x, double[] y) {
        int n1 = x.length;
        int n2 = y.length;
        if (n1 == 0 || n2 == 0) {
            throw new IllegalArgumentException("both samples need at least one value");
        }
        double[] all = new double[n1 + n2];
        System.arraycopy(x, 0, all, 0, n1);
        System.arraycopy(y, 0, all, n1, n2);
        Ranks ranks = Ranks.of(all);
        double rankSumX = 0;
        for (int i = 0; i < n1; i++) {
            rankSumX += ranks.rank(x[i]);
        }
        double u = rankSumX - n1 * (n1 + 1) / 2.0;
        if (!ranks.tied() && n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT) {
            return new Result(u, exactP(n1, n2, (int) Math.round(u)), Method.EXACT);
        }
        return new Result(u, normalP(n1, n2, u, ranks.tieTerm()), Method.NORMAL_APPROXIMATION);
    }

    /**
     * Two-sided exact p-value: twice the smaller tail, at most 1 (R's definition). The distribution is
     * the number of interleavings of n1 x's and n2 y's with each value of U, built by the recurrence
     * {@code N(i, j, u) = N(i-1, j, u-j) + N(i, j-1, u)} (the largest value is an x, which exceeds all j
     * y's, or a y, which adds nothing), in doubles: the counts reach C(100, 50), about 1e29, and are only
     * added, so no precision is lost to cancellation.
     */
    static double exactP(int n1, int n2, int u) {
        double[] counts = distribution(n1, n2);
        double total = 0;
        double lower = 0;
        double upper = 0;
        for (int k = 0; k < counts.length; k++) {
            total += counts[k];
            if (k <= u) {
                lower += counts[k];
            }
            if (k >= u) {
                upper += counts[k];
            }
        }
        return Math.min(1.0, 2 * Math.min(lower, upper) / total);
    }

    /** Number of interleavings with U = 0 .. n1 n2. */
    private static double[] distribution(int n1, int n2) {
        // previous[j] is N(i-1, j, .), current[j] is N(i, j, .).
        double[][] previous = new double[n2 + 1][];
        for (int j = 0; j <= n2; j++) {
            previous[j] = new double[] {1}; // no x's: one interleaving, U = 0
        }
        for (int i = 1; i <= n1; i++) {
            double[][] current = new double[n2 + 1][];
            current[0] = new double[] {1}; // no y's: one interleaving, U = 0
            for (int j = 1; j <= n2; j++) {
                double[] counts = new double[i * j + 1];
                double[] xLargest = previous[j];
                for (int k = 0; k < xLargest.length; k++) {
                    counts[k + j] += xLargest[k];
                }
                double[] yLargest = current[j - 1];
                for (int k = 0; k < yLargest.length; k++) {
                    counts[k] += yLargest[k];
                }
                current[j] = counts;
            }
            previous = current;
        }
        return previous[n2];
    }

    /** Normal approximation with tie correction and continuity correction, two-sided. */
    static double normalP(int n1, int n2, double u, double tieTerm) {
        double n = n1 + n2;
        double variance = n1 * (double) n2 / 12.0 * ((n + 1) - tieTerm / (n * (n - 1)));
        double difference = u - n1 * (double) n2 / 2.0;
        if (variance <= 0) {
            return 1.0; // every value equal: no evidence either way
        }
        double z = (difference - Math.signum(difference) * 0.5) / Math.sqrt(variance);
        return Math.min(1.0, Normal.twoSidedTail(Math.abs(z)));
    }

    /** Mid-ranks (ties get the mean of the ranks they span) and the tie term Σ (t³ - t). */
    private record Ranks(double[] sorted, double[] midRanks, boolean tied, double tieTerm) {

        static Ranks of(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double[] midRanks = new double[sorted.length];
            boolean tied = false;
            double tieTerm = 0;
            int i = 0;
            while (i < sorted.length) {
                int j = i;
                while (j + 1 < sorted.length && Double.compare(sorted[j + 1], sorted[i]) == 0) {
                    j++;
                }
                double t = j - i + 1;
                double mid = (i + 1 + j + 1) / 2.0;
                for (int k = i; k <= j; k++) {
                    midRanks[k] = mid;
                }
                if (t > 1) {
                    tied = true;
                    tieTerm += t * t * t - t;
                }
                i = j + 1;
            }
            return new Ranks(sorted, midRanks, tied, tieTerm);
        }

        double rank(double value) {
            return midRanks[Arrays.binarySearch(sorted, value)];
        }
    }
}
