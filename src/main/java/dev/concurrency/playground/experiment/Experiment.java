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

    public Experiment withRun(RunResult run) {
        List<RunResult> more = new ArrayList<>(runs);
        more.add(run);
        // A run stopped part-way (cancelled, timed out) is kept with its trials but is not a completed run.
        int completed = progress.completedRuns() + (run.summary().measuredTrials() >= spec.trials() ? 1 : 0);
        return new Experiment(id, name, status, submittedAt, startedAt, finishedAt, spec,
                new Progress(completed, progress.totalRuns()), environment, more, statusReason);
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
