package dev.concurrency.playground.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.engine.CancellationToken;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialCancelledException;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.engine.TrialMeasurement;
import dev.concurrency.playground.engine.TrialPlan;
import dev.concurrency.playground.engine.Workload;
import dev.concurrency.playground.strategy.HandOffLatency;
import dev.concurrency.playground.strategy.OwnedCounter;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strategies whose count has one owner, on the engine the service runs (its event loops included):
 * nothing lost, the drain inside the timed span, latency sampled, and no owner thread left behind however
 * the trial ends.
 */
class OwnedTrialsTest {

    private static final StrategyCatalog CATALOG = new StrategyCatalog();
    private final TrialEngine engine = new TrialEngine(new DedicatedEventLoops());

    /** Found by what the counters are, so a new owned strategy is tested without naming it here. */
    static List<Strategy> owned() {
        List<Strategy> owned = CATALOG.all().stream()
                .filter(s -> s.runsIn(dev.concurrency.playground.strategy.WorkerKind.PLATFORM) && s.newCounter() instanceof OwnedCounter).toList();
        assertTrue(owned.size() >= 2, "the catalog has no owned strategies: " + owned);
        return owned;
    }

    static Stream<Arguments> ownedOnEveryThreadType() {
        return owned().stream().flatMap(s -> Stream.of(
                Arguments.of(s, ThreadType.PLATFORM, 1), Arguments.of(s, ThreadType.PLATFORM, 3),
                Arguments.of(s, ThreadType.VIRTUAL, 200)));
    }

    @ParameterizedTest(name = "{0} on {2} {1}")
    @MethodSource("ownedOnEveryThreadType")
    void fixedWorkLosesNothingAndTimesTheDrain(Strategy strategy, ThreadType type, int threads) throws Exception {
        long perThread = 20_000;
        TrialMeasurement m = engine.run(new TrialPlan(strategy, type, threads, new Workload.FixedWork(perThread)),
                new CancellationToken());
        assertEquals(threads * perThread, m.expectedCount(), "every worker did its work");
        assertEquals(m.expectedCount(), m.actualCount(), "the owner applied every increment");
        assertFigures(m);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("owned")
    void fixedTimeLosesNothing(Strategy strategy) throws Exception {
        TrialMeasurement m = engine.run(new TrialPlan(strategy, ThreadType.PLATFORM, 2, new Workload.FixedTime(50)),
                new CancellationToken());
        assertTrue(m.expectedCount() > 0);
        assertEquals(m.expectedCount(), m.actualCount());
        assertFigures(m);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("owned")
    void aCancelledTrialLeavesNoOwnerBehind(Strategy strategy) throws Exception {
        CancellationToken token = new CancellationToken();
        CompletableFuture<Void> cancel = CompletableFuture.runAsync(token::cancel,
                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
        assertThrows(TrialCancelledException.class, () -> engine.run(
                new TrialPlan(strategy, ThreadType.VIRTUAL, 500, new Workload.FixedTime(60_000)), token));
        cancel.join();
        assertEquals(List.of(), ownerThreads());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("owned")
    void everyTrialEndsItsOwner(Strategy strategy) throws Exception {
        for (int i = 0; i < 20; i++) {
            engine.run(new TrialPlan(strategy, ThreadType.PLATFORM, 2, new Workload.FixedWork(1_000)),
                    new CancellationToken());
        }
        assertEquals(List.of(), ownerThreads());
    }

    /** What holds on every run, whatever the timings: the parts add up and the percentiles are in order. */
    private static void assertFigures(TrialMeasurement m) {
        assertNotNull(m.drainNanos(), "an owned trial reports its drain");
        assertTrue(m.drainNanos() >= 0 && m.drainNanos() <= m.durationNanos(), m.toString());
        assertTrue(m.maxThreadNanos() <= m.durationNanos(), "the span includes every worker: " + m);
        HandOffLatency latency = m.handOffLatency();
        assertNotNull(latency, "the first batch always carries a probe");
        assertTrue(latency.samples() >= 1);
        assertTrue(latency.p50Nanos() <= latency.p99Nanos() && latency.p99Nanos() <= latency.maxNanos(), latency.toString());
        assertTrue(latency.samples() <= m.expectedCount(), "at most one probe per increment");
    }

    private static List<String> ownerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("trial-owner-"))
                .map(Thread::getName).toList();
    }
}
