package dev.concurrency.playground.engine;

/** The trial was stopped through its {@link CancellationToken}; its partial counts are discarded. */
public final class TrialCancelledException extends Exception {

    public TrialCancelledException() {
        super("The trial was cancelled before it finished", null, false, false);
    }
}
