package dev.concurrency.playground.experiment.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verdict rules, on made-up trials so that every branch is exercised deterministically. Each case
 * pins the whole sentence: the sentences share most of their words ("No trial lost an update", "thread
 * safe"), so a fragment would pass for the wrong verdict, such as telling a thread-safe strategy that it
 * is still not thread-safe.
 */
class JudgementTest {

    private static final int INCREMENTS = 1000;

    /** Trials with the given lost updates and overlaps, {@value #INCREMENTS} increments each, on 2 busy cores. */
    private static List<TrialResult> trials(long[] lost, double[] overlap) {
        Double[] parallelism = new Double[lost.length];
        java.util.Arrays.fill(parallelism, 2.0);
        return trials(lost, overlap, parallelism);
    }

    private static List<TrialResult> trials(long[] lost, double[] overlap, Double[] parallelism) {
        List<TrialResult> trials = new ArrayList<>();
        for (int i = 0; i < lost.length; i++) {
            trials.add(new TrialResult(i + 1, INCREMENTS, INCREMENTS - lost[i], lost[i], 1_000_000, 2.0, 1e9, overlap[i],
                    900_000, 1_000_000, parallelism[i], null, null, null, null));
        }
        return trials;
    }

    static Stream<Arguments> cases() {
        String racyLucky = "No trial lost an update while all 2 threads ran at once for 95.0% of each trial on average; "
                + "the strategy is still not thread-safe, this run just did not catch it: ";
        return Stream.of(
                // description, lost, overlap, threads, threadSafe, fixedTime, virtual, verdict, reason
                Arguments.of("one corrupted trial is enough", new long[] {0, 5, 0}, new double[] {.9, .9, .9},
                        2, false, true, false, Verdict.CORRUPTED,
                        "1 of 3 trials lost updates (up to 0.5% of all increments): "
                                + "concurrent read-modify-writes overwrote each other."),
                Arguments.of("the worst trial's rate is the one reported", new long[] {5, 20, 10},
                        new double[] {.9, .9, .9}, 2, false, true, false, Verdict.CORRUPTED,
                        "3 of 3 trials lost updates (up to 2.0% of all increments): "
                                + "concurrent read-modify-writes overwrote each other."),
                Arguments.of("increments that never reached the count are not a collision, even with one worker",
                        new long[] {INCREMENTS, INCREMENTS}, new double[] {1, 1}, 1, false, true, false, Verdict.CORRUPTED,
                        "Every trial lost every increment (100.0%): the shared count never changed, so the workers' "
                                + "increments went to copies of their own that nobody else reads, as a global variable "
                                + "does in processes after fork()."),
                Arguments.of("a trial that kept some increments is a collision, though another kept none",
                        new long[] {INCREMENTS, 10}, new double[] {.9, .9}, 2, false, true, false, Verdict.CORRUPTED,
                        "2 of 2 trials lost updates (up to 100.0% of all increments): "
                                + "concurrent read-modify-writes overwrote each other."),
                Arguments.of("corruption counts even with little overlap", new long[] {3}, new double[] {.1},
                        2, false, false, false, Verdict.CORRUPTED,
                        "1 of 1 trials lost updates (up to 0.3% of all increments): "
                                + "concurrent read-modify-writes overwrote each other."),
                Arguments.of("a thread-safe strategy that loses updates is a playground bug", new long[] {1, 0},
                        new double[] {.9, .9}, 4, true, true, false, Verdict.CORRUPTED,
                        "1 of 2 trials lost updates (up to 0.1% of all increments), which a thread-safe strategy "
                                + "must never do: this is a bug in the playground, please report it."),
                Arguments.of("one thread cannot race", new long[] {0, 0}, new double[] {1, 1},
                        1, false, true, false, Verdict.INCONCLUSIVE,
                        "A single thread cannot race with itself; run with 2 or more threads to test thread safety."),
                Arguments.of("little overlap in fixed-work mode points to fixed-time mode", new long[] {0, 0},
                        new double[] {.2, .4}, 2, false, false, false, Verdict.INCONCLUSIVE,
                        "No update was lost, but all 2 threads ran at once for only 30.0% of each trial on average, "
                                + "too little to catch a race: use fixed-time mode (durationMillis), which keeps every "
                                + "thread busy for the whole trial, or give each thread more increments."),
                Arguments.of("little overlap in fixed-time mode asks for longer trials", new long[] {0},
                        new double[] {.3}, 2, true, true, false, Verdict.INCONCLUSIVE,
                        "No update was lost, but all 2 threads ran at once for only 30.0% of each trial on average, "
                                + "too little to catch a race: give each trial more time (durationMillis) or use "
                                + "fewer threads than there are cores."),
                Arguments.of("little overlap on virtual threads points to platform threads", new long[] {0},
                        new double[] {.01}, 1000, true, false, true, Verdict.INCONCLUSIVE,
                        "No update was lost, but all 1000 threads ran at once for only 1.0% of each trial on average, "
                                + "too little to catch a race: virtual threads that never block run one after another "
                                + "on their carriers, so use platform threads."),
                Arguments.of("mean overlap of exactly one half is enough", new long[] {0, 0}, new double[] {.4, .6},
                        2, true, false, false, Verdict.NO_CORRUPTION_OBSERVED,
                        "No trial lost an update while all 2 threads ran at once for 50.0% of each trial on average."),
                Arguments.of("a racy strategy that got lucky in fixed-work mode is not called safe", new long[] {0},
                        new double[] {.95}, 2, false, false, false, Verdict.NO_CORRUPTION_OBSERVED,
                        racyLucky + "use fixed-time mode (durationMillis), which catches races far more often."),
                Arguments.of("a racy strategy that got lucky in fixed-time mode is not called safe", new long[] {0},
                        new double[] {.95}, 2, false, true, false, Verdict.NO_CORRUPTION_OBSERVED,
                        racyLucky + "run more trials."),
                Arguments.of("a safe strategy that overlapped is not told it is unsafe", new long[] {0, 0, 0},
                        new double[] {.99, .98, .97}, 8, true, true, false, Verdict.NO_CORRUPTION_OBSERVED,
                        "No trial lost an update while all 8 threads ran at once for 98.0% of each trial on average."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesByTheRules(String description, long[] lost, double[] overlap, int threads, boolean threadSafe,
            boolean fixedTime, boolean virtual, Verdict expected, String reason) {
        Judgement verdict = Judgement.judge(trials(lost, overlap), threads, threadSafe, fixedTime, virtual);
        assertEquals(expected, verdict.verdict(), verdict.reason());
        assertEquals(reason, verdict.reason());
    }

    @Test
    void threadsThatTookTurnsOnOneCoreAreCalledOut() {
        // 1.02 and 1.04 cores busy on average: 1.03, shown as 1.0.
        List<TrialResult> turns = trials(new long[] {0, 0}, new double[] {.97, .97}, new Double[] {1.02, 1.04});
        Judgement verdict = Judgement.judge(turns, 2, true, true, false);
        assertEquals(new Judgement(Verdict.NO_CORRUPTION_OBSERVED, "No trial lost an update while all 2 threads ran "
                + "at once for 97.0% of each trial on average, though they kept only 1.0 cores busy: they took turns "
                + "on fewer cores or waited asleep for each other."), verdict);
    }

    @Test
    void turnTakingIsJudgedOnTheTrialsThatMeasuredIt() {
        // A trial without a CPU figure does not count as zero cores: the mean is over the one that has it.
        List<TrialResult> someUnknown = trials(new long[] {0, 0}, new double[] {.97, .97}, new Double[] {null, 1.2});
        assertEquals("No trial lost an update while all 2 threads ran at once for 97.0% of each trial on average, "
                + "though they kept only 1.2 cores busy: they took turns on fewer cores or waited asleep for each other.",
                Judgement.judge(someUnknown, 2, true, true, false).reason());
        // Exactly the threshold is enough parallelism; no figure at all (virtual threads) says nothing.
        for (Double cores : new Double[] {Judgement.MIN_PARALLELISM, null}) {
            List<TrialResult> trials = trials(new long[] {0}, new double[] {.97}, new Double[] {cores});
            assertEquals("No trial lost an update while all 2 threads ran at once for 97.0% of each trial on average.",
                    Judgement.judge(trials, 2, true, true, false).reason(), "parallelism " + cores);
        }
    }

    @Test
    void aRunPassesItsModeAndThreadTypeToTheVerdict() {
        // Too little overlap: the advice names what the run can change, so it shows which mode and type were passed.
        List<TrialResult> apart = trials(new long[] {0}, new double[] {.1});
        RunResult platformFixedTime = RunResult.of("atomic", 2, ThreadType.PLATFORM, true, true, 2, apart);
        assertEquals(Judgement.judge(apart, 2, true, true, false), new Judgement(platformFixedTime.verdict(),
                platformFixedTime.verdictReason()));
        RunResult virtualFixedWork = RunResult.of("atomic", 2, ThreadType.VIRTUAL, true, false, 2, apart);
        assertEquals(Judgement.judge(apart, 2, true, false, true), new Judgement(virtualFixedWork.verdict(),
                virtualFixedWork.verdictReason()));
        RunResult platformFixedWork = RunResult.of("atomic", 2, ThreadType.PLATFORM, true, false, 2, apart);
        assertEquals(Judgement.judge(apart, 2, true, false, false), new Judgement(platformFixedWork.verdict(),
                platformFixedWork.verdictReason()));
        // The three advices differ, so the comparisons above could not pass with the wrong arguments.
        assertEquals(3, java.util.Set.of(platformFixedTime.verdictReason(), virtualFixedWork.verdictReason(),
                platformFixedWork.verdictReason()).size());

        // And the run carries what it was given, with the summary of exactly its trials.
        List<TrialResult> racy = trials(new long[] {4, 0}, new double[] {.9, .9});
        RunResult run = RunResult.of("unsynchronized", 2, ThreadType.PLATFORM, false, true, 2, racy);
        assertEquals("unsynchronized", run.strategy());
        assertEquals(2, run.threads());
        assertEquals(ThreadType.PLATFORM, run.threadType());
        assertEquals(false, run.threadSafe());
        assertEquals(Verdict.CORRUPTED, run.verdict());
        assertEquals(racy, run.trials());
        assertEquals(RunSummary.of(racy), run.summary());
        assertEquals(1, run.summary().corruptedTrials());
    }

    @ParameterizedTest(name = "{0} platform threads on {1} processors")
    @MethodSource("threadsAndOversubscription")
    void platformThreadsBeyondTheProcessorsAreOversubscribed(int threads, int processors, boolean oversubscribed) {
        List<TrialResult> trials = trials(new long[] {0}, new double[] {1});
        assertEquals(oversubscribed, RunResult.of("atomic", threads, ThreadType.PLATFORM,
                true, true, processors, trials).oversubscribed());
        assertEquals(false, RunResult.of("atomic", threads, ThreadType.VIRTUAL,
                true, true, processors, trials).oversubscribed(), "virtual threads never count as oversubscribed");
    }

    static Stream<Arguments> threadsAndOversubscription() {
        return Stream.of(Arguments.of(1, 2, false), Arguments.of(2, 2, false), Arguments.of(3, 2, true),
                Arguments.of(4, 4, false), Arguments.of(5, 4, true));
    }
}
