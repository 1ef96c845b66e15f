package dev.concurrency.playground.api.chart.svg;

import java.util.List;

/**
 * Lines over a numeric x axis, each point with a band around it (a confidence interval, or a range).
 *
 * @param logX whether the x axis is logarithmic (for thread counts that span decades)
 * @param logY whether the y axis is logarithmic; every value must then be positive
 * @param empty what to say in the plot when there are no series, such as "no runs yet"
 */
public record LineChart(Frame frame, String xLabel, String yLabel, boolean logX, boolean logY, List<Series> series,
        String empty) {

    public LineChart {
        series = List.copyOf(series);
    }

    /**
     * @param id written as {@code data-series}: what a page or a test finds the series by
     * @param label shown in the legend
     * @param points ascending in x
     */
    public record Series(String id, String label, List<Point> points) {

        public Series {
            points = List.copyOf(points);
        }
    }

    /**
     * @param low lower edge of the band at this x
     * @param high upper edge of the band at this x
     * @param tooltip the point's {@code <title>}
     */
    public record Point(double x, double y, double low, double high, String tooltip) {
    }
}
