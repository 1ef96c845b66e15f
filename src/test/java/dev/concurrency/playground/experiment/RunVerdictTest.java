package dev.concurrency.playground.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The verdict rules, on made-up trials so that every branch is exercised deterministically. */
class RunVerdictTest {

    /** Trials with the given lost updates and overlaps, 1000 increments each. */
    private static List<TrialResult> trials(long[] lost, double[] overlap) {
        List<TrialResult> trials = new ArrayList<>();
        for (int i = 0; i < lost.length; i++) {
            trials.add(new TrialResult(i + 1, 1000, 1000 - lost[i], lost[i], 1_000_000, 2.0, 1e9, overlap[i],
                    900_000, 1_000_000, 2.0, null));
        }
        return trials;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // description, lost, overlap, threads, threadSafe, fixedTime, virtual, verdict, reason fragment
                Arguments.of("one corrupted trial is enough", new long[] {0, 5, 0}, new double[] {.9, .9, .9},
                        2, false, true, false, Verdict.CORRUPTED, "1 of 3 trials lost updates"),
                Arguments.of("corruption counts even with little overlap", new long[] {3}, new double[] {.1},
                        2, false, false, false, Verdict.CORRUPTED, "overwrote each other"),
                Arguments.of("a thread-safe strategy that loses updates is a playground bug", new long[] {1, 0},
                        new double[] {.9, .9}, 4, true, true, false, Verdict.CORRUPTED, "bug in the playground"),
                Arguments.of("one thread cannot race", new long[] {0, 0}, new double[] {1, 1},
                        1, false, true, false, Verdict.INCONCLUSIVE, "single thread"),
                Arguments.of("little overlap in fixed-work mode points to fixed-time mode", new long[] {0, 0},
                        new double[] {.2, .4}, 2, false, false, false, Verdict.INCONCLUSIVE, "fixed-time mode"),
                Arguments.of("little overlap in fixed-time mode asks for longer trials", new long[] {0},
                        new double[] {.3}, 2, true, true, false, Verdict.INCONCLUSIVE, "durationMillis"),
                Arguments.of("little overlap on virtual threads points to platform threads", new long[] {0},
                        new double[] {.01}, 1000, true, false, true, Verdict.INCONCLUSIVE, "platform threads"),
                Arguments.of("mean overlap of exactly one half is enough", new long[] {0, 0}, new double[] {.4, .6},
                        2, true, false, false, Verdict.NO_CORRUPTION_OBSERVED, "50.0%"),
                Arguments.of("a racy strategy that got lucky is not called safe", new long[] {0},
                        new double[] {.95}, 2, false, false, false, Verdict.NO_CORRUPTION_OBSERVED, "still not thread-safe"),
                Arguments.of("a safe strategy that overlapped", new long[] {0, 0, 0}, new double[] {.99, .98, .97},
                        8, true, true, false, Verdict.NO_CORRUPTION_OBSERVED, "No trial lost an update"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesByTheRules(String description, long[] lost, double[] overlap, int threads, boolean threadSafe,
            boolean fixedTime, boolean virtual, Verdict expected, String reasonFragment) {
        RunVerdict verdict = RunVerdict.judge(trials(lost, overlap), threads, threadSafe, fixedTime, virtual);
        assertEquals(expected, verdict.verdict(), verdict.reason());
        assertTrue(verdict.reason().contains(reasonFragment), verdict.reason());
        assertTrue(verdict.reason().endsWith("."), "one sentence: " + verdict.reason());
    }

    @org.junit.jupiter.api.Test
    void threadsThatTookTurnsOnOneCoreAreCalledOut() {
        List<TrialResult> turns = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            turns.add(new TrialResult(i, 1000, 1000, 0, 1_000_000, 2.0, 1e9, 0.97, 900_000, 1_000_000, 1.02, null));
        }
        RunVerdict verdict = RunVerdict.judge(turns, 2, true, true, false);
        assertEquals(Verdict.NO_CORRUPTION_OBSERVED, verdict.verdict());
        assertTrue(verdict.reason().contains("1.0 cores busy"), verdict.reason());
        assertTrue(verdict.reason().endsWith("."), verdict.reason());
    }

    @ParameterizedTest(name = "{0} platform threads on 2 processors")
    @MethodSource("threadsAndOversubscription")
    void platformThreadsBeyondTheProcessorsAreOversubscribed(int threads, boolean oversubscribed) {
        List<TrialResult> trials = trials(new long[] {0}, new double[] {1});
        assertEquals(oversubscribed, RunResult.of("atomic", threads, dev.concurrency.playground.engine.ThreadType.PLATFORM,
                true, true, 2, trials).oversubscribed());
        assertEquals(false, RunResult.of("atomic", threads, dev.concurrency.playground.engine.ThreadType.VIRTUAL,
                true, true, 2, trials).oversubscribed(), "virtual threads never count as oversubscribed");
    }

    static Stream<Arguments> threadsAndOversubscription() {
        return Stream.of(Arguments.of(1, false), Arguments.of(2, false), Arguments.of(3, true), Arguments.of(256, true));
    }
}
