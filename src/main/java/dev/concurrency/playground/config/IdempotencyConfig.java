package dev.concurrency.playground.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How long and how many {@code Idempotency-Key}s are remembered. A concern of its own: a durable store
 * keeps keys under the same rules as the in-memory one, whatever it keeps experiments under.
 */
@ConfigMapping(prefix = "playground.idempotency")
public interface IdempotencyConfig {

    /**
     * How long a key stays bound to its request and experiment. 24 hours by default: long enough for a
     * script that retries after a night's outage, and what issue 11 promises.
     */
    @WithDefault("24h")
    Duration retention();

    /**
     * Most keys remembered at once. Beyond it the oldest key is forgotten before its retention is over,
     * so a client that sends a fresh key with every request cannot grow the memory without bound; at
     * about 0.5 KiB per key (a 255-character key at most), the default costs at most a few MiB.
     */
    @WithDefault("10000")
    int maxKeys();
}
