package dev.concurrency.playground.strategy;

/**
 * One thread that runs the tasks it is given one at a time, in the order they were given: what an event
 * loop is to the code it runs. A task needs no lock for state that only the loop's tasks touch.
 *
 * <p>The strategies receive a loop from whoever runs the trial (see {@link Owners}) and never make one, so
 * this package knows nothing of where it comes from.
 */
public interface EventLoop {

    /** Queues {@code task} to run on the loop's thread, after every task given before it. */
    void execute(Runnable task);

    /** Tasks given and not yet run: what a producer reads to hold back when the loop falls behind. */
    int pendingTasks();

    /** Whether the loop still runs tasks; false once it was shut down. */
    boolean isRunning();

    /** Stops the loop and returns once its thread has ended; tasks not yet run may be dropped. */
    void shutdownAndJoin() throws InterruptedException;
}
