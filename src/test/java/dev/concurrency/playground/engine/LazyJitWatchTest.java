package dev.concurrency.playground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A lazy JIT watch is made on its first question, once, and then answers as the watch it made. */
class LazyJitWatchTest {

    @Test
    void theWatchIsMadeOnTheFirstQuestionOnlyAndThenAnswers() {
        AtomicInteger made = new AtomicInteger();
        JitWatch lazy = JitWatch.lazy(() -> {
            made.incrementAndGet();
            return new JitWatch() {
                @Override
                public Boolean compiledAtTopTier(Strategy strategy) {
                    return strategy.id().equals("atomic");
                }

                @Override
                public long compilationMillis() {
                    return 42;
                }
            };
        });
        assertEquals(0, made.get(), "not made before it is asked");
        assertEquals(42, lazy.compilationMillis());
        StrategyCatalog catalog = new StrategyCatalog();
        assertTrue(lazy.compiledAtTopTier(catalog.find("atomic").orElseThrow()));
        assertFalse(lazy.compiledAtTopTier(catalog.find("volatile").orElseThrow()));
        assertEquals(1, made.get(), "made once");
    }

    @Test
    void aBlindWatchStaysBlind() {
        JitWatch lazy = JitWatch.lazy(() -> JitWatch.BLIND);
        assertEquals(-1, lazy.compilationMillis());
        assertNull(lazy.compiledAtTopTier(new StrategyCatalog().find("atomic").orElseThrow()));
    }
}
