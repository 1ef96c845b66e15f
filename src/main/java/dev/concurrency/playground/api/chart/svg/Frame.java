package dev.concurrency.playground.api.chart.svg;

import java.util.Objects;

/**
 * What every chart has around its data.
 *
 * @param kind written as the root's {@code data-kind}, for pages and tests that look for one chart
 * @param title the chart's heading and its {@code <title>}
 * @param description what the chart shows, in words: its {@code <desc>}, read by screen readers and by
 *     anyone who cannot see the picture
 * @param note a line under the title, such as how far an experiment in progress has come; may be null
 * @param stamp where the data comes from and when, written small in a corner
 * @param idPrefix prefixes every {@code id} in the document, so that two charts inlined in one page
 *     never share one; letters, digits and {@code -} only
 */
public record Frame(String kind, String title, String description, String note, String stamp, int width,
        int height, Theme theme, String idPrefix) {

    public Frame {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(theme, "theme");
        if (!idPrefix.matches("[A-Za-z][A-Za-z0-9-]*")) {
            throw new IllegalArgumentException("an id prefix is a letter, then letters, digits and '-': " + idPrefix);
        }
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("too small to draw a chart in: " + width + "x" + height);
        }
    }
}
