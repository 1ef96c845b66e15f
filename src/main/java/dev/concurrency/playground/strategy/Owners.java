package dev.concurrency.playground.strategy;

/**
 * Where an {@link OwnedCounter} gets the one thread that owns its count, supplied for each trial by whoever
 * runs it, who names those threads and makes sure none outlives the trial.
 */
public interface Owners {

    /** A new, unstarted platform thread that will run {@code body}. */
    Thread newThread(Runnable body);

    /** A new event loop, running and dedicated to this trial. */
    EventLoop newEventLoop();
}
