package dev.concurrency.playground.api.chart.svg;

import java.util.List;

/**
 * Series styles that stay apart for readers with any common colour-vision deficiency.
 *
 * <p>The hues are Okabe and Ito's eight (2008), chosen to remain distinguishable under protanopia,
 * deuteranopia and tritanopia. Twelve strategies need more than eight styles, and more hues would not
 * stay distinguishable, so from the ninth series on the hues repeat with another dash pattern and hollow
 * points: series {@code i} and {@code i + 8} share a hue, never a line. Okabe-Ito's black would vanish on
 * a dark background; there it is a light grey.
 */
public final class Palette {

    private static final List<String> HUES = List.of(
            "#E69F00", // orange
            "#56B4E9", // sky blue
            "#009E73", // bluish green
            "#0072B2", // blue
            "#D55E00", // vermillion
            "#CC79A7", // reddish purple
            "#F0E442", // yellow
            "#000000"); // black
    private static final String BLACK_ON_DARK = "#d9d9d9";
    /** One dash pattern per round of hues; {@code ""} is a solid line. */
    private static final List<String> DASHES = List.of("", "7 4", "2 3", "9 3 2 3");

    private Palette() {
    }

    /** How series {@code index} (0-based) is drawn. */
    public static SeriesStyle style(int index, Theme theme) {
        String hue = HUES.get(index % HUES.size());
        if (theme == Theme.DARK && hue.equals("#000000")) {
            hue = BLACK_ON_DARK;
        }
        int round = index / HUES.size();
        return new SeriesStyle(hue, DASHES.get(round % DASHES.size()), round % 2 == 1);
    }

    /**
     * @param dash an SVG {@code stroke-dasharray}, or empty for a solid line
     * @param hollow points drawn as rings rather than discs
     */
    public record SeriesStyle(String color, String dash, boolean hollow) {
    }
}
