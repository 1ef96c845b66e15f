package dev.concurrency.playground.engine;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition that other threads bring about, failing with what was seen if it never holds. */
final class Await {

    /** Generous, so a loaded machine only delays a test: a condition that holds at all holds within it. */
    static final Duration LIMIT = Duration.ofSeconds(10);

    private Await() {
    }

    static void until(BooleanSupplier condition, Supplier<String> whatFailed) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("waited " + LIMIT.toSeconds() + " s: " + whatFailed.get());
            }
            Thread.sleep(1);
        }
    }
}
