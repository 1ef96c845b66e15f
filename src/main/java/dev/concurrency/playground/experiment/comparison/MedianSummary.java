package dev.concurrency.playground.experiment.comparison;

import java.util.Arrays;

/**
 * One side of a comparison for one metric: how many values, their median, and a distribution-free
 * confidence interval of the median, as benchstat reports them.
 *
 * <p>The interval is the pair of order statistics {@code [x(k), x(n+1-k)]} (1-based, sorted) with the
 * largest {@code k} whose coverage reaches the level asked for. Whatever the distribution, the number of
 * values below the true median is Binomial(n, 1/2), so that interval covers it with probability
 * {@code 1 - 2 P(B <= k-1)}: no assumption of normality, which benchmark timings do not meet. With
 * few values even the widest interval, from the smallest to the largest value, covers the median with
 * less than the level ({@code 1 - 2^(1-n)}: 93.75% for five values), and then the interval is absent
 * rather than invented; at 95% it takes six values.
 *
 * @param n number of values
 * @param median the middle value, or the mean of the two middle ones; absent without values
 * @param low lower end of the interval; absent when there are too few values for the level
 * @param high upper end of the interval; absent when {@code low} is
 * @param coverage the probability that the interval covers the true median (at least the level asked
 *     for, usually a little more, as order statistics move in steps); absent when the interval is
 */
public record MedianSummary(int n, Double median, Double low, Double high, Double coverage) {

    public static MedianSummary of(double[] values, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must lie between 0 and 1");
        }
        int n = values.length;
        if (n == 0) {
            return new MedianSummary(0, null, null, null, null);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        int k = 0;
        double coverage = 0;
        // P(B <= j) for B ~ Binomial(n, 1/2), accumulated as k grows; coverage only shrinks with k.
        double belowK = 0;
        double term = Math.pow(0.5, n); // P(B = 0)
        for (int candidate = 1; candidate <= n / 2; candidate++) {
            belowK += term; // now P(B <= candidate - 1)
            double candidateCoverage = 1 - 2 * belowK;
            if (candidateCoverage < level) {
                break;
            }
            k = candidate;
            coverage = candidateCoverage;
            term = term * (n - (candidate - 1)) / candidate; // P(B = candidate)
        }
        if (k == 0) {
            return new MedianSummary(n, median, null, null, null);
        }
        return new MedianSummary(n, median, sorted[k - 1], sorted[n - k], coverage);
    }

    /** The fewest values for which an interval at {@code level} exists. */
    public static int valuesNeeded(double level) {
        int n = 1;
        while (1 - 2 * Math.pow(0.5, n) < level) {
            n++;
        }
        return n;
    }
}
