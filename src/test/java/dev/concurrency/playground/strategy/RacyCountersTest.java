package dev.concurrency.playground.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The racy counters must race the way their source says: one load and one store per increment. If
 * the JIT were allowed to fold the loop into a single {@code count += n}, another thread could only
 * ever see the counter at a whole number of batches; a counter that stores every increment shows,
 * almost every time it is read during a batch, a count from inside one.
 *
 * <p>The observer must be reading while the writer is inside a batch. A single batch lasts a few
 * milliseconds, and on a loaded machine the observer may not get a core during it (which made an
 * earlier version of this test fail now and then). So the writer keeps running batch after batch
 * until the observer has seen what it looks for or a generous time budget is spent: any moment the
 * observer runs, whether beside the writer or in turn with it on one core, the writer is almost
 * surely inside a batch. If the budget runs out, the message says what was observed.
 */
class RacyCountersTest {

    private static final int BATCH = 1 << 20;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** In the heap: a strategy with a backend stores its increments in its server, not in memory this test can watch. */
    static List<Strategy> racyStrategies() {
        // The racy counters in the heap, whose loop the JIT could fold; a database's reads and writes are its own.
        return new StrategyCatalog().all().stream().filter(s -> !s.threadSafe() && s.backend().isEmpty() && s.runsIn(WorkerKind.PLATFORM)).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("racyStrategies")
    @Timeout(90)
    void everyIncrementIsStoredWhereOtherThreadsCanSeeIt(Strategy strategy) throws InterruptedException {
        // The interpreter stores every increment whatever the source says; only compiled code can fold.
        for (int warm = 0; warm < 20_000; warm++) {
            strategy.newCounter().incrementTimesCountingCasFailures(1024);
        }
        SharedCounter counter = strategy.newCounter();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong batchesDone = new AtomicLong(); // one atomic add per batch of a million increments
        Thread writer = Thread.ofPlatform().daemon(true).name("racy-writer").start(() -> {
            while (!stop.get()) {
                counter.incrementTimesCountingCasFailures(BATCH);
                batchesDone.incrementAndGet();
            }
        });

        long began = System.nanoTime();
        long reads = 0;
        long inside = -1;
        long lastSeen = 0;
        try {
            while (inside < 0 && System.nanoTime() - began < BUDGET_NANOS && writer.isAlive()) {
                lastSeen = counter.total();
                reads++;
                // Only reads taken once the writer has finished a batch count: by then the loop has run long
                // enough in its steady state, and this is not the writer's first pass through it.
                if (lastSeen % BATCH != 0 && batchesDone.get() >= 1) {
                    inside = lastSeen;
                }
            }
        } finally {
            stop.set(true); // the writer stops after its current batch
            writer.join();
        }
        long elapsedMillis = (System.nanoTime() - began) / 1_000_000;
        long batches = batchesDone.get();

        assertEquals(batches * BATCH, counter.total(), "alone, a racy counter counts exactly");
        if (inside < 0) {
            throw new AssertionError(strategy.id() + ": read the counter " + reads + " times in " + elapsedMillis
                    + " ms while another thread ran " + batches + " batches of " + BATCH + " increments; every value"
                    + " read (the last was " + lastSeen + ") was a whole number of batches. No increment inside a"
                    + " batch was ever visible to another thread, as if the loop stored its count once per batch.");
        }
    }
}
