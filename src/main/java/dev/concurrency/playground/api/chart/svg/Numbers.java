package dev.concurrency.playground.api.chart.svg;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers as a chart shows them to people: short, with SI prefixes for the large ones. */
public final class Numbers {

    private static final MathContext THREE_DIGITS = new MathContext(3);

    private Numbers() {
    }

    /**
     * Three significant digits at most, without an exponent: {@code 0.183}, {@code 12.9}, {@code 705},
     * {@code 7050}; from ten thousand on with {@code k}, {@code M} or {@code G}: {@code 118M}, {@code 7.5G}.
     */
    public static String compact(double value) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "n/a" : value > 0 ? "∞" : "-∞";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e9) {
            return plain(value / 1e9) + "G";
        }
        if (magnitude >= 1e6) {
            return plain(value / 1e6) + "M";
        }
        if (magnitude >= 1e4) {
            return plain(value / 1e3) + "k";
        }
        return plain(value);
    }

    private static String plain(double value) {
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(THREE_DIGITS).stripTrailingZeros().toPlainString();
    }
}
