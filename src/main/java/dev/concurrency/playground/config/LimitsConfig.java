package dev.concurrency.playground.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The configurable bounds of an experiment, checked when it is submitted: the service spawns threads
 * on request, so these are what keeps one request from taking the machine down. Each can be overridden
 * in {@code application.properties} or by an environment variable
 * ({@code PLAYGROUND_LIMITS_MAX_PLATFORM_THREADS=64}, ...).
 *
 * <p>The {@code @WithDefault} values are the one definition of the defaults: the OpenAPI schema
 * ({@code api.limits.LimitsInOpenApi}), the ConfigMap in {@code src/main/kubernetes} and the README follow
 * them, and {@code ConfigDefinitionsTest} fails when one of them says otherwise. The bounds that are
 * not configurable (page sizes, name length, ...) are {@code api.limits.FixedLimits}; what
 * {@code GET /api/limits} serves is {@code api.limits.LimitsView}.
 */
@ConfigMapping(prefix = "playground.limits")
public interface LimitsConfig {

    /** Platform threads per run: each is an OS thread with its own stack. */
    @WithDefault("256")
    int maxPlatformThreads();

    @WithDefault("100000")
    int maxVirtualThreads();

    /**
     * Child processes per run ({@code "threadType": "process"}): each is a JVM of its own, with its heap and
     * a few hundred milliseconds of CPU to start.
     */
    @WithDefault("16")
    int maxProcesses();

    /**
     * The longest the child processes of one trial may take, together, to start and reach the start gate;
     * a trial whose children are not all there by then fails. 16 children took 5 to 8 s on a loaded 2-core
     * machine.
     */
    @WithDefault("30s")
    Duration processStartTimeout();

    @WithDefault("1000000000")
    long maxIncrementsPerThread();

    @WithDefault("60000")
    long maxDurationMillis();

    /** Sum over every run and trial, warm-ups included, of the increments a fixed-work experiment asks for. */
    @WithDefault("10000000000")
    long maxTotalIncrements();

    /** Strategies times thread counts. */
    @WithDefault("192")
    int maxRuns();

    @WithDefault("100")
    int maxTrials();

    @WithDefault("20")
    int maxWarmupTrials();

    /**
     * Memory the {@code explain} trial of one run may take, in bytes: its logs (a value read and a value
     * written per increment) and their analysis, 24 bytes per recorded increment. It records every
     * increment, so each thread makes at most this / 24 / threads increments in it.
     */
    @WithDefault("67108864")
    long maxExplainBytes();

    /**
     * The most threads a run of a Redis strategy may have: each thread is a connection of its own to the
     * server, opened before the trial and held until it ends (Redis accepts 10,000 clients by default, for
     * every user of the server).
     */
    @WithDefault("64")
    int maxRedisConnections();

    /**
     * Threads per run of a database strategy: each holds a connection of its own to the race database for the
     * whole trial (and the trial one more, to set up and read the row), and a server accepts only so many.
     */
    @WithDefault("32")
    int maxDatabaseConnections();

    /** The longest a fixed-time experiment may plan to run: runs x trials x duration. */
    @WithDefault("10m")
    Duration maxExperimentWallTime();
}
