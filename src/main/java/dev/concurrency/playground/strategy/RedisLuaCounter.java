package dev.concurrency.playground.strategy;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * A Redis key incremented by a Lua script that does the {@code GET}, the addition and the {@code SET} on
 * the server: {@code EVALSHA} of a script loaded before the trial.
 *
 * <p><b>Guarantee:</b> every increment counts. Redis runs a script as it runs a command, to the end before
 * anything else: no other client's command can run between the script's {@code GET} and its {@code SET}.
 * The racy read-then-write of {@code redis-get-set} becomes safe without changing a line of its logic, by
 * moving it to where it cannot be interleaved: confinement to the server's one command thread.
 *
 * <p><b>How it works here:</b> before the workers start, {@code SCRIPT LOAD} stores the script and
 * answers its SHA-1; each increment is then one {@code EVALSHA} with the key, one round trip, without
 * sending the script's text each time.
 *
 * <p><b>Proof:</b> the final {@code GET} equals the number of increments in every trial; nothing is
 * retried, because nothing can fail.
 *
 * <p><b>Cost under contention:</b> one round trip per increment, like {@code INCR}, plus the server
 * running a few lines of Lua, a few microseconds, during which it serves nobody else: a long script
 * stalls every client, the event loop's lesson on the server. Scripts are how to make any
 * read-compute-write atomic in Redis when no single command does it.
 */
public final class RedisLuaCounter extends RedisCounter {

    /** The racy GET-then-SET, made atomic by running on the server. */
    static final String SCRIPT = "local n = tonumber(redis.call('GET', KEYS[1]) or '0') + 1\n"
            + "redis.call('SET', KEYS[1], n)\n"
            + "return n";

    public static final Strategy STRATEGY = Strategy.builder()
            .id("redis-lua")
            .name("Redis Lua script")
            .family(Family.ATOMIC)
            .safety(Safety.THREAD_SAFE)
            .javaApi("Redis EVALSHA of a GET-then-SET Lua script (Vert.x Redis client)")
            .summary("A Lua script does the GET and the SET on the server, where no other command can run in between.")
            .descriptionFromJavadocOf(RedisLuaCounter.class)
            .backend(Backend.REDIS)
            .counters(RedisLuaCounter::new)
            .build();

    /** The script's SHA-1, as SCRIPT LOAD answered it; set before the workers start. */
    private volatile String sha;

    @Override
    protected void prepare(RedisLink link) {
        sha = link.call(Request.cmd(Command.SCRIPT).arg("LOAD").arg(SCRIPT)).toString();
    }

    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long state = n;
        RedisLink link = link();
        String script = sha;
        for (int i = 0; i < n; i++) {
            // The script runs in the server, where no other command interleaves: the work "inside" is done just
            // before it, as for the atomic counter in the heap.
            state = Work.consume(state, inside);
            link.call(Request.cmd(Command.EVALSHA).arg(script).arg(1).arg(key));
            state = Work.consume(state, outside);
        }
        Work.keep(state, sink);
        return 0;
    }
}
