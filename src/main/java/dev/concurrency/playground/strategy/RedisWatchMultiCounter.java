package dev.concurrency.playground.strategy;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * A Redis key incremented by an optimistic transaction: {@code WATCH} the key, {@code GET} it,
 * {@code MULTI}, {@code SET} the value plus one, {@code EXEC}; retried when {@code EXEC} refuses.
 *
 * <p><b>Guarantee:</b> every increment counts. {@code WATCH} makes the connection's next {@code EXEC}
 * conditional: if any other client changed the key after the {@code WATCH}, {@code EXEC} runs nothing and
 * answers a null reply, so a {@code SET} computed from a stale read is never applied. The client then
 * reads again and retries. It is a compare-and-set loop, with the server checking the "compare" for the
 * whole read-compute-write.
 *
 * <p><b>How it works here:</b> five commands, five round trips, per attempt, on the worker's own
 * connection (the watch belongs to the connection, so it cannot be borrowed from a pool per command).
 * An {@code EXEC} that answers null is a failed attempt: it is counted, as {@code cas-loop} counts its
 * failed compare-and-sets, and the increment is attempted again.
 *
 * <p><b>Proof:</b> the final {@code GET} equals the number of increments in every trial; the failed
 * attempts show how much work the optimism threw away.
 *
 * <p><b>Cost under contention:</b> the dearest safe Redis strategy. On one client it costs five round
 * trips per increment; with several, an attempt fails whenever another client's {@code EXEC} lands inside
 * its window of four round trips, which with a single hot key is most attempts, and each failure costs
 * the round trips again. Optimistic transactions pay off when conflicts are rare (many keys, few
 * writers); for one hot counter, {@code INCR} or a script is far cheaper.
 */
public final class RedisWatchMultiCounter extends RedisCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("redis-watch-multi")
            .name("Redis WATCH/MULTI/EXEC")
            .family(Family.ATOMIC)
            .safety(Safety.THREAD_SAFE)
            .javaApi("Redis WATCH, GET, MULTI, SET, EXEC, retried while EXEC answers null (Vert.x Redis client)")
            .summary("An optimistic transaction: watch the key, read it, and set it only if nobody changed it; retry otherwise.")
            .descriptionFromJavadocOf(RedisWatchMultiCounter.class)
            .reportsCasFailures()
            .backend(Backend.REDIS)
            .counters(RedisWatchMultiCounter::new)
            .build();

    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long state = n;
        RedisLink link = link();
        long failures = 0;
        for (int i = 0; i < n; i++) {
            while (true) {
                link.call(Request.cmd(Command.WATCH).arg(key));
                long seen = count(link.call(Request.cmd(Command.GET).arg(key)));
                state = Work.consume(state, inside); // while the key is watched: a wider window for a retry
                link.call(Request.cmd(Command.MULTI));
                link.call(Request.cmd(Command.SET).arg(key).arg(seen + 1));
                Response committed = link.call(Request.cmd(Command.EXEC));
                if (committed != null) {
                    break;
                }
                failures++; // another client changed the key after the WATCH: nothing was applied
            }
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return failures;
    }
}
