package dev.concurrency.playground.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Owners for tests that run an {@link OwnedCounter} without the service: platform threads, and event loops
 * that are one JDK thread running a FIFO queue (the service's are Netty's; the counters need only the
 * {@link EventLoop} contract). One instance per counter: {@link #stopAndJoin(OwnedCounter)} joins every
 * thread it made.
 */
public final class TestOwners implements Owners {

    private final List<Thread> threads = new ArrayList<>();

    @Override
    public Thread newThread(Runnable body) {
        Thread thread = Thread.ofPlatform().name("trial-owner-test").daemon(true).unstarted(body);
        threads.add(thread);
        return thread;
    }

    @Override
    public EventLoop newEventLoop() {
        return eventLoop(this::newThread);
    }

    /** A running single-threaded loop on a thread from {@code factory}. */
    public static EventLoop eventLoop(ThreadFactory factory) {
        LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, queue, factory);
        executor.prestartCoreThread();
        return new EventLoop() {
            @Override
            public void execute(Runnable task) {
                executor.execute(task);
            }

            @Override
            public int pendingTasks() {
                return queue.size();
            }

            @Override
            public boolean isRunning() {
                return !executor.isShutdown();
            }

            @Override
            public void shutdownAndJoin() throws InterruptedException {
                executor.shutdownNow();
                executor.awaitTermination(1, TimeUnit.MINUTES);
            }
        };
    }

    /** Waits for {@code counter}'s owner to apply everything handed off so far; false after a minute. */
    public static boolean drain(OwnedCounter counter) throws InterruptedException {
        counter.markEnd();
        return counter.awaitDrained(1, TimeUnit.MINUTES) >= 0;
    }

    /** Stops the counter's owner and joins every thread made here. */
    public void stopAndJoin(OwnedCounter counter) throws InterruptedException {
        counter.stop();
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
