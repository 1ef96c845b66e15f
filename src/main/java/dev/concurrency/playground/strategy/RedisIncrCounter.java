package dev.concurrency.playground.strategy;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * A Redis key incremented by {@code INCR}: the server reads, adds one and writes in one command.
 *
 * <p><b>Guarantee:</b> every increment counts. Redis executes commands one at a time on its one
 * command thread, so an {@code INCR} never interleaves with another command on the same key: the read
 * and the write that the client-side {@code GET}/{@code SET} left apart are one step on the server. It is
 * the atomic add of {@code AtomicLong.incrementAndGet}, performed by the server instead of a core.
 *
 * <p><b>How it works here:</b> one command, one round trip, per increment, on the worker's own
 * connection; the reply is the new value, which the worker waits for and ignores.
 *
 * <p><b>Proof:</b> the final {@code GET} equals the number of increments in every trial, at any number of
 * clients; nothing is retried, because nothing can fail.
 *
 * <p><b>Cost under contention:</b> one round trip per increment: the network and the client's event loop,
 * not the increment, are the cost, tens of microseconds against nanoseconds for an atomic in the heap.
 * Clients do not slow each other down until the server's thread is saturated; then they queue. The
 * right tool whenever the new value is a function Redis has a command for ({@code INCRBY},
 * {@code HINCRBY}, {@code INCRBYFLOAT}).
 */
public final class RedisIncrCounter extends RedisCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("redis-incr")
            .name("Redis INCR")
            .family(Family.ATOMIC)
            .safety(Safety.THREAD_SAFE)
            .javaApi("Redis INCR (Vert.x Redis client)")
            .summary("One INCR per increment: the server reads, adds and writes in one command.")
            .descriptionFromJavadocOf(RedisIncrCounter.class)
            .backend(Backend.REDIS)
            .counters(RedisIncrCounter::new)
            .build();

    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long state = n;
        RedisLink link = link();
        for (int i = 0; i < n; i++) {
            // No critical section in the client: the server increments in one command, so the work "inside"
            // is done just before it, as for the atomic counter in the heap.
            state = Work.consume(state, inside);
            link.call(Request.cmd(Command.INCR).arg(key));
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return 0;
    }
}
