package dev.concurrency.playground.strategy;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * A Redis key incremented by its clients the way a cache is often updated: {@code GET} the value, add one
 * in the client, {@code SET} the result. Each worker is a client with a connection of its own.
 *
 * <p><b>Guarantee:</b> none. Redis runs one command at a time, so each {@code GET} and each {@code SET} is
 * atomic, but the pair is not: between one client's {@code GET} and its {@code SET}, other clients'
 * commands run, and two clients that read the same value both write that value plus one. One increment
 * vanishes. It is the lost update of a plain {@code long} field, moved out of the JVM: the shared memory is
 * now a server, the read and the write are network round trips, and the window between them is the
 * whole round trip of the {@code SET}, tens of microseconds instead of a few nanoseconds, so each loss
 * can erase many other clients' increments. The final count can only be lower than the number of
 * increments, never higher.
 *
 * <p><b>How it works here:</b> each increment is two commands, each a round trip on the worker's own
 * connection: the worker waits for the {@code GET}'s reply before it sends the {@code SET}, as a client
 * computing the new value must. The key belongs to the trial and is reset to zero before it starts.
 *
 * <p><b>What goes wrong:</b> with one client nothing is lost; with two or more, a trial loses updates
 * whenever two round trips overlap, which on a busy server is most of the time. The explain option does
 * not apply: the reads and writes happen in the server, where this service cannot record them.
 *
 * <p><b>Cost under contention:</b> two round trips per increment, whatever the thread count; the server
 * itself does almost nothing per command. More clients add throughput until the server's one thread or
 * the network is busy, and lose more updates as they do.
 */
public final class RedisGetSetCounter extends RedisCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("redis-get-set")
            .name("Redis GET then SET")
            .family(Family.NONE)
            .safety(Safety.RACY)
            .javaApi("Redis GET, then SET of the value plus one (Vert.x Redis client)")
            .summary("Read the key, add one in the client, write it back: two commands that other clients interleave.")
            .descriptionFromJavadocOf(RedisGetSetCounter.class)
            .backend(Backend.REDIS)
            .counters(RedisGetSetCounter::new)
            .build();

    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long state = n;
        RedisLink link = link();
        for (int i = 0; i < n; i++) {
            long seen = count(link.call(Request.cmd(Command.GET).arg(key)));
            state = Work.consume(state, inside); // between the GET and the SET: a wider race window
            link.call(Request.cmd(Command.SET).arg(key).arg(seen + 1));
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return 0;
    }
}
