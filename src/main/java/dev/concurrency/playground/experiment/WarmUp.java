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
 * @param childWarmupCpuMillis for a run in child processes, the CPU time each child spent running its loop on
 *     a counter of its own before the start gate; null for runs on threads. Every trial of such a run starts
 *     fresh JVMs, so warm-up trials would warm nothing that the next trial keeps: the children warm up
 *     themselves, and the service cannot watch their JIT, so such a run is never reported steady
 */
public record WarmUp(
        int trials,
        long millis,
        Boolean compiled,
        boolean settled,
        int repeatedTrials,
        int jitDisturbedTrials,
        boolean steady,
        Long childWarmupCpuMillis) {

    public static WarmUp of(int trials, long millis, Boolean compiled, boolean settled, int repeatedTrials,
            int jitDisturbedTrials) {
        boolean steady = trials > 0 && !Boolean.FALSE.equals(compiled) && settled && jitDisturbedTrials == 0;
        return new WarmUp(trials, millis, compiled, settled, repeatedTrials, jitDisturbedTrials, steady, null);
    }

    /**
     * The warm-up of a run in child processes: none by trials, {@code cpuMillis} of CPU time in each child
     * before the start gate.
     */
    public static WarmUp inChildProcesses(long cpuMillis) {
        return new WarmUp(0, 0, null, false, 0, 0, false, cpuMillis);
    }

    /** Why the measured trials may not show the steady state, as a sentence; null when they do. */
    public String caveat() {
        if (steady) {
            return null;
        }
        if (childWarmupCpuMillis != null) {
            return "Measured in fresh child JVMs, not in a watched steady state: each ran its loop for "
                    + childWarmupCpuMillis + " ms of CPU time on a counter of its own before the start gate, compiling "
                    + "in the foreground, but the service cannot watch the children's JIT or repeat a trial it disturbed.";
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
