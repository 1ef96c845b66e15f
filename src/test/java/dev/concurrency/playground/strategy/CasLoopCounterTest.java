package dev.concurrency.playground.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compare-and-set loop's failure count, the one figure no other strategy reports.
 *
 * <p>What holds on every run: alone, no attempt can fail. Under contention, each failed attempt of a
 * thread means another thread's compare-and-set succeeded between that thread's read and its
 * attempt (the counter changes only by successful attempts, and the attempt is a strong one, which
 * never fails spuriously); the thread reads again after every failure, so no success of another
 * thread can be blamed for two of its failures. A thread's failures therefore never exceed the
 * increments the other threads made, and are never negative. What holds only with luck: that two
 * threads collide at all. So the test runs whole contended trials until one shows a failure or a
 * generous budget is spent, checking the bounds on every trial.
 */
class CasLoopCounterTest {

    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int BATCH = 1024;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 1_000, 1 << 20})
    void aloneItCountsExactlyAndNoAttemptFails(int n) {
        CasLoopCounter counter = new CasLoopCounter();
        assertEquals(0, counter.incrementTimesCountingCasFailures(n), "no other thread, so no compare-and-set can fail");
        assertEquals(n, counter.total());
        assertEquals(0, counter.incrementTimesCountingCasFailures(n));
        assertEquals(2L * n, counter.total());
    }

    /** One thread's tally in a contended trial. */
    record Tally(long increments, long failures) {
    }

    @Test
    @Timeout(90)
    void contendedThreadsReportFailuresWithinWhatTheOthersDid() throws Exception {
        int threads = 2;
        long began = System.nanoTime();
        int trials = 0;
        long mostFailures = 0;
        while (System.nanoTime() - began < BUDGET_NANOS) {
            CasLoopCounter counter = new CasLoopCounter();
            List<Tally> tallies = contend(counter, threads, 20);
            trials++;
            long total = tallies.stream().mapToLong(Tally::increments).sum();
            assertEquals(total, counter.total(), "a compare-and-set loop loses nothing");
            for (Tally tally : tallies) {
                long byOthers = total - tally.increments();
                assertTrue(tally.failures() >= 0 && tally.failures() <= byOthers,
                        "a thread reported " + tally.failures() + " failed attempts while the others made " + byOthers
                                + " increments; it can be neither negative nor more than that, as each increment of"
                                + " another thread can make at most one of its attempts fail");
            }
            long failures = tallies.stream().mapToLong(Tally::failures).sum();
            mostFailures = Math.max(mostFailures, failures);
            if (failures > 0) {
                return;
            }
        }
        throw new AssertionError("no compare-and-set failed in " + trials + " trials of 20 ms with " + threads
                + " threads incrementing one counter (" + (System.nanoTime() - began) / 1_000_000 + " ms); "
                + "most failures in one trial: " + mostFailures);
    }

    /**
     * Lets {@code threads} threads increment {@code counter} in batches for about {@code millis}, all
     * released at once, and returns what each says it did.
     */
    private static List<Tally> contend(CasLoopCounter counter, int threads, long millis) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        Tally[] tallies = new Tally[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            workers.add(Thread.ofPlatform().daemon(true).start(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long increments = 0;
                long failures = 0;
                while (!stop.get()) {
                    failures += counter.incrementTimesCountingCasFailures(BATCH);
                    increments += BATCH;
                }
                tallies[index] = new Tally(increments, failures); // read after join
            }));
        }
        ready.await();
        go.countDown();
        Thread.sleep(millis);
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        return List.of(tallies);
    }
}
