package dev.concurrency.playground.experiment.event;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.Progress;
import dev.concurrency.playground.experiment.RunParams;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.RunSummary;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import dev.concurrency.playground.experiment.analysis.Verdict;

/**
 * Something that happened to an experiment, as followers of its event stream see it.
 *
 * @param id the event's number within its experiment, from 1, in the order they happened
 * @param name {@code state}, {@code status}, {@code trial}, {@code run}, {@code requeued} or {@code end}
 * @param data the event's JSON payload
 */
public record ExperimentEvent(long id, String name, Object data) {

    /** Sent first to each follower, by the stream itself: the experiment as it stands. */
    public static final String STATE = "state";
    public static final String STATUS = "status";
    public static final String TRIAL = "trial";
    public static final String RUN = "run";
    public static final String END = "end";
    /**
     * The instance running the experiment is shutting down and has put it back in the queue; the stream
     * closes without {@code end}, and a follower that reconnects (to any instance) follows it on.
     */
    public static final String REQUEUED = "requeued";

    /** A measured trial, with the run it belongs to. */
    public record TrialEvent(String strategy, int threads, String threadType,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            RunParams params,
            TrialResult trial) {
    }

    /** A completed run, without its trials (they were sent one by one). */
    public record RunEvent(String strategy, int threads, String threadType,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            RunParams params,
            boolean threadSafe, boolean oversubscribed, Verdict verdict, String verdictReason, RunSummary summary) {

        public static RunEvent of(RunResult run) {
            return new RunEvent(run.strategy(), run.threads(), run.threadType().id(), run.params(), run.threadSafe(),
                    run.oversubscribed(), run.verdict(), run.verdictReason(), run.summary());
        }
    }

    /** A change of status, with progress; {@code statusReason} only once something went wrong. */
    public record StatusEvent(String id, ExperimentStatus status, Progress progress, String statusReason) {

        public static StatusEvent of(Experiment experiment) {
            return new StatusEvent(experiment.id(), experiment.status(), experiment.progress(), experiment.statusReason());
        }
    }
}
