package dev.concurrency.playground.experiment.analysis;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * How one figure is spread over a run's measured trials, reported the way JMH reports a score.
 *
 * <p>{@code error} is the half-width of the 99.9% confidence interval of the mean by Student's t
 * distribution, JMH's {@code scoreError}: the true mean lies in {@code confidence} with 99.9%
 * probability if the trials are independent and roughly normal. With fewer than two trials there is
 * no spread to estimate, so {@code stddev}, {@code error} and {@code confidence} are absent rather
 * than a misleading zero.
 *
 * @param n number of trials the figures come from
 * @param confidence {@code [mean - error, mean + error]}
 */
public record SampleStatistics(
        int n,
        double mean,
        Double stddev,
        double min,
        double p50,
        double p90,
        double max,
        Double error,
        List<Double> confidence) {

    /** The confidence level JMH uses for {@code scoreError}. */
    public static final double CONFIDENCE_LEVEL = 0.999;

    /** The statistics of the given values, or {@code null} when there are none. */
    public static SampleStatistics of(double[] values) {
        if (values.length == 0) {
            return null;
        }
        DescriptiveStatistics stats = new DescriptiveStatistics(values);
        double mean = stats.getMean();
        Double stddev = null;
        Double error = null;
        List<Double> confidence = null;
        if (values.length >= 2) {
            stddev = stats.getStandardDeviation();
            TDistribution t = new TDistribution(values.length - 1);
            double quantile = t.inverseCumulativeProbability(1 - (1 - CONFIDENCE_LEVEL) / 2);
            error = quantile * stddev / Math.sqrt(values.length);
            confidence = List.of(mean - error, mean + error);
        }
        return new SampleStatistics(values.length, mean, stddev, stats.getMin(), stats.getPercentile(50),
                stats.getPercentile(90), stats.getMax(), error, confidence);
    }
}
