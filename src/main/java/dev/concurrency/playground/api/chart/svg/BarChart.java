package dev.concurrency.playground.api.chart.svg;

import java.util.List;

/**
 * Bars grouped by category (a thread count, say), one bar per series in each group, each with an
 * optional whisker.
 *
 * @param categories the groups, left to right; each is also the bars' {@code data-x}
 * @param empty what to say in the plot when there are no series
 */
public record BarChart(Frame frame, String xLabel, String yLabel, List<String> categories, List<Series> series,
        String empty) {

    public BarChart {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
    }

    /** @param bars one per category, in their order; a null element for a category the series lacks */
    public record Series(String id, String label, List<Bar> bars) {

        public Series {
            bars = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(bars));
        }
    }

    /**
     * @param low lower end of the whisker, or null for none
     * @param high upper end of the whisker, or null for none
     */
    public record Bar(double value, Double low, Double high, String tooltip) {
    }
}
