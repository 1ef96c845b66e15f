package dev.concurrency.playground.experiment.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.concurrency.playground.strategy.HandOffLatency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's summary, against figures worked out by hand from three made-up trials. */
class RunSummaryTest {

    private static TrialResult trial(int number, long expected, long actual, Double nsPerOp, Double opsPerSecond,
            double overlap, Double parallelism) {
        return new TrialResult(number, expected, actual, expected - actual, 1_000_000, nsPerOp, opsPerSecond, overlap,
                900_000, 1_000_000, parallelism, null, null, null, null);
    }

    private static TrialResult owned(int number, Double handOffNsPerOp, long drainNanos, HandOffLatency latency) {
        return new TrialResult(number, 1_000, 1_000, 0, 1_000_000, 2.0, 1e9, 1.0, 900_000, 1_000_000, null, null, null,
                null, null, new HandOff(handOffNsPerOp, drainNanos, latency));
    }

    /** The hand-off figures of the trials that have them, and none at all for a run whose trials have none. */
    @Test
    void summarisesTheHandOffFiguresOfOwnedTrialsOnly() {
        RunSummary summary = RunSummary.of(List.of(
                owned(1, 10.0, 1_000, new HandOffLatency(5, 100, 900, 2_000)),
                owned(2, 30.0, 3_000, new HandOffLatency(7, 300, 1_100, 8_000)),
                owned(3, null, 5_000, null))); // no increment made and none sampled
        HandOffSummary handOff = summary.handOff();
        assertEquals(2, handOff.nsPerOp().n());
        assertEquals(20.0, handOff.nsPerOp().mean(), 1e-12);
        assertEquals(new MinMeanMax(1_000, 3_000, 5_000), handOff.drainNanos());
        assertEquals(new MinMeanMax(100, 200, 300), handOff.latencyP50Nanos());
        assertEquals(new MinMeanMax(900, 1_000, 1_100), handOff.latencyP99Nanos());
        assertEquals(8_000, handOff.latencyMaxNanos().max());
        assertNull(RunSummary.of(List.of(trial(1, 1_000, 1_000, 2.0, 1e9, 0.9, 1.8))).handOff());
    }

    @Test
    void summarisesEveryFigureOverTheTrials() {
        List<TrialResult> trials = List.of(
                trial(1, 1_000, 1_000, 2.0, 1e9, 0.9, 1.8),
                trial(2, 1_000, 900, 4.0, 5e8, 0.7, null), // lost 100: a rate of 0.1
                trial(3, 2_000, 2_100, null, null, 0.5, 1.2)); // counted 100 too many: a rate of -0.05

        RunSummary summary = RunSummary.of(trials);

        assertEquals(3, summary.measuredTrials());
        // An overshoot is corruption too: the counter is wrong either way.
        assertEquals(2, summary.corruptedTrials());
        assertEquals(new MinMeanMax(-100, 0, 100), summary.lostUpdates());
        assertEquals(-0.05, summary.lostUpdateRate().min(), 1e-12);
        assertEquals((0 + 0.1 - 0.05) / 3, summary.lostUpdateRate().mean(), 1e-12);
        assertEquals(0.1, summary.lostUpdateRate().max(), 1e-12);
        // Only the trials that have the figure count: two of three.
        assertEquals(2, summary.nsPerOp().n());
        assertEquals(3.0, summary.nsPerOp().mean(), 1e-12);
        assertEquals(2.0, summary.nsPerOp().min());
        assertEquals(4.0, summary.nsPerOp().max());
        assertEquals(2, summary.opsPerSecond().n());
        assertEquals(7.5e8, summary.opsPerSecond().mean(), 1e-3);
        assertEquals(5e8, summary.opsPerSecond().min());
        assertEquals(1e9, summary.opsPerSecond().max());
        assertEquals(0.5, summary.overlap().min());
        assertEquals(0.7, summary.overlap().mean(), 1e-12);
        assertEquals(0.9, summary.overlap().max());
        assertEquals(new MinMeanMax(1.2, 1.5, 1.8), summary.parallelism());
    }

    /** The spread across threads: the most starved worker, the most favoured, and the mean of Jain's index. */
    @Test
    void summarisesTheThreadSharesOfTheTrialsThatHaveThem() {
        TrialResult even = withShares(trial(1, 10, 10, 1.0, 1e9, 1, null), 0.5, 0.5, 1.0);
        TrialResult barged = withShares(trial(2, 10, 10, 1.0, 1e9, 1, null), 0.1, 0.9, 0.6097560975609756);
        TrialResult stored = trial(3, 10, 10, 1.0, 1e9, 1, null); // written before shares were recorded
        RunSummary summary = RunSummary.of(List.of(even, barged, stored));
        assertEquals(new MinMeanMax(0.1, 0.3, 0.5), summary.minThreadShare());
        assertEquals(new MinMeanMax(0.5, 0.7, 0.9), summary.maxThreadShare());
        assertEquals((1.0 + 0.6097560975609756) / 2, summary.fairness().mean(), 1e-12);
        assertEquals(0.6097560975609756, summary.fairness().min());
        assertNull(RunSummary.of(List.of(stored)).fairness(), "no trial with shares, no figure");
    }

    private static TrialResult withShares(TrialResult t, double min, double max, double fairness) {
        return new TrialResult(t.trial(), t.expectedCount(), t.actualCount(), t.lostUpdates(), t.durationNanos(),
                t.nsPerOp(), t.opsPerSecond(), t.overlap(), t.minThreadNanos(), t.maxThreadNanos(), t.parallelism(),
                t.casFailures(), min, max, fairness);
    }

    @Test
    void aCleanRunHasNoCorruptedTrialAndFiguresItNeverMeasuredAreAbsent() {
        List<TrialResult> trials = List.of(trial(1, 10, 10, null, null, 1, null), trial(2, 10, 10, null, null, 1, null));
        RunSummary summary = RunSummary.of(trials);
        assertEquals(2, summary.measuredTrials());
        assertEquals(0, summary.corruptedTrials());
        assertEquals(new MinMeanMax(0, 0, 0), summary.lostUpdates());
        assertEquals(new MinMeanMax(0, 0, 0), summary.lostUpdateRate());
        assertNull(summary.nsPerOp());
        assertNull(summary.opsPerSecond());
        assertNull(summary.parallelism());
    }

    @Test
    void aRunStoppedBeforeItsFirstTrialSummarisesNothing() {
        assertEquals(new RunSummary(0, 0, null, null, null, null, null, null, null, null, null), RunSummary.of(List.of()));
    }
}
