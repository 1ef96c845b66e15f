package dev.concurrency.playground.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How instances that share one store notice each other: the embedded store has one instance, but it
 * uses the same rules, so a restart after a crash is the same story as a dead fleet member.
 */
@ConfigMapping(prefix = "playground.fleet")
public interface FleetConfig {

    /** How often an instance tells the store it is alive. */
    @WithDefault("3s")
    Duration heartbeatInterval();

    /**
     * An instance silent for this long is dead: another marks the experiment it was running FAILED. Several
     * heartbeats long, so a pause (a full GC, a slow database) is not taken for a death.
     */
    @WithDefault("15s")
    Duration instanceTimeout();

    /**
     * How often an instance reads the store for news it cannot hear directly: a DELETE of the experiment it
     * runs made on another instance, and changes to experiments it has followers or waiters for that
     * another instance runs. Bounds how late those arrive.
     */
    @WithDefault("500ms")
    Duration pollInterval();
}
