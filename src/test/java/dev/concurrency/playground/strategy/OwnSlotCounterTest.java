package dev.concurrency.playground.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The counters with a slot per thread: each worker gets a slot no other has, each slot counts exactly its
 * worker's increments, a worker beyond those the counter was prepared for is refused rather than given a
 * shared slot, and the padded slots really lie two cache lines apart and off the array header's line.
 */
class OwnSlotCounterTest {

    @ParameterizedTest
    @ValueSource(strings = {"adjacent-counters", "padded-counters", "adjacent-atomics", "padded-atomics"})
    void eachWorkerCountsInASlotOfItsOwn(String id) throws Exception {
        SharedCounter counter = new StrategyCatalog().find(id).orElseThrow().newCounter();
        int threads = 5;
        counter.prepare(threads);
        CountDownLatch started = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int increments = 1_000 * (t + 1);
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    counter.threadStarting();
                    started.countDown();
                    started.await();
                    counter.incrementTimesCountingCasFailures(increments);
                    counter.threadFinished();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        assertEquals(1_000 * (1 + 2 + 3 + 4 + 5), counter.total());
        assertThrows(IllegalStateException.class, counter::threadStarting, "a sixth worker has no slot");
    }

    @Test
    void paddedSlotsLieTwoCacheLinesApartAndOffTheHeader() {
        assertEquals(2 * OwnSlotCounter.CACHE_LINE_BYTES, PaddedCountersCounter.STRIDE * Long.BYTES);
        for (int slot = 0; slot < 100; slot++) {
            assertEquals(PaddedCountersCounter.STRIDE, PaddedCountersCounter.index(slot + 1) - PaddedCountersCounter.index(slot));
            assertTrue(PaddedCountersCounter.index(slot) * Long.BYTES >= 2 * OwnSlotCounter.CACHE_LINE_BYTES,
                    "two lines between the header and the first slot");
        }
    }
}
