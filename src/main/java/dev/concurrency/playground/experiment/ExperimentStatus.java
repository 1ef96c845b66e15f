package dev.concurrency.playground.experiment;

/** Where an experiment is in its life. */
public enum ExperimentStatus {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED,
    TIMED_OUT;

    /** Whether the experiment will never change again. */
    public boolean isTerminal() {
        return this != QUEUED && this != RUNNING;
    }
}
