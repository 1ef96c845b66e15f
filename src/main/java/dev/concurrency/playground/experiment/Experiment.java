package dev.concurrency.playground.experiment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An immutable snapshot of an experiment. Every change produces a new snapshot, so a reader never
 * sees a half-updated experiment and the store can hand snapshots out without copying.
 *
 * @param statusReason why the experiment did not complete, or why a queued one is queued again; absent
 *     unless it failed, was stopped or was put back in the queue
 */
public record Experiment(
        String id,
        String name,
        ExperimentStatus status,
        Instant submittedAt,
        Instant startedAt,
        Instant finishedAt,
        ExperimentSpec spec,
        Progress progress,
        Environment environment,
        List<RunResult> runs,
        String statusReason) {

    public Experiment {
        runs = List.copyOf(runs);
    }

    public static Experiment queued(String id, ExperimentSpec spec, Instant now) {
        return new Experiment(id, spec.name(), ExperimentStatus.QUEUED, now, null, null, spec,
                new Progress(0, spec.totalRuns()), null, List.of(), null);
    }

    public Experiment started(Instant now, Environment environment) {
        return new Experiment(id, name, ExperimentStatus.RUNNING, submittedAt, now, null, spec, progress,
                environment, runs, null);
    }

    /**
     * With {@code run} added, or in place of the earlier snapshot of the same run (strategy, thread count,
     * thread type): an interleaved experiment stores its runs part-way after each round, so a crash keeps
     * the trials measured so far, and then stores each of them again, whole.
     */
    public Experiment withRun(RunResult run) {
        List<RunResult> more = new ArrayList<>(runs);
        int earlier = -1;
        for (int i = 0; i < more.size() && earlier < 0; i++) {
            if (sameRun(more.get(i), run)) {
                earlier = i;
            }
        }
        if (earlier >= 0) {
            more.set(earlier, run);
        } else {
            more.add(run);
        }
        // A run stopped part-way (cancelled, timed out, or stored after a round) is kept with its trials but
        // is not a completed run.
        int completed = (int) more.stream().filter(this::complete).count();
        return new Experiment(id, name, status, submittedAt, startedAt, finishedAt, spec,
                new Progress(completed, progress.totalRuns()), environment, more, statusReason);
    }

    /** The runs with all the trials the spec asks for: not those stored part-way or stopped part-way. */
    public List<RunResult> completedRuns() {
        return runs.stream().filter(this::complete).toList();
    }

    private boolean complete(RunResult run) {
        return run.summary().measuredTrials() >= spec.trials();
    }

    private static boolean sameRun(RunResult a, RunResult b) {
        return a.strategy().equals(b.strategy()) && a.threads() == b.threads() && a.threadType() == b.threadType()
                && java.util.Objects.equals(a.params(), b.params());
    }

    /**
     * Back in the queue, as if it had never started: its instance is shutting down, and a benchmark run is
     * repeatable, so it runs whole later rather than resuming with trials measured in another JVM.
     */
    public Experiment requeued(String why) {
        return new Experiment(id, name, ExperimentStatus.QUEUED, submittedAt, null, null, spec,
                new Progress(0, progress.totalRuns()), null, List.of(), why);
    }

    public Experiment finished(ExperimentStatus terminal, Instant now, String why) {
        return new Experiment(id, name, terminal, submittedAt, startedAt, now, spec, progress, environment, runs, why);
    }
}
