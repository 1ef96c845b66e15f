package dev.concurrency.playground.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The systems outside the JVM that the strategies with a backend increment their counter in. A strategy
 * whose backend is not configured is listed by the catalog as unavailable, with the setting that enables it.
 */
@ConfigMapping(prefix = "playground.backends")
public interface BackendsConfig {

    /** The Redis server of the Redis strategies. */
    Redis redis();

    interface Redis {
        /**
         * The Redis server, as a connection string ({@code redis://host:6379}, {@code redis://:password@host:6379/0},
         * {@code rediss://} for TLS); none by default, and then the Redis strategies are unavailable. Each
         * trial uses a key of its own and deletes it when it ends.
         */
        Optional<String> url();
    }
}
