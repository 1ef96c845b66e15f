package dev.concurrency.playground.api.chart.svg;

import java.util.List;

/**
 * Changes in percent as horizontal bars that diverge from zero, one row each, with whiskers for their
 * uncertainty; changes that are not significant are drawn faint and marked {@code ~}.
 *
 * @param xLabel the label of the (horizontal) value axis
 * @param rows top to bottom; consecutive rows of one series are one group
 * @param empty what to say when there are no rows
 */
public record ChangeChart(Frame frame, String xLabel, List<Row> rows, String empty) {

    public ChangeChart {
        rows = List.copyOf(rows);
    }

    /**
     * @param series written as {@code data-series} of the row's group, and named in the legend
     * @param label the row's name on the category axis
     * @param x written as the bar's {@code data-x} (a thread count, say)
     * @param percent the change; null when there is none to show (the label then says "n/a")
     * @param low lower end of the whisker, or null for none
     * @param high upper end of the whisker, or null for none
     */
    public record Row(String series, String label, String x, Double percent, Double low, Double high,
            boolean significant, String tooltip) {
    }
}
