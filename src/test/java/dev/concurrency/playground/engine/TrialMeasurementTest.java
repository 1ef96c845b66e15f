package dev.concurrency.playground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The overlap figure against an independent computation: fabricated per-thread running intervals,
 * and a tick-by-tick count of the moments at which every thread was running. The engine passes
 * {@link TrialMeasurement#overlap} only the four extremes of those intervals; the count needs no formula,
 * and no clamping, so it also shows where the formula's clamp must cut in.
 */
class TrialMeasurementTest {

    /** One worker's running time in ticks, {@code [start, end)}. */
    record Interval(long start, long end) {
        boolean covers(long tick) {
            return start <= tick && tick < end;
        }
    }

    /** A named set of fabricated intervals, so a failing case says which one it was. */
    record Case(String name, List<Interval> intervals) {
        @Override
        public String toString() {
            return name + " " + intervals;
        }
    }

    static Stream<Case> fabricatedTrials() {
        List<Case> cases = new ArrayList<>(List.of(
                new Case("identical", List.of(new Interval(0, 100), new Interval(0, 100))),
                new Case("one started halfway", List.of(new Interval(0, 100), new Interval(50, 100))),
                new Case("one ended halfway", List.of(new Interval(0, 50), new Interval(0, 100))),
                new Case("nested", List.of(new Interval(0, 100), new Interval(10, 30))),
                // The clamp's edge: one ends exactly when the other starts, so they never ran together.
                new Case("touching", List.of(new Interval(0, 50), new Interval(50, 100))),
                // Beyond the edge: the raw fraction is negative, and only the clamp makes it zero.
                new Case("disjoint", List.of(new Interval(0, 40), new Interval(60, 100))),
                new Case("far apart", List.of(new Interval(0, 1), new Interval(99, 100))),
                new Case("three staggered", List.of(new Interval(0, 60), new Interval(20, 80), new Interval(40, 100))),
                new Case("one tick together", List.of(new Interval(0, 51), new Interval(50, 100))),
                new Case("one worker", List.of(new Interval(3, 17)))));
        Random random = new Random(20261126); // fixed: the same cases on every run
        for (int i = 0; i < 200; i++) {
            int threads = 1 + random.nextInt(5);
            List<Interval> intervals = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long start = random.nextInt(150);
                intervals.add(new Interval(start, start + 1 + random.nextInt(150)));
            }
            cases.add(new Case("random " + i, intervals));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fabricatedTrials")
    void overlapIsTheShareOfTheSpanDuringWhichEveryWorkerRan(Case trial) {
        List<Interval> intervals = trial.intervals();
        long earliestStart = intervals.stream().mapToLong(Interval::start).min().orElseThrow();
        long latestStart = intervals.stream().mapToLong(Interval::start).max().orElseThrow();
        long earliestEnd = intervals.stream().mapToLong(Interval::end).min().orElseThrow();
        long latestEnd = intervals.stream().mapToLong(Interval::end).max().orElseThrow();

        long together = 0;
        for (long tick = earliestStart; tick < latestEnd; tick++) {
            long now = tick;
            if (intervals.stream().allMatch(interval -> interval.covers(now))) {
                together++;
            }
        }
        double expected = (double) together / (latestEnd - earliestStart);

        assertEquals(expected, TrialMeasurement.overlap(earliestStart, latestStart, earliestEnd, latestEnd), 1e-12);
    }

    @Test
    void aTrialWithNoMeasurableSpanCountsAsFullyOverlapped() {
        // Every worker started and ended at the same tick: nothing separated them.
        assertEquals(1.0, TrialMeasurement.overlap(7, 7, 7, 7));
    }

    @Test
    void lostUpdatesAreWhatTheWorkersDidMinusWhatTheCounterSays() {
        assertEquals(3, new TrialMeasurement(10, 7, 1, 1, 1, 1.0, null, null, null).lostUpdates());
        assertEquals(0, new TrialMeasurement(10, 10, 1, 1, 1, 1.0, null, null, null).lostUpdates());
    }
}
