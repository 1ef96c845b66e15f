package dev.concurrency.playground.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Which finished experiments are deleted, and how often one instance of the fleet looks for them. Queued
 * and running experiments are never deleted.
 */
@ConfigMapping(prefix = "playground.retention")
public interface RetentionConfig {

    /** Finished experiments are deleted once they finished longer ago than this. */
    @WithDefault("30d")
    Duration maxAge();

    /** At most this many finished experiments are kept, the newest; unset keeps any number. */
    OptionalInt maxCount();

    /** How often the deletion runs (on one instance of the fleet at a time). */
    @WithDefault("1h")
    Duration interval();
}
