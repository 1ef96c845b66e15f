package dev.concurrency.playground.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The racy counters must race the way their source says: one load and one store per increment. If
 * the JIT were allowed to fold the loop into a single {@code count += n}, another thread could only
 * ever see the counter before or after a whole batch; a batch of millions of increments would then
 * show no intermediate value at all. A counter that stores every increment shows many.
 */
class RacyCountersTest {

    private static final int INCREMENTS = 1 << 22;

    static List<Strategy> racyStrategies() {
        return new StrategyCatalog().all().stream().filter(s -> !s.threadSafe()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("racyStrategies")
    void everyIncrementIsStoredWhereOtherThreadsCanSeeIt(Strategy strategy) {
        // The interpreter stores every increment whatever the source says; only compiled code can fold.
        for (int warm = 0; warm < 20_000; warm++) {
            strategy.newCounter().incrementTimes(1024);
        }
        boolean sawIntermediate = false;
        // Repeat a few times with a warm JIT: one attempt may finish before the observer is scheduled.
        for (int attempt = 0; attempt < 20 && !sawIntermediate; attempt++) {
            SharedCounter counter = strategy.newCounter();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> counter.incrementTimes(INCREMENTS));
            while (!writer.isDone() && !sawIntermediate) {
                long seen = counter.total();
                sawIntermediate = seen > 0 && seen < INCREMENTS;
            }
            writer.join();
            assertEquals(INCREMENTS, counter.total(), "alone, a racy counter counts exactly");
        }
        assertTrue(sawIntermediate, strategy.id() + " never exposed an intermediate count: its loop was folded");
    }
}
