package dev.concurrency.playground.api.chart.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps data values onto pixels along one axis, and chooses that axis's ticks.
 *
 * <p>A linear scale widens the data's range to "nice" round ends and steps (1, 2 or 5 times a power of
 * ten, after Heckbert's "Nice numbers for graph labels", Graphics Gems, 1990), so that ticks fall on
 * values a reader can add up. A logarithmic scale spans whole decades; within one or two decades it adds
 * ticks at 2 and 5 times each power of ten, so that it never shows a single tick.
 *
 * @param min the smallest value on the axis (a tick)
 * @param max the largest value on the axis (a tick)
 * @param ticks the values to mark, ascending, from {@code min} to {@code max}
 */
public record Scale(boolean log, double min, double max, List<Double> ticks, double from, double to) {

    /** At most about this many ticks on a linear axis: more crowd a small chart. */
    static final int TARGET_TICKS = 6;

    public Scale {
        ticks = List.copyOf(ticks);
    }

    /**
     * A linear scale from {@code low} to {@code high} (widened to nice values), drawn from pixel
     * {@code from} to {@code to} (which may run backwards, as a y axis does).
     */
    public static Scale linear(double low, double high, double from, double to) {
        if (!(Double.isFinite(low) && Double.isFinite(high))) {
            throw new IllegalArgumentException("a scale needs finite ends: " + low + ", " + high);
        }
        if (low > high) {
            double swap = low;
            low = high;
            high = swap;
        }
        if (low == high) {
            // One value: give it room, around it or, for zero, above it.
            double pad = low == 0 ? 1 : Math.abs(low) * 0.5;
            low = low == 0 ? 0 : low - pad;
            high = high + pad;
        }
        double step = niceStep(low, high);
        long first = (long) Math.floor(low / step + 1e-9);
        long last = (long) Math.ceil(high / step - 1e-9);
        List<Double> ticks = new ArrayList<>();
        for (long k = first; k <= last; k++) {
            ticks.add(clean(k * step, step));
        }
        return new Scale(false, ticks.getFirst(), ticks.getLast(), ticks, from, to);
    }

    /**
     * A logarithmic scale over the whole decades that hold {@code low} to {@code high}, both positive.
     */
    public static Scale log(double low, double high, double from, double to) {
        if (!(low > 0 && high > 0 && Double.isFinite(low) && Double.isFinite(high))) {
            throw new IllegalArgumentException("a logarithmic scale needs positive finite ends: " + low + ", " + high);
        }
        if (low > high) {
            double swap = low;
            low = high;
            high = swap;
        }
        int lowDecade = (int) Math.floor(Math.log10(low) + 1e-9);
        int highDecade = (int) Math.ceil(Math.log10(high) - 1e-9);
        if (highDecade == lowDecade) {
            highDecade++;
        }
        int decades = highDecade - lowDecade;
        // Across many decades, every power of ten would crowd the axis: mark every second or third.
        int every = decades <= TARGET_TICKS ? 1 : (decades + TARGET_TICKS - 1) / TARGET_TICKS;
        List<Double> ticks = new ArrayList<>();
        for (int decade = lowDecade; decade <= highDecade; decade++) {
            double power = Math.pow(10, decade);
            if ((decade - lowDecade) % every == 0 || decade == highDecade) {
                ticks.add(clean(power, power));
            }
            if (decades <= 2 && decade < highDecade) {
                ticks.add(clean(2 * power, power));
                ticks.add(clean(5 * power, power));
            }
        }
        return new Scale(true, Math.pow(10, lowDecade), Math.pow(10, highDecade), ticks, from, to);
    }

    /** The pixel where {@code value} lies; values beyond the ends are held at the ends. */
    public double map(double value) {
        double share;
        if (log) {
            double clamped = Math.min(Math.max(value, min), max);
            share = (Math.log(clamped) - Math.log(min)) / (Math.log(max) - Math.log(min));
        } else {
            double clamped = Math.min(Math.max(value, min), max);
            share = (clamped - min) / (max - min);
        }
        return from + share * (to - from);
    }

    /**
     * The smallest step, 1, 2 or 5 times a power of ten, whose ticks cover {@code low} to {@code high} in at
     * most {@link #TARGET_TICKS} intervals: the finest grid that does not crowd the axis.
     */
    static double niceStep(double low, double high) {
        double power = Math.pow(10, Math.floor(Math.log10((high - low) / TARGET_TICKS)));
        for (int round = 0; ; round++) {
            for (int multiple : new int[] {1, 2, 5}) {
                double step = multiple * power * Math.pow(10, round);
                if (Math.ceil(high / step - 1e-9) - Math.floor(low / step + 1e-9) <= TARGET_TICKS) {
                    return step;
                }
            }
        }
    }

    /** {@code value} without the binary noise of {@code k * step} (0.30000000000000004 is 0.3). */
    private static double clean(double value, double step) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step)) + 1);
        return decimals > 15 ? value : Math.round(value * Math.pow(10, decimals)) / Math.pow(10, decimals);
    }
}
