package dev.concurrency.playground.experiment.analysis;

/** What a run says about thread safety. */
public enum Verdict {
    /** At least one trial lost updates: the strategy let increments collide. */
    CORRUPTED,
    /** No trial lost an update, and the threads really ran at the same time, so a race had its chance. */
    NO_CORRUPTION_OBSERVED,
    /** No trial lost an update, but the run could not have caught a race had there been one. */
    INCONCLUSIVE
}
