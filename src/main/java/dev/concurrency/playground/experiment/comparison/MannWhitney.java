package dev.concurrency.playground.experiment.comparison;

import java.util.Arrays;

/**
 * The two-sided Mann-Whitney U test (Wilcoxon rank-sum test): do two samples come from the same
 * distribution, or does one tend to lie above the other? It compares ranks, not values, so it assumes
 * nothing about the shape of the distribution: benchmark timings are skewed, have outliers and are
 * rarely normal, which is why Go's benchstat uses this test rather than Student's t.
 *
 * <p>Two ways to the p-value:
 * <ul>
 *   <li>{@link Method#EXACT}: when neither sample has more than {@value #EXACT_LIMIT} values, the
 *       p-value is read from the exact distribution of U under the hypothesis that the samples are
 *       exchangeable: every way of choosing which of the pooled values are the first sample's is equally
 *       likely. Without ties this is the classic distribution of U (R's {@code wilcox.test} with
 *       {@code exact = TRUE}); with ties, values tied with each other share their mid-rank, and the
 *       distribution is the permutation distribution of those mid-ranks (the conditional exact test,
 *       which benchstat also uses for small tied samples). Small samples are where the normal
 *       approximation is worst, and ties are common here: a lost-update rate is zero in every trial of a
 *       thread-safe strategy. The normal approximation would call three zeros against three positive
 *       rates significant (p = 0.047) where no order of 3+3 values can be rarer than 0.1.</li>
 *   <li>{@link Method#NORMAL_APPROXIMATION}: for larger samples, U is compared with the normal
 *       distribution of the same mean ({@code n1 n2 / 2}) and a variance corrected for ties, with a
 *       continuity correction of one half, as {@code wilcox.test(x, y, exact = FALSE, correct = TRUE)}
 *       does.</li>
 * </ul>
 * The two-sided p-value is twice the smaller tail, at most 1 (R's definition). When every value in both
 * samples is the same, nothing distinguishes them and the p-value is 1 (R answers NaN there; "no
 * evidence of a difference" is what it means).
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
     * @param pValue two-sided: twice the probability, if both samples came from one distribution, of a
     *     U at least as extreme as this one in its direction (the smaller tail), at most 1
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
        if (n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT) {
            return new Result(u, exactP(n1, ranks, (long) Math.round(2 * rankSumX)), Method.EXACT);
        }
        return new Result(u, normalP(n1, n2, u, ranks.tieTerm()), Method.NORMAL_APPROXIMATION);
    }

    /**
     * Two-sided exact p-value of a first sample of {@code n1} values whose ranks sum to
     * {@code doubledRankSum / 2}. The distribution of that sum is built group by group of tied values
     * (a group of one when there are no ties): choosing {@code j} of a group's {@code t} values for the
     * first sample can be done in {@code C(t, j)} ways and adds {@code j} times the group's mid-rank.
     * Ranks are doubled so that mid-ranks, which may end in one half, are whole numbers. The counts, up to
     * C(100, 50), about 1e29, are doubles: they are only multiplied and added, so no precision is lost to
     * cancellation.
     */
    static double exactP(int n1, Ranks ranks, long doubledRankSum) {
        int n = ranks.sorted().length;
        long maxSum = 0;
        for (int i = n - n1; i < n; i++) {
            maxSum += Math.round(2 * ranks.midRanks()[i]);
        }
        // ways[k][s]: ways to pick k values of the groups seen so far with doubled rank sum s.
        double[][] ways = new double[n1 + 1][(int) maxSum + 1];
        ways[0][0] = 1;
        long reached = 0; // the largest sum any choice so far can have: the loops need go no further
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && ranks.midRanks()[j + 1] == ranks.midRanks()[i]) {
                j++;
            }
            int size = j - i + 1;
            int doubledRank = (int) Math.round(2 * ranks.midRanks()[i]);
            // In place, as in a knapsack: a choice only moves counts to a larger k, and k goes downwards, so
            // no count moved in this group is moved again.
            for (int k = n1 - 1; k >= 0; k--) {
                for (int s = (int) reached; s >= 0; s--) {
                    double before = ways[k][s];
                    if (before == 0) {
                        continue;
                    }
                    double choose = 1; // C(size, taken)
                    for (int taken = 1; taken <= size && k + taken <= n1; taken++) {
                        choose = choose * (size - taken + 1) / taken;
                        int sum = s + taken * doubledRank;
                        if (sum <= maxSum) {
                            ways[k + taken][sum] += before * choose;
                        }
                    }
                }
            }
            reached = Math.min(maxSum, reached + (long) Math.min(size, n1) * doubledRank);
            i = j + 1;
        }
        double total = 0;
        double lower = 0;
        double upper = 0;
        for (int s = 0; s <= maxSum; s++) {
            double count = ways[n1][s];
            total += count;
            if (s <= doubledRankSum) {
                lower += count;
            }
            if (s >= doubledRankSum) {
                upper += count;
            }
        }
        return Math.min(1.0, 2 * Math.min(lower, upper) / total);
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
    private record Ranks(double[] sorted, double[] midRanks, double tieTerm) {

        static Ranks of(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double[] midRanks = new double[sorted.length];
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
                    tieTerm += t * t * t - t;
                }
                i = j + 1;
            }
            return new Ranks(sorted, midRanks, tieTerm);
        }

        double rank(double value) {
            return midRanks[Arrays.binarySearch(sorted, value)];
        }
    }
}
