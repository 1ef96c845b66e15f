package dev.concurrency.playground.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the in-memory store keeps. */
@ConfigMapping(prefix = "playground.store")
public interface StoreConfig {

    /** Finished experiments kept in memory before the oldest are forgotten. */
    @WithDefault("1000")
    int retainedExperiments();
}
