package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.config.BackendsConfig;
import dev.concurrency.playground.experiment.BackendInfo;
import dev.concurrency.playground.strategy.Backend;
import dev.concurrency.playground.strategy.Backends;
import dev.concurrency.playground.strategy.RedisLink;
import dev.concurrency.playground.strategy.Strategy;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The backends of this service's trials, as configured: where a strategy whose counter lives outside the JVM
 * connects. Nothing is connected until a trial asks, and a backend that is not configured answers, when asked,
 * an exception that names the setting that configures it.
 *
 * <p>Redis: every connection is a client of its own with exactly one connection, on the service's Vert.x
 * instance (whose event loops write the commands and read the replies). A pool shared by the workers would
 * hand a worker whichever connection is free, and {@code WATCH} belongs to a connection; a pool smaller than
 * a trial's workers would leave those connecting before the start gate waiting for the others, which hold
 * theirs until the trial ends.
 */
@ApplicationScoped
public class TrialBackends implements Backends {

    /** A server that does not accept a connection in this time is down as far as a trial is concerned. */
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final Vertx vertx;
    private final Optional<String> redisUrl;

    @Inject
    public TrialBackends(Instance<Vertx> vertx, BackendsConfig config) {
        this(config.redis().url().filter(url -> !url.isBlank()).map(url -> vertx.get()).orElse(null),
                config.redis().url().filter(url -> !url.isBlank()));
    }

    /**
     * @param vertx the Vert.x instance whose event loops serve the connections; may be null when no backend
     *     needs one
     * @param redisUrl the Redis server ({@code redis://host:6379}), if any
     */
    public TrialBackends(Vertx vertx, Optional<String> redisUrl) {
        if (redisUrl.isPresent() && vertx == null) {
            throw new IllegalArgumentException("a Redis server needs a Vert.x instance to connect with");
        }
        this.vertx = vertx;
        this.redisUrl = redisUrl;
    }

    /** No backend configured: every strategy with a backend fails, saying what to configure. */
    public static TrialBackends none() {
        return new TrialBackends(null, Optional.empty());
    }

    @Override
    public RedisLink newRedisConnection() {
        String url = redisUrl.orElseThrow(() -> new IllegalStateException("No Redis server is configured for this "
                + "service: set " + StrategyAvailability.REDIS_SETTING + " (" + StrategyAvailability.REDIS_VARIABLE
                + "), e.g. redis://host:6379"));
        String server = withoutPassword(url);
        RedisOptions options = new RedisOptions().setConnectionString(url).setMaxPoolSize(1).setMaxWaitingHandlers(1);
        options.getNetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS).setTcpNoDelay(true);
        Redis client = Redis.createClient(vertx, options);
        try {
            RedisConnection connection = await(client.connect().toCompletionStage(), "connect to Redis at " + server);
            return new RedisLink(client, connection, server);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * What the backend of {@code strategy} says it is, for the runs that use it; empty for a strategy in the
     * heap, or when the backend cannot be asked (the run's trials then fail and say why).
     */
    public Optional<BackendInfo> describe(Strategy strategy) {
        if (strategy.backend().orElse(null) != Backend.REDIS || redisUrl.isEmpty()) {
            return Optional.empty();
        }
        try (RedisLink link = newRedisConnection()) {
            Response info = link.call(Request.cmd(Command.INFO).arg("server"));
            return Optional.of(new BackendInfo("Redis", field(info.toString(), "redis_version"), null));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** One {@code name:value} line of an INFO reply; null if it has none. */
    static String field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    /** The URL as messages may show it: without the password. */
    static String withoutPassword(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getUserInfo() == null) {
                return url;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (Exception e) {
            return "(the configured " + StrategyAvailability.REDIS_SETTING + ")";
        }
    }

    private static <T> T await(CompletionStage<T> future, String what) {
        try {
            return future.toCompletableFuture().get(CONNECT_TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RedisLink.RedisFailure("Could not " + what + ": " + cause, cause);
        } catch (TimeoutException e) {
            throw new RedisLink.RedisFailure("Could not " + what + " within " + CONNECT_TIMEOUT_MILLIS * 2 + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisLink.RedisFailure("Interrupted while trying to " + what, e);
        }
    }
}
