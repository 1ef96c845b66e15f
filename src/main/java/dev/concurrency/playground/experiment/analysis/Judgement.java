package dev.concurrency.playground.experiment.analysis;

import java.util.List;
import java.util.Locale;

/**
 * Decides a run's verdict from its trials, with a one-sentence reason a reader can act on.
 *
 * <p>Zero lost updates only means something when a race was possible: with one thread there is nobody
 * to race with, and threads that barely overlapped in time ran, in effect, one after another. Half of
 * the trial spent with all threads running is taken as the least that gives a race a fair chance.
 */
public record Judgement(Verdict verdict, String reason) {

    /** Mean overlap below which a run without lost updates proves nothing. */
    public static final double MIN_OVERLAP = 0.5;

    /** Cores kept busy below which threads cannot all have been running side by side most of the time. */
    static final double MIN_PARALLELISM = 1.5;

    /**
     * @param threads threads per trial
     * @param threadSafe whether the strategy is supposed to lose nothing
     * @param fixedTime whether the trials ran in fixed-time mode
     * @param virtualThreads whether the workers were virtual threads
     */
    public static Judgement judge(List<TrialResult> trials, int threads, boolean threadSafe, boolean fixedTime,
            boolean virtualThreads) {
        long corrupted = trials.stream().filter(t -> t.lostUpdates() != 0).count();
        if (corrupted > 0 && trials.stream().allMatch(t -> t.expectedCount() > 0 && t.actualCount() == 0)) {
            // Not a collision: no increment reached the count at all, which no race between read and write can do.
            return new Judgement(Verdict.CORRUPTED, "Every trial lost every increment (100.0%): the shared count never "
                    + "changed, so the workers' increments went to copies of their own that nobody else reads, "
                    + (threadSafe ? "which a thread-safe strategy must never do: this is a bug in the playground, please report it."
                            : "as a global variable does in processes after fork()."));
        }
        if (corrupted > 0) {
            double worst = trials.stream().mapToDouble(TrialResult::lostUpdateRate).max().orElse(0);
            String what = corrupted + " of " + trials.size() + " trials lost updates (up to "
                    + percent(worst) + " of all increments)";
            return new Judgement(Verdict.CORRUPTED, threadSafe
                    ? what + ", which a thread-safe strategy must never do: this is a bug in the playground, please report it."
                    : what + ": concurrent read-modify-writes overwrote each other.");
        }
        if (threads < 2) {
            return new Judgement(Verdict.INCONCLUSIVE,
                    "A single thread cannot race with itself; run with 2 or more threads to test thread safety.");
        }
        double overlap = trials.stream().mapToDouble(TrialResult::overlap).average().orElse(0);
        if (overlap < MIN_OVERLAP) {
            String advice = virtualThreads
                    ? "virtual threads that never block run one after another on their carriers, so use platform threads"
                    : fixedTime
                            ? "give each trial more time (durationMillis) or use fewer threads than there are cores"
                            : "use fixed-time mode (durationMillis), which keeps every thread busy for the whole trial, "
                                    + "or give each thread more increments";
            return new Judgement(Verdict.INCONCLUSIVE, "No update was lost, but all " + threads
                    + " threads ran at once for only " + percent(overlap) + " of each trial on average, too little to "
                    + "catch a race: " + advice + ".");
        }
        String observed = "No trial lost an update while all " + threads + " threads ran at once for "
                + percent(overlap) + " of each trial on average" + turnTaking(trials);
        return new Judgement(Verdict.NO_CORRUPTION_OBSERVED, threadSafe
                ? observed + "."
                : observed + "; the strategy is still not thread-safe, this run just did not catch it: "
                        + (fixedTime ? "run more trials." : "use fixed-time mode (durationMillis), which catches races far more often."));
    }

    /**
     * Threads that are alive at the same time may still not run at the same time: on a busy machine
     * they take turns on one core, and a race then needs a preemption at exactly the wrong instruction.
     * Their CPU time shows it (as it shows waiters a lock put to sleep), so the reason says so.
     */
    private static String turnTaking(List<TrialResult> trials) {
        var cores = trials.stream().map(TrialResult::parallelism).filter(java.util.Objects::nonNull)
                .mapToDouble(Double::doubleValue).average();
        if (cores.isEmpty() || cores.getAsDouble() >= MIN_PARALLELISM) {
            return "";
        }
        return String.format(Locale.ROOT, ", though they kept only %.1f cores busy: they took turns on fewer cores "
                + "or waited asleep for each other", cores.getAsDouble());
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
