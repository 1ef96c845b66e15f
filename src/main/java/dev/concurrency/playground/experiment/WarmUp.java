package dev.concurrency.playground.experiment;

/**
 * How a run warmed up, and whether its measured trials ran in a steady state: compiled code, settled
 * timings, and no JIT compiler at work while they were timed.
 *
 * <p>Warm-up lasts at least the requested number of trials and the service's minimum warm-up time, and
 * then until the strategy's loop is compiled at the JIT's top tier and the last warm-up trial was no
 * longer more than 10 % faster than the best before it; the service's maximum warm-up time ends it
 * regardless. A measured trial during which the JIT compiled (for at least 1 % of the trial's span: on a
 * machine with few cores its threads take cores from the workers) is run again once; one that is
 * disturbed again is kept and counted. Without warm-up a disturbed trial is not repeated, only counted.
 *
 * @param trials warm-up trials run, none when the request asked for none
 * @param millis how long the warm-up took
 * @param compiled whether the strategy's loop was compiled at the top tier when warm-up ended; null
 *     where the service cannot watch the JIT
 * @param settled whether the last warm-up trial was no more than 10 % faster than the best before it
 *     (false with fewer than two warm-up trials)
 * @param repeatedTrials measured trials run again because the JIT compiled during them
 * @param jitDisturbedTrials measured trials kept although the JIT compiled during them (during their
 *     repetition too, or, without warm-up, once)
 * @param steady all of the above held: warmed up, compiled (or unknown), settled, and no trial disturbed
 */
public record WarmUp(
        int trials,
        long millis,
        Boolean compiled,
        boolean settled,
        int repeatedTrials,
        int jitDisturbedTrials,
        boolean steady) {

    public static WarmUp of(int trials, long millis, Boolean compiled, boolean settled, int repeatedTrials,
            int jitDisturbedTrials) {
        boolean steady = trials > 0 && !Boolean.FALSE.equals(compiled) && settled && jitDisturbedTrials == 0;
        return new WarmUp(trials, millis, compiled, settled, repeatedTrials, jitDisturbedTrials, steady);
    }

    /** Why the measured trials may not show the steady state, as a sentence; null when they do. */
    public String caveat() {
        if (steady) {
            return null;
        }
        java.util.List<String> reasons = new java.util.ArrayList<>();
        if (trials == 0) {
            reasons.add("no warm-up was asked for, so the measured trials may include the JIT compiling the loop");
        }
        if (Boolean.FALSE.equals(compiled)) {
            reasons.add("the loop was not yet compiled at the JIT's top tier after " + trials
                    + (trials == 1 ? " warm-up trial in " : " warm-up trials in ") + millis + " ms");
        }
        if (trials > 0 && !settled) {
            reasons.add("the warm-up timings had not settled");
        }
        if (jitDisturbedTrials > 0) {
            reasons.add(jitDisturbedTrials + (jitDisturbedTrials == 1 ? " measured trial ran" : " measured trials ran")
                    + " while the JIT compiled" + (trials == 0 ? "" : ", twice in a row"));
        }
        return "Not a steady state: " + String.join("; ", reasons) + ".";
    }
}
