package dev.concurrency.playground.api.chart.svg;

/**
 * The colours of everything that is not a series. The dark theme is not an inversion: its grid and text
 * are dimmed so that the series, which keep their hues, stay the brightest things on the chart.
 */
public enum Theme {
    LIGHT("#ffffff", "#1a1a1a", "#5c5c5c", "#e3e3e3", "#8a8a8a"),
    DARK("#1b1b1f", "#ececec", "#b0b0b0", "#34343a", "#8f8f96");

    final String background;
    final String text;
    final String muted;
    final String grid;
    final String axis;

    Theme(String background, String text, String muted, String grid, String axis) {
        this.background = background;
        this.text = text;
        this.muted = muted;
        this.grid = grid;
        this.axis = axis;
    }
}
