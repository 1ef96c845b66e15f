package dev.concurrency.playground.experiment.analysis;

import java.util.Collection;
import java.util.DoubleSummaryStatistics;

/** Minimum, mean and maximum of one figure over a run's trials. */
public record MinMeanMax(double min, double mean, double max) {

    /** The statistics of the given values, or {@code null} when there are none. */
    static MinMeanMax of(Collection<? extends Number> values) {
        DoubleSummaryStatistics summary = values.stream()
                .filter(java.util.Objects::nonNull)
                .mapToDouble(Number::doubleValue)
                .summaryStatistics();
        if (summary.getCount() == 0) {
            return null;
        }
        return new MinMeanMax(summary.getMin(), summary.getAverage(), summary.getMax());
    }
}
