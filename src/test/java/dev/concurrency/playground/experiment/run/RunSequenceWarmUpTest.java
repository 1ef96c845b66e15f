package dev.concurrency.playground.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.config.ConfigDefaults;
import dev.concurrency.playground.config.FleetConfig;
import dev.concurrency.playground.config.LimitsConfig;
import dev.concurrency.playground.config.RetentionConfig;
import dev.concurrency.playground.engine.JitWatch;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.TestInstance;
import dev.concurrency.playground.experiment.TrialOrder;
import dev.concurrency.playground.experiment.WarmUp;
import dev.concurrency.playground.experiment.event.ExperimentEvents;
import dev.concurrency.playground.store.InMemoryExperimentStore;
import dev.concurrency.playground.strategy.Safety;
import dev.concurrency.playground.strategy.SharedCounter;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How a run warms up (until its loop is compiled and its timings settle, within the configured minimum
 * and maximum time), how a measured trial during which the JIT compiled is handled, and in which order
 * the trials of several runs run. The JIT is a stand-in here whose answers the tests choose; real trials
 * run on quick counters. Nothing depends on timing beyond lower bounds the code itself enforces.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RunSequenceWarmUpTest {

    private final InMemoryExperimentStore store = new InMemoryExperimentStore();
    private final ExperimentEvents events = new ExperimentEvents();
    /** Which strategy each trial ran, warm-ups included, in the order the trials started. */
    private final List<String> trialsRun = Collections.synchronizedList(new ArrayList<>());
    private ExperimentRunner runner;

    @AfterEach
    void stop() throws InterruptedException {
        if (runner != null) {
            runner.onStop(null);
        }
    }

    /** A thread-safe test strategy whose every counter notes that a trial of it began. */
    private Strategy recorded(String id) {
        Supplier<SharedCounter> counters = () -> {
            trialsRun.add(id);
            return new TestStrategies.Immediate();
        };
        return TestStrategies.strategy(id, Safety.THREAD_SAFE, counters);
    }

    private Experiment run(ExperimentSpec spec, Duration minWarmup, Duration maxWarmup, JitWatch jit,
            Strategy... strategies) throws Exception {
        TestRunnerConfig config = TestRunnerConfig.standard().withWarmup(minWarmup, maxWarmup);
        StrategyCatalog catalog = TestStrategies.catalogWith(strategies);
        runner = new ExperimentRunner(store, catalog, events, config, ConfigDefaults.of(FleetConfig.class),
                ConfigDefaults.of(RetentionConfig.class), new ExperimentMetrics(new SimpleMeterRegistry()),
                new TrialCosts(), new TrialEngine(), TestInstance.ONE, ConfigDefaults.of(LimitsConfig.class), jit);
        runner.onStart(null);
        Experiment submitted = runner.submit(spec);
        Experiment done = runner.completion(submitted.id()).orElseThrow().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertEquals(ExperimentStatus.COMPLETED, done.status(), done.statusReason());
        return done;
    }

    private static ExperimentSpec spec(List<String> strategies, int trials, int warmups, TrialOrder order) {
        return new ExperimentSpec(null, strategies, List.of(1), ThreadType.PLATFORM, 1_000L, null, trials, warmups, order);
    }

    /** A JIT that has compiled nothing, or everything, and never compiles while a trial runs. */
    private static JitWatch jit(Boolean compiled) {
        return jit(compiled, () -> 0);
    }

    /** A JIT that has compiled everything, whose accumulated compile time reads as {@code compilationMillis} says. */
    private static JitWatch compiling(LongSupplier compilationMillis) {
        return jit(true, compilationMillis);
    }

    private static JitWatch jit(Boolean compiled, LongSupplier compilationMillis) {
        return new JitWatch() {
            @Override
            public Boolean compiledAtTopTier(Strategy strategy) {
                return compiled;
            }

            @Override
            public long compilationMillis() {
                return compilationMillis.getAsLong();
            }
        };
    }

    /**
     * A database strategy's time goes to round trips, not to its loop, which may never be hot enough to be
     * compiled at the top tier: its warm-up ends on settled timings, never waits for the JIT (here one that
     * says nothing is compiled, which would hold an in-heap run to the maximum), and says it did not ask.
     */
    @Test
    void aDatabaseStrategyWarmsUpUntilItsTimingsSettleNotUntilItsLoopIsCompiled() throws Exception {
        Strategy inDatabase = new StrategyCatalog().find("db-atomic-update").orElseThrow();
        Duration max = Duration.ofSeconds(30);
        Experiment done = run(new ExperimentSpec(null, List.of(inDatabase.id()), List.of(1), ThreadType.PLATFORM, 200L,
                null, 2, 1, TrialOrder.SEQUENTIAL, false, dev.concurrency.playground.experiment.Database.EMBEDDED),
                Duration.ofMillis(50), max, jit(false));

        RunResult run = done.runs().getFirst();
        WarmUp warmup = run.warmup();
        assertNull(warmup.compiled(), "the JIT is not what a database strategy waits for: " + warmup);
        assertTrue(warmup.settled() && warmup.trials() >= 2, warmup.toString());
        assertTrue(warmup.millis() < max.toMillis(), "ended on settled timings, not at the maximum: " + warmup);
        assertEquals("H2", run.database().product());
        assertEquals("READ COMMITTED", run.database().isolationLevel());
        assertEquals(0, run.summary().corruptedTrials());
    }

    @Test
    void withoutWarmUpTheRunSaysItsTrialsMayIncludeTheJit() throws Exception {
        Strategy a = recorded("a");
        Experiment done = run(spec(List.of("a"), 3, 0, TrialOrder.SEQUENTIAL), Duration.ofMillis(200),
                Duration.ofSeconds(1), jit(true), a);

        WarmUp warmup = done.runs().getFirst().warmup();
        assertEquals(0, warmup.trials());
        assertFalse(warmup.steady());
        assertEquals(3, trialsRun.size(), "the measured trials only, not even the minimum warm-up time");
        assertTrue(done.runs().getFirst().verdictReason().endsWith(warmup.caveat()), done.runs().getFirst().verdictReason());
    }

    @Test
    void aCompiledLoopWithSettledTimingsEndsTheWarmUpAfterTheMinimumTime() throws Exception {
        Strategy a = recorded("a");
        Duration min = Duration.ofMillis(150);
        long started = System.nanoTime();
        Experiment done = run(spec(List.of("a"), 2, 1, TrialOrder.SEQUENTIAL), min, Duration.ofSeconds(30), jit(true), a);
        long elapsed = System.nanoTime() - started;

        RunResult run = done.runs().getFirst();
        WarmUp warmup = run.warmup();
        assertTrue(warmup.millis() >= min.toMillis(), "at least the minimum time: " + warmup);
        assertTrue(warmup.trials() >= 2, "at least two trials, to see the timings settle: " + warmup);
        assertEquals(Boolean.TRUE, warmup.compiled());
        assertTrue(warmup.settled() && warmup.steady(), warmup.toString());
        assertNull(warmup.caveat());
        assertEquals(warmup.trials() + 2, trialsRun.size(), "its warm-up trials and the measured ones");
        assertTrue(elapsed < Duration.ofSeconds(30).toNanos(), "not held to the maximum");
        assertEquals(2, run.trials().size());
    }

    @Test
    void aLoopTheJitHasNotCompiledWarmsUpUntilTheMaximumTimeAndTheRunSaysSo() throws Exception {
        Strategy a = recorded("a");
        Duration max = Duration.ofMillis(300);
        Experiment done = run(spec(List.of("a"), 2, 1, TrialOrder.SEQUENTIAL), Duration.ZERO, max, jit(false), a);

        RunResult run = done.runs().getFirst();
        WarmUp warmup = run.warmup();
        assertTrue(warmup.millis() >= max.toMillis(), "until the maximum: " + warmup);
        assertEquals(Boolean.FALSE, warmup.compiled());
        assertFalse(warmup.steady());
        assertTrue(warmup.caveat().contains("not yet compiled at the JIT's top tier"), warmup.caveat());
        assertTrue(run.verdictReason().endsWith(warmup.caveat()), run.verdictReason());
    }

    @Test
    void timingsThatStillImproveWhenTheMaximumTimeComesAreNotSettled() throws Exception {
        // Each trial takes half as long as the one before (400 ms, 200 ms, 100 ms, then 50 ms on): the maximum
        // of 500 ms ends the warm-up after the second, which is twice as fast as the first. To look settled it
        // would have to wake up 160 ms late (on a loaded CI machine, 20 ms steps were not enough).
        AtomicInteger made = new AtomicInteger();
        Strategy slowing = TestStrategies.strategy("improving", Safety.THREAD_SAFE, () -> {
            long millis = 400L >> Math.min(made.getAndIncrement(), 3);
            return new TestStrategies.Immediate() {
                @Override
                public long incrementTimesCountingCasFailures(int n) {
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return super.incrementTimesCountingCasFailures(n);
                }
            };
        });
        Experiment done = run(spec(List.of("improving"), 1, 2, TrialOrder.SEQUENTIAL), Duration.ZERO,
                Duration.ofMillis(500), jit(true), slowing);

        WarmUp warmup = done.runs().getFirst().warmup();
        assertTrue(warmup.trials() >= 2, "settled or not needs two trials to tell: " + warmup);
        assertFalse(warmup.settled(), warmup.toString());
        assertFalse(warmup.steady());
        assertTrue(warmup.caveat().contains("the warm-up timings had not settled"), warmup.caveat());
    }

    @Test
    void whereTheJitCannotBeWatchedTimeAndSettledTimingsDecide() throws Exception {
        Strategy a = recorded("a");
        Experiment done = run(spec(List.of("a"), 1, 3, TrialOrder.SEQUENTIAL), Duration.ZERO, Duration.ofSeconds(30),
                JitWatch.BLIND, a);

        WarmUp warmup = done.runs().getFirst().warmup();
        assertNull(warmup.compiled());
        assertTrue(warmup.trials() >= 3, "at least the requested trials: " + warmup);
    }

    @Test
    void aMeasuredTrialDuringWhichTheJitCompiledRunsAgainAndIsCountedWhenItIsDisturbedTwice() throws Exception {
        Strategy a = recorded("a");
        // The compiler works without pause: every trial is disturbed, every one is repeated once, then kept.
        AtomicLong compileMillis = new AtomicLong();
        JitWatch busy = compiling(compileMillis::incrementAndGet);
        Experiment done = run(spec(List.of("a"), 3, 1, TrialOrder.SEQUENTIAL), Duration.ZERO, Duration.ZERO, busy, a);

        RunResult run = done.runs().getFirst();
        assertEquals(3, run.trials().size(), "as many measured trials as asked");
        assertEquals(List.of(1, 2, 3), run.trials().stream().map(t -> t.trial()).toList());
        assertEquals(1 + 6, trialsRun.size(), "the warm-up trial, then each measured one twice");
        assertEquals(3, run.warmup().repeatedTrials());
        assertEquals(3, run.warmup().jitDisturbedTrials());
        assertTrue(run.warmup().caveat().contains("3 measured trials ran while the JIT compiled, twice in a row"),
                run.warmup().caveat());
    }

    @Test
    void withoutWarmUpADisturbedTrialIsCountedNotRepeated() throws Exception {
        Strategy a = recorded("a");
        AtomicLong compileMillis = new AtomicLong();
        JitWatch busy = compiling(compileMillis::incrementAndGet);
        Experiment done = run(spec(List.of("a"), 2, 0, TrialOrder.SEQUENTIAL), Duration.ZERO, Duration.ZERO, busy, a);

        RunResult run = done.runs().getFirst();
        assertEquals(2, trialsRun.size(), "no trial ran twice: the request asked for no warm-up");
        assertEquals(0, run.warmup().repeatedTrials());
        assertEquals(2, run.warmup().jitDisturbedTrials());
        assertTrue(run.warmup().caveat().endsWith("2 measured trials ran while the JIT compiled."), run.warmup().caveat());
    }

    @Test
    void aTrialDisturbedOnlyOnceIsReplacedByItsRepetition() throws Exception {
        Strategy a = recorded("a");
        // Compiling during the first trial only: the compile time moves between its two readings.
        AtomicInteger readings = new AtomicInteger();
        JitWatch once = compiling(() -> readings.incrementAndGet() >= 2 ? 7 : 0);
        Experiment done = run(spec(List.of("a"), 2, 1, TrialOrder.SEQUENTIAL), Duration.ZERO, Duration.ZERO, once, a);

        RunResult run = done.runs().getFirst();
        assertEquals(2, run.trials().size());
        assertEquals(1 + 3, trialsRun.size(), "the warm-up trial, the first measured one twice, the second once");
        assertEquals(1, run.warmup().repeatedTrials());
        assertEquals(0, run.warmup().jitDisturbedTrials());
    }

    @Test
    void aLittleCompilingDuringALongTrialIsNoDisturbance() throws Exception {
        Strategy a = recorded("a");
        // 1 ms of compiling during every trial of 200 ms: under 1 % of its span.
        AtomicLong compileMillis = new AtomicLong();
        JitWatch alittle = compiling(compileMillis::incrementAndGet);
        ExperimentSpec spec = new ExperimentSpec(null, List.of("a"), List.of(1), ThreadType.PLATFORM, null, 200L, 2, 0,
                TrialOrder.SEQUENTIAL);
        Experiment done = run(spec, Duration.ZERO, Duration.ZERO, alittle, a);

        assertEquals(2, trialsRun.size(), "no trial ran twice");
        assertEquals(0, done.runs().getFirst().warmup().repeatedTrials());
    }

    @ParameterizedTest
    @EnumSource(TrialOrder.class)
    void trialsRunInTheOrderTheSpecAsksForAndRunsAreStoredInTheSpecsOrder(TrialOrder order) throws Exception {
        Strategy a = recorded("a");
        Strategy b = recorded("b");
        Experiment done = run(spec(List.of("a", "b"), 3, 0, order), Duration.ZERO, Duration.ZERO, jit(true), a, b);

        List<String> expected = order == TrialOrder.INTERLEAVED
                ? List.of("a", "b", "a", "b", "a", "b")
                : List.of("a", "a", "a", "b", "b", "b");
        assertEquals(expected, trialsRun);
        assertEquals(List.of("a", "b"), done.runs().stream().map(RunResult::strategy).toList());
        for (RunResult run : done.runs()) {
            assertEquals(List.of(1, 2, 3), run.trials().stream().map(t -> t.trial()).toList(), run.strategy());
        }
        assertEquals(order, done.spec().trialOrder());
    }

    @Test
    void interleavedRunsAllWarmUpBeforeTheFirstMeasuredTrial() throws Exception {
        Strategy a = recorded("a");
        Strategy b = recorded("b");
        run(spec(List.of("a", "b"), 2, 1, TrialOrder.INTERLEAVED), Duration.ZERO, Duration.ZERO, jit(true), a, b);

        // One warm-up trial each (the maximum time of zero ends warm-up at the requested count), then a, b, a, b.
        assertEquals(List.of("a", "b", "a", "b", "a", "b"), trialsRun);
    }
}
