package dev.concurrency.playground.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.engine.CancellationToken;
import dev.concurrency.playground.engine.ReadShare;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialCancelledException;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.engine.TrialMeasurement;
import dev.concurrency.playground.engine.TrialPlan;
import dev.concurrency.playground.engine.WorkAround;
import dev.concurrency.playground.engine.Workload;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import dev.concurrency.playground.strategy.Backends;
import dev.concurrency.playground.strategy.HandOffLatency;
import dev.concurrency.playground.strategy.OwnedCounter;
import dev.concurrency.playground.strategy.OwnerWorkTarget;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import dev.concurrency.playground.strategy.Work;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strategies whose count has one owner, on the engine the service runs (its event loops included):
 * nothing lost, the drain inside the timed span, latency sampled, no owner thread left behind however the
 * trial ends, reads counted like every strategy's, and the work inside done by the owner.
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

    static Stream<Arguments> ownedWithReaders() {
        return owned().stream().flatMap(s -> Stream.of(
                Arguments.of(s, ThreadType.PLATFORM, 3), Arguments.of(s, ThreadType.VIRTUAL, 200)));
    }

    /**
     * With 90 % reads, fixed work counts operations: 20,500 per thread are 20 blocks of 900 reads and 100
     * increments, then 500 reads of the last block cut short, so 18,500 reads and 2,000 increments each, all of
     * which the owner applies before the trial ends; fixed time with work loses nothing either.
     */
    @ParameterizedTest(name = "{0} on {2} {1}")
    @MethodSource("ownedWithReaders")
    void readsAreCountedAndTheOwnerStillAppliesEveryIncrement(Strategy strategy, ThreadType type, int threads)
            throws Exception {
        TrialMeasurement fixedWork = engine.run(new TrialPlan(strategy, type, threads, new Workload.FixedWork(20_500),
                Backends.NONE, WorkAround.NONE, new ReadShare(90)), new CancellationToken());
        assertNotNull(fixedWork.reads(), "a trial with reads reports them");
        assertEquals(threads * 18_500L, fixedWork.reads().reads(), "the reads of the pattern");
        assertEquals(threads * 2_000L, fixedWork.expectedCount(), "the rest are increments");
        assertEquals(fixedWork.expectedCount(), fixedWork.actualCount(), "the owner applied every increment");
        assertTrue(fixedWork.reads().readNanos() > 0 && fixedWork.reads().writeNanos() > 0, "both phases timed");
        assertEquals(null, fixedWork.reads().readRetries(), "a published count is read once, never retried");
        assertFigures(fixedWork);
        // The workers' time per hand-off is their increment phases' alone, not the reads'.
        TrialResult result = TrialResult.of(1, threads, fixedWork);
        assertEquals(result.readsAndWrites().nsPerWrite(), result.handOff().nsPerOp(), 1e-9);

        TrialMeasurement fixedTime = engine.run(new TrialPlan(strategy, type, threads, new Workload.FixedTime(50),
                Backends.NONE, new WorkAround(5, 5), new ReadShare(50)), new CancellationToken());
        assertTrue(fixedTime.reads().reads() > 0 && fixedTime.expectedCount() > 0, fixedTime.toString());
        assertEquals(fixedTime.expectedCount(), fixedTime.actualCount(), "the owner applied every increment");
        assertFigures(fixedTime);
    }

    /**
     * Through the engine, as a request with {@code workInside} runs: the owner's chain of work must end where
     * exactly {@code inside} tokens per increment take it from 0 (see {@link OwnerWorkTarget}), so the test fails if
     * the engine did not hand the work inside to the owner or the owner ignored it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("owned")
    void theEngineHasTheOwnerDoTheWorkInside(Strategy strategy) throws Exception {
        int threads = 2;
        int perThread = 3_000;
        int inside = 9;
        OwnerWorkTarget target = new OwnerWorkTarget(Work.consume(0, threads * perThread * inside));
        Strategy probed = Strategy.builder().id(strategy.id()).name(strategy.name()).family(strategy.family())
                .safety(strategy.safety()).javaApi("test").summary("test").description("test")
                .counters(target.counters(strategy.newCounter().getClass())).build();
        TrialMeasurement m = engine.run(new TrialPlan(probed, ThreadType.PLATFORM, threads, new Workload.FixedWork(perThread),
                Backends.NONE, new WorkAround(inside, 4), ReadShare.NONE), new CancellationToken());
        assertEquals(threads * perThread, m.actualCount());
        assertTrue(target.reached(), "the owner did " + inside + " tokens as it applied each of the "
                + m.actualCount() + " increments");
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
