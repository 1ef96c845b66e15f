package dev.concurrency.playground.strategy;

import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One connection of its own to a Redis server, whose calls block the calling thread until the reply is in:
 * what a worker of a Redis strategy increments through. Made by {@link Backends#newRedisConnection()},
 * owned and closed by whoever asked for it.
 *
 * <p>The client is Vert.x's (the one Quarkus's Redis extension wraps), which is asynchronous: a command is
 * written, and its reply read, on a Vert.x event loop, never on the worker. The worker waits for the reply
 * in a {@code CompletableFuture}; a virtual thread waiting there unmounts from its carrier, a platform
 * thread parks. A dedicated connection, not one borrowed from a pool per command, is what
 * {@code WATCH}/{@code MULTI} need (the watch belongs to the connection), and it is how a real client of
 * one row works.
 */
public final class RedisLink implements AutoCloseable {

    /**
     * A reply that takes longer than this means a server that is stuck, not busy: the increment fails, and
     * with it the trial, rather than holding a worker (and the experiment) indefinitely.
     */
    static final long REPLY_TIMEOUT_SECONDS = 10;

    private final Redis client;
    private final RedisConnection connection;
    private final String server;

    /**
     * @param client the client that made {@code connection}, closed with it
     * @param server where the server is, for messages (with no password in it)
     */
    public RedisLink(Redis client, RedisConnection connection, String server) {
        this.client = client;
        this.connection = connection;
        this.server = server;
    }

    /**
     * Sends {@code request} and waits for its reply.
     *
     * @return the reply; null for a null reply (an {@code EXEC} whose transaction was aborted)
     * @throws RedisFailure the server answered an error, the connection failed, or no reply came in time
     */
    public Response call(Request request) {
        try {
            return connection.send(request).toCompletionStage().toCompletableFuture()
                    .get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RedisFailure("Redis at " + server + " failed " + request.command() + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new RedisFailure("Redis at " + server + " sent no reply to " + request.command() + " within "
                    + REPLY_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisFailure("interrupted while waiting for Redis at " + server + " to answer " + request.command(), e);
        }
    }

    /** Where the server is, as given in messages. */
    public String server() {
        return server;
    }

    /** Closes the connection and its client; what was in flight fails. */
    @Override
    public void close() {
        client.close();
    }

    /** A Redis command that failed, with the client's or the server's own message. */
    public static final class RedisFailure extends RuntimeException {
        public RedisFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
