package dev.concurrency.playground.experiment.comparison;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm-Bonferroni adjustment of p-values for testing many hypotheses at once. Comparing twelve runs at a
 * significance level of 0.05 each, the chance of at least one false "significant" among identical runs
 * is not 5% but up to 46%. Holm's step-down method keeps that family-wise error rate at the level
 * while rejecting at least as much as plain Bonferroni: the i-th smallest of m p-values is multiplied by
 * {@code m - i + 1}, each adjusted value is raised to at least the one before it (so the order is kept),
 * and capped at 1. A hypothesis is rejected when its adjusted p-value is at most the level; this is
 * R's {@code p.adjust(p, "holm")}. It holds whatever the dependence between the tests, which matters
 * here: runs measured one after another on one machine share its noise.
 */
public final class Holm {

    private Holm() {
    }

    /** The adjusted p-values, in the order given. */
    public static double[] adjust(double[] pValues) {
        int m = pValues.length;
        Integer[] order = IntStream.range(0, m).boxed().sorted(Comparator.comparingDouble(i -> pValues[i]))
                .toArray(Integer[]::new);
        double[] adjusted = new double[m];
        double previous = 0;
        for (int rank = 0; rank < m; rank++) {
            int index = order[rank];
            double value = Math.min(1.0, Math.max(previous, (m - rank) * pValues[index]));
            adjusted[index] = value;
            previous = value;
        }
        return adjusted;
    }
}
