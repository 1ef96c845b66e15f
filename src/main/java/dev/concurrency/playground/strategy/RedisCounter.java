package dev.concurrency.playground.strategy;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the Redis strategies share, none of it timed: a key of the trial's own, set to zero before the
 * workers start and deleted when the trial ends; a connection for each worker, opened before the start gate;
 * and the final count, read when every worker has ended. Each strategy's increment, its hot loop, is its
 * own.
 *
 * <p>The key is new for every trial ({@code playground:race:} and a random UUID), so trials of several
 * experiments, or of several instances sharing one server, never count into one another's key.
 */
public abstract class RedisCounter extends ExternalCounter implements WorkingCounter {

    /**
     * The counter's one loop, without work: with a round trip per increment, tens of microseconds, a loop of
     * zero tokens costs nothing that could be seen, so each strategy keeps a single loop (with work) rather
     * than two that could drift apart.
     */
    @Override
    public final long incrementTimesCountingCasFailures(int n) {
        return incrementTimesWorking(n, 0, 0);
    }

    /** Where the work's result goes: keeps the JIT from removing the work. */
    protected final Work.Sink sink = new Work.Sink();


    /** What every trial's key starts with. */
    public static final String KEY_PREFIX = "playground:race:";

    /** This trial's key. */
    protected final String key = KEY_PREFIX + UUID.randomUUID();

    /** This trial's key, which exists from {@link #open} until {@link #finish()}. */
    public String key() {
        return key;
    }

    /** Each worker's own connection, set before the gate and read once per batch. */
    private final ThreadLocal<RedisLink> links = new ThreadLocal<>();
    /** Every connection opened for this trial, closed by {@link #finish()}. */
    private final Queue<RedisLink> opened = new ConcurrentLinkedQueue<>();
    /** Set by {@link #open}; the workers, started after it, see it. */
    private volatile Backends backends;
    private volatile RedisLink control;
    private long total = -1;

    @Override
    public void open(Backends backends) throws Exception {
        RedisLink link = backends.newRedisConnection();
        opened.add(link);
        link.call(Request.cmd(Command.SET).arg(key).arg(0));
        prepare(link);
        this.control = link;
        this.backends = backends;
    }

    /** What a strategy sets up on the server before the workers start, such as a script; nothing by default. */
    protected void prepare(RedisLink link) {
    }

    @Override
    public void threadStarting() {
        Backends given = backends;
        if (given == null) {
            return; // open failed: the trial is failing already, and this worker will do nothing
        }
        RedisLink link = given.newRedisConnection();
        opened.add(link);
        links.set(link);
    }

    /** The calling worker's own connection. */
    protected final RedisLink link() {
        RedisLink link = links.get();
        if (link == null) {
            throw new IllegalStateException("this worker has no Redis connection: threadStarting() was not called");
        }
        return link;
    }

    @Override
    public void threadFinished() {
        links.remove();
    }

    @Override
    public void finish() {
        try {
            RedisLink link = control;
            if (link != null) {
                total = count(link.call(Request.cmd(Command.GET).arg(key)));
                link.call(Request.cmd(Command.DEL).arg(key));
            }
        } finally {
            RedisLink link;
            while ((link = opened.poll()) != null) {
                link.close();
            }
        }
    }

    /** The count a {@code GET} of the key answered: a number, or no value (none yet) as zero. */
    protected static long count(Response reply) {
        return reply == null ? 0 : reply.toLong();
    }

    @Override
    public long total() {
        return total;
    }
}
