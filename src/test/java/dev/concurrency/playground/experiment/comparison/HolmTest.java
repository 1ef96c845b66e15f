package dev.concurrency.playground.experiment.comparison;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Holm's adjustment against R's {@code p.adjust(p, "holm")}, worked by hand. */
class HolmTest {

    @Test
    void stepDownWithMonotonicity() {
        // Sorted: 0.005 * 4 = 0.02, 0.01 * 3 = 0.03, 0.03 * 2 = 0.06, 0.04 * 1 = 0.04 raised to 0.06.
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") is 0.03 0.06 0.06 0.02.
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005}),
                1e-15);
    }

    @Test
    void cappedAtOneAndEqualValuesKeepTheirOrder() {
        // 0.5 * 2 = 1.0, 0.6 raised to 1.0; p.adjust(c(0.6, 0.5), "holm") is 1 1.
        assertArrayEquals(new double[] {1.0, 1.0}, Holm.adjust(new double[] {0.6, 0.5}), 0);
        // p.adjust(c(0.01, 0.01, 0.01), "holm") is 0.03 0.03 0.03.
        assertArrayEquals(new double[] {0.03, 0.03, 0.03}, Holm.adjust(new double[] {0.01, 0.01, 0.01}), 1e-15);
    }

    @Test
    void oneTestIsLeftAsItIsAndNoneIsNothing() {
        assertArrayEquals(new double[] {0.04}, Holm.adjust(new double[] {0.04}), 0);
        assertArrayEquals(new double[0], Holm.adjust(new double[0]), 0);
    }
}
