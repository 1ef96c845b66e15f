package dev.concurrency.playground.api.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Prefer: wait} (RFC 7240): a well-formed wait is honoured up to the service's cap; anything else
 * is ignored, as the RFC allows, so the request is answered at once rather than refused.
 */
class PreferWaitTest {

    private static final int MAX = 300;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "wait=30                       | 30",
            "wait=1                        | 1",
            "respond-async, wait=30        | 30",
            "wait=30, respond-async        | 30",
            "respond-async; wait=7         | 7",
            "WAIT=12                       | 12",
            "  wait = 9                    | 9",
            "wait=\"15\"                   | 15",
            "wait=300                      | 300",
            "wait=301                      | 300",
            "wait=9223372036854775807      | 300",
            "handling=lenient, wait=4, wait=8 | 4",
    })
    void aWellFormedWaitIsHonouredUpToTheCap(String header, int expected) {
        assertEquals(OptionalInt.of(expected), PreferWait.parse(header, MAX));
    }

    @ParameterizedTest(name = "[{0}]")
    @NullSource
    @ValueSource(strings = {
            "", "respond-async", "wait", "wait=", "wait=0", "wait=-5", "wait=1.5", "wait=abc", "wait=30s",
            "wait=99999999999999999999", "waiting=30", "nowait=30", "return=minimal",
    })
    void anythingElseIsIgnored(String header) {
        assertEquals(OptionalInt.empty(), PreferWait.parse(header, MAX));
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(ints = {1, 5, 60})
    void theCapComesFromTheCaller(int cap) {
        assertEquals(OptionalInt.of(cap), PreferWait.parse("wait=" + (cap + 1), cap));
        assertEquals(OptionalInt.of(cap), PreferWait.parse("wait=" + cap, cap));
    }
}
