package dev.concurrency.playground.engine;

/**
 * Lets the owner of a series of trials stop the one in progress. The engine polls it while it waits
 * for its workers, never from the increment loop, so cancelling costs the workers nothing.
 */
public final class CancellationToken {

    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
