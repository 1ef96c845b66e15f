package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.engine.EventLoops;
import dev.concurrency.playground.strategy.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The event loops of {@code event-loop} trials: for each trial a Netty {@code NioEventLoop} of its own, the
 * kind of loop each of Vert.x's event loops is (Quarkus runs Vert.x on NIO unless told to prefer a native
 * transport), with the same task queue, selector wake-up and alternation of tasks and I/O.
 *
 * <p>Not one of the service's own loops, although Quarkus has them at hand: those serve HTTP, and a trial
 * floods its loop with millions of tasks. Responses that worker threads write go through the same task
 * queue, behind the increments, so every connection on that loop would stall for as long as the backlog
 * takes; the HTTP work would in turn be measured as the strategy's; and a cancelled trial's tasks would
 * still run after it. A loop per trial starts from an empty queue and ends with the trial.
 */
final class DedicatedEventLoops implements EventLoops {

    @Override
    public EventLoop start(ThreadFactory threads) {
        NioEventLoopGroup group = new NioEventLoopGroup(1, threads);
        SingleThreadEventExecutor loop = (SingleThreadEventExecutor) group.next();
        try {
            // Netty starts the thread with the first task: do it now, so that the trial does not time it.
            loop.submit(() -> { }).sync();
        } catch (InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting an event loop", e);
        }
        return new EventLoop() {
            @Override
            public void execute(Runnable task) {
                loop.execute(task);
            }

            @Override
            public int pendingTasks() {
                return loop.pendingTasks();
            }

            @Override
            public boolean isRunning() {
                return !loop.isShuttingDown();
            }

            @Override
            public void shutdownAndJoin() throws InterruptedException {
                // No quiet period: the trial is over, and tasks still queued are dropped.
                group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
                group.terminationFuture().await();
            }
        };
    }
}
