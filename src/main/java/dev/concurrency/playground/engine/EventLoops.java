package dev.concurrency.playground.engine;

import dev.concurrency.playground.strategy.EventLoop;
import java.util.concurrent.ThreadFactory;

/**
 * Makes the event loop of an event-loop trial. The engine asks for one per trial and shuts it down when
 * the trial ends; where loops come from is decided outside the engine, which knows nothing of the
 * service around it.
 */
@FunctionalInterface
public interface EventLoops {

    /** None: a trial that needs a loop fails, saying so. */
    EventLoops NONE = threads -> {
        throw new IllegalStateException("this trial engine was given no event loops");
    };

    /** A new event loop, running when this returns, whose one thread is made by {@code threads}. */
    EventLoop start(ThreadFactory threads);
}
