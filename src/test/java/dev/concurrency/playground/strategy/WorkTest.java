package dev.concurrency.playground.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The work is exactly the chain of mixing steps it claims to be, checked against the same recurrence
 * computed independently in arbitrary precision on the unsigned value, reduced modulo 2^64: a token that did nothing, a step
 * skipped or a different generator would change the states.
 */
class WorkTest {

    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger A = new BigInteger("6364136223846793005");
    private static final BigInteger C = new BigInteger("1442695040888963407");

    private static long reference(long seed, int tokens) {
        BigInteger s = BigInteger.valueOf(seed).mod(MODULUS);
        for (int i = 0; i < tokens; i++) {
            s = s.xor(s.shiftRight(31)).multiply(A).add(C).mod(MODULUS);
        }
        return s.longValue();
    }

    @ParameterizedTest(name = "{1} tokens from {0}")
    @CsvSource({"0, 0", "0, 1", "1, 1", "-1, 2", "42, 3", "1024, 100", "-9223372036854775808, 1000", "7, 12345"})
    void eachTokenIsOneMixingStep(long seed, int tokens) {
        assertEquals(reference(seed, tokens), Work.consume(seed, tokens));
    }

    @Test
    void chainsCompose() {
        long state = 99;
        assertEquals(Work.consume(state, 300), Work.consume(Work.consume(state, 100), 200));
        assertNotEquals(Work.consume(state, 300), Work.consume(state, 299), "every token changes the state");
    }

    @Test
    void keepingAStateDoesNotWriteTheSinkForOrdinaryStates() {
        Work.Sink sink = new Work.Sink();
        for (long seed = 0; seed < 1_000; seed++) {
            Work.keep(Work.consume(seed, 10), sink);
        }
        assertEquals(0, sink.kept);
    }
}
