package dev.concurrency.playground.experiment.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.concurrency.playground.engine.ThreadShares;
import dev.concurrency.playground.engine.TrialMeasurement;
import dev.concurrency.playground.strategy.HandOffLatency;
import org.junit.jupiter.api.Test;

/** A trial's figures, each computed here from the raw counts and times the engine reported. */
class TrialResultTest {

    @Test
    void everyFigureFollowsFromTheCountsAndTheDuration() {
        int threads = 4;
        long expected = 8_000;
        long actual = 6_000;
        long duration = 2_000_000; // 2 ms
        TrialMeasurement outcome = new TrialMeasurement(expected, actual, duration, 1_500_000, 1_900_000, 0.75, 3.5, 42L, null);

        TrialResult result = TrialResult.of(7, threads, outcome);

        assertEquals(7, result.trial());
        assertEquals(8_000, result.expectedCount());
        assertEquals(6_000, result.actualCount());
        assertEquals(2_000, result.lostUpdates());
        assertEquals(2_000_000, result.durationNanos());
        // Each of the 4 threads spent 2 ms on its share of 8000 increments, 2000 each: 1000 ns per increment.
        assertEquals(1_000.0, result.nsPerOp(), 1e-9);
        // 8000 increments in 2 ms.
        assertEquals(4_000_000.0, result.opsPerSecond(), 1e-6);
        assertEquals(0.75, result.overlap());
        assertEquals(1_500_000, result.minThreadNanos());
        assertEquals(1_900_000, result.maxThreadNanos());
        assertEquals(3.5, result.parallelism());
        assertEquals(42L, result.casFailures());
    }

    /** An owned trial splits its span into the workers' part and the owner's drain; other trials have no such figures. */
    @Test
    void theHandOffFiguresSplitTheSpanAtTheLastWorkersEnd() {
        HandOffLatency latency = new HandOffLatency(12, 300, 4_000, 90_000);
        // 3 ms in all, the last 1 ms of it the owner's drain: 2 threads handed off 4000 increments in 2 ms.
        TrialMeasurement owned = new TrialMeasurement(4_000, 4_000, 3_000_000, 1_800_000, 2_000_000, 0.9, 1.8, null, null,
                1_000_000L, latency);
        HandOff handOff = TrialResult.of(1, 2, owned).handOff();
        assertEquals(1_000.0, handOff.nsPerOp(), 1e-9);
        assertEquals(1_000_000, handOff.drainNanos());
        assertEquals(latency, handOff.latency());
        // The trial's own ns/op counts the drain too: 3 ms x 2 threads / 4000.
        assertEquals(1_500.0, TrialResult.of(1, 2, owned).nsPerOp(), 1e-9);
        TrialMeasurement plain = new TrialMeasurement(4_000, 4_000, 3_000_000, 1_800_000, 2_000_000, 0.9, 1.8, null, null);
        assertNull(TrialResult.of(1, 2, plain).handOff());
    }

    /**
     * An owned trial with reads: its workers' span holds their reads too, so a hand-off costs the increment phases'
     * time over the increments, not the span over them.
     */
    @Test
    void withReadsAHandOffCostsTheIncrementPhasesTime() {
        // 2 threads, 3 ms of which the last 1 ms is the drain: 9000 reads in 1.8 ms of read phases, 1000 increments
        // handed off in 1.6 ms of increment phases (both threads together).
        TrialMeasurement owned = new TrialMeasurement(1_000, 1_000, 3_000_000, 1_900_000, 2_000_000, 1.0, 1.9, null,
                null, 1_000_000L, new HandOffLatency(1, 300, 300, 300), new TrialMeasurement.Reads(9_000, 1_800_000, 1_600_000, null));
        HandOff handOff = TrialResult.of(1, 2, owned).handOff();
        // 1.6 ms / 1000, where the span would have said 2 ms x 2 threads / 1000 = 4000 ns.
        assertEquals(1_600.0, handOff.nsPerOp(), 1e-9);
        assertEquals(TrialResult.of(1, 2, owned).readsAndWrites().nsPerWrite(), handOff.nsPerOp(), 1e-9);
        assertEquals(1_000_000, handOff.drainNanos());
        TrialMeasurement onlyReads = new TrialMeasurement(0, 0, 3_000_000, 1_900_000, 2_000_000, 1.0, 1.9, null,
                null, 1_000_000L, null, new TrialMeasurement.Reads(9_000, 1_800_000, 0, null));
        assertNull(TrialResult.of(1, 2, onlyReads).handOff().nsPerOp(), "no increment, no time per hand-off");
    }

    /** A trial with reads splits its operations into reads and increments; the trial's own figures count both. */
    @Test
    void theReadAndWriteFiguresFollowFromEachPhasesCountAndTime() {
        // 2 threads, 2 ms: 9000 reads in 1.8 ms of read phases (both threads together), 1000 increments in 1.6 ms.
        TrialMeasurement reading = new TrialMeasurement(1_000, 1_000, 2_000_000, 1_900_000, 2_000_000, 1.0, 1.9, null,
                null, null, null, new TrialMeasurement.Reads(9_000, 1_800_000, 1_600_000, 7L));
        TrialResult result = TrialResult.of(1, 2, reading);
        ReadsAndWrites split = result.readsAndWrites();
        assertEquals(9_000, split.reads());
        assertEquals(1_000, split.writes());
        assertEquals(200.0, split.nsPerRead(), 1e-9);
        assertEquals(1_600.0, split.nsPerWrite(), 1e-9);
        assertEquals(4_500_000.0, split.readsPerSecond(), 1e-6);
        assertEquals(500_000.0, split.writesPerSecond(), 1e-6);
        assertEquals(7L, split.readRetries());
        assertEquals(7.0 / 9_000, split.readRetryRate(), 1e-12);
        // ns/op and ops/s count the 10000 operations: 2 ms x 2 threads / 10000, and 10000 in 2 ms.
        assertEquals(400.0, result.nsPerOp(), 1e-9);
        assertEquals(5_000_000.0, result.opsPerSecond(), 1e-6);
        // Lost updates compare the counter with the increments alone.
        assertEquals(0, result.lostUpdates());
        assertNull(TrialResult.of(1, 2, new TrialMeasurement(4_000, 4_000, 3_000_000, 1_800_000, 2_000_000, 0.9, 1.8,
                null, null)).readsAndWrites());
        RunSummary summary = RunSummary.of(java.util.List.of(result, result));
        assertEquals(200.0, summary.readsAndWrites().nsPerRead().mean(), 1e-9);
        assertEquals(7.0, summary.readsAndWrites().readRetries().mean(), 1e-9);
        assertNull(RunSummary.of(java.util.List.of(TrialResult.of(1, 2, new TrialMeasurement(4_000, 4_000, 3_000_000,
                1_800_000, 2_000_000, 0.9, 1.8, null, null)))).readsAndWrites());
    }

    @Test
    void theThreadSharesAreTheEnginesAndAbsentWhenItHasNone() {
        ThreadShares shares = new ThreadShares(0.25, 0.75, 0.8);
        TrialResult result = TrialResult.of(1, 2, new TrialMeasurement(400, 400, 10, 10, 10, 1, null, null, shares));
        assertEquals(0.25, result.minThreadShare());
        assertEquals(0.75, result.maxThreadShare());
        assertEquals(0.8, result.fairness());
        TrialResult none = TrialResult.of(1, 2, new TrialMeasurement(0, 0, 10, 10, 10, 1, null, null, null));
        assertNull(none.minThreadShare());
        assertNull(none.maxThreadShare());
        assertNull(none.fairness());
    }

    @Test
    void theLostUpdateRateIsTheLostShareOfTheExpectedCount() {
        // A quarter of 1000 increments lost: 1000 expected, 750 counted.
        TrialResult quarter = TrialResult.of(1, 2, new TrialMeasurement(1_000, 750, 1_000, 1, 1, 1, null, null, null));
        assertEquals(0.25, quarter.lostUpdateRate(), 1e-12);
        // A counter that overshoots (a broken strategy can count twice) makes a negative rate, not a clamped one.
        TrialResult over = TrialResult.of(1, 2, new TrialMeasurement(1_000, 1_100, 1_000, 1, 1, 1, null, null, null));
        assertEquals(-0.1, over.lostUpdateRate(), 1e-12);
    }

    @Test
    void aTrialThatDidNothingHasNoRatesRatherThanADivisionByZero() {
        TrialResult idle = TrialResult.of(1, 2, new TrialMeasurement(0, 0, 0, 0, 0, 1, null, null, null));
        assertEquals(0.0, idle.lostUpdateRate());
        assertNull(idle.nsPerOp(), "no increment, no time per increment");
        assertNull(idle.opsPerSecond(), "no measurable time, no throughput");
        assertNull(idle.parallelism());
        assertNull(idle.casFailures());

        // One increment in no measurable time: a time per increment (zero) but no throughput.
        TrialResult instant = TrialResult.of(1, 1, new TrialMeasurement(1, 1, 0, 0, 0, 1, null, null, null));
        assertEquals(0.0, instant.nsPerOp());
        assertNull(instant.opsPerSecond());
        // Time spent without an increment: a throughput of zero but no time per increment.
        TrialResult stalled = TrialResult.of(1, 1, new TrialMeasurement(0, 0, 5, 5, 5, 1, null, null, null));
        assertNull(stalled.nsPerOp());
        assertEquals(0.0, stalled.opsPerSecond());
    }
}
