package dev.concurrency.playground.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StrategyCatalogTest {

    private static final StrategyCatalog CATALOG = new StrategyCatalog();

    static List<Strategy> strategies() {
        return CATALOG.all();
    }

    @Test
    void offersExactlyTheDocumentedStrategies() {
        assertEquals(List.of("unsynchronized", "volatile", "synchronized", "reentrant-lock", "fair-lock",
                "read-write-lock", "stamped-lock", "semaphore", "atomic", "cas-loop", "long-adder", "thread-local"),
                CATALOG.ids());
    }

    @Test
    void onlyTheRacyStrategiesAreUnsafe() {
        assertEquals(List.of("unsynchronized", "volatile"),
                CATALOG.all().stream().filter(s -> !s.threadSafe()).map(Strategy::id).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void everyEntryTeachesSomething(Strategy strategy) {
        assertFalse(strategy.name().isBlank());
        assertFalse(strategy.javaApi().isBlank());
        assertFalse(strategy.summary().isBlank());
        assertFalse(strategy.summary().contains("\n"), "a summary is one line");
        assertTrue(strategy.description().length() > 200, "a description is a short lesson");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void everyTrialGetsAFreshCounter(Strategy strategy) {
        SharedCounter first = strategy.newCounter();
        first.incrementTimes(10);
        first.threadFinished();
        SharedCounter second = strategy.newCounter();
        assertNotSame(first, second);
        assertEquals(10, first.total());
        assertEquals(0, second.total());
    }

    @Test
    void unknownIdsAreNotFound() {
        assertTrue(CATALOG.find("nope").isEmpty());
        assertTrue(CATALOG.find(null).isEmpty());
    }
}
