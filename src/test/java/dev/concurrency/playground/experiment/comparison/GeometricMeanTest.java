package dev.concurrency.playground.experiment.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Geometric means that can be checked by hand. */
class GeometricMeanTest {

    @Test
    void knownMeans() {
        assertEquals(4.0, GeometricMean.of(new double[] {2, 8}), 1e-12); // sqrt(16)
        assertEquals(10.0, GeometricMean.of(new double[] {1, 10, 100}), 1e-12); // cbrt(1000)
        assertEquals(1e300, GeometricMean.of(new double[] {1e300, 1e300, 1e300}), 1e288, "no overflow of the product");
    }

    @Test
    void undefinedWithZeroNegativeOrNoValues() {
        assertNull(GeometricMean.of(new double[] {0, 5}));
        assertNull(GeometricMean.of(new double[] {-1, 5}));
        assertNull(GeometricMean.of(new double[0]));
    }
}
