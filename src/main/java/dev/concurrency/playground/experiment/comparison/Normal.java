package dev.concurrency.playground.experiment.comparison;

/**
 * The standard normal distribution's two-sided tail, {@code P(|Z| >= z) = erfc(z / sqrt 2)}, to about
 * twelve significant digits: enough that a p-value near the significance level is never misjudged for
 * want of precision. Written here rather than taken from a statistics library, which the service would
 * otherwise not need.
 */
final class Normal {

    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private Normal() {
    }

    /** {@code P(|Z| >= z)} for {@code z >= 0}. */
    static double twoSidedTail(double z) {
        return erfc(z / Math.sqrt(2));
    }

    /**
     * The complementary error function for {@code x >= 0}. Below 3, {@code 1 - erf(x)} from the series
     * {@code erf(x) = 2x/sqrt(pi) e^(-x^2) sum (2x^2)^n / (1 3 5 ... (2n+1))}, whose terms are all
     * positive, so nothing cancels and {@code erfc(3)}, about 2e-5, keeps its digits. From 3 on, the
     * continued fraction {@code erfc(x) = e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))},
     * which converges fast there, evaluated from a fixed depth backwards.
     */
    static double erfc(double x) {
        if (x < 0) {
            throw new IllegalArgumentException("x must not be negative");
        }
        if (x < 3) {
            double term = 1;
            double sum = 1;
            for (int n = 1; term > 1e-17 * sum; n++) {
                term *= 2 * x * x / (2 * n + 1);
                sum += term;
            }
            return 1 - TWO_OVER_SQRT_PI * x * Math.exp(-x * x) * sum;
        }
        double fraction = x;
        for (int k = 80; k >= 1; k--) {
            fraction = x + (k / 2.0) / fraction;
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / fraction;
    }
}
