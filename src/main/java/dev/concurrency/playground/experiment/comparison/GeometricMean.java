package dev.concurrency.playground.experiment.comparison;

/**
 * The geometric mean, benchstat's summary over all the pairs of a table: the n-th root of the product,
 * computed as the exponential of the mean logarithm so that the product of many large figures cannot
 * overflow. It suits ratios and rates: the geometric mean of the candidate's figures over the
 * baseline's is the geometric mean of the per-pair ratios, so every pair weighs the same however large
 * its figures are, where an arithmetic mean would be dominated by the slowest run.
 */
public final class GeometricMean {

    private GeometricMean() {
    }

    /** The geometric mean of positive values; absent without values or when one is not positive. */
    public static Double of(double[] values) {
        if (values.length == 0) {
            return null;
        }
        double logs = 0;
        for (double value : values) {
            if (!(value > 0) || Double.isInfinite(value)) {
                return null; // the logarithm of zero or less is undefined; benchstat refuses too
            }
            logs += Math.log(value);
        }
        return Math.exp(logs / values.length);
    }
}
