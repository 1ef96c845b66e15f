package dev.concurrency.playground.api.limits;

import dev.concurrency.playground.config.IdempotencyConfig;
import dev.concurrency.playground.config.LimitsConfig;
import dev.concurrency.playground.config.RetentionConfig;
import dev.concurrency.playground.config.RunnerConfig;
import dev.concurrency.playground.config.StoreConfig;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What {@code GET /api/limits} serves: the bounds in force, configurable ({@link LimitsConfig},
 * {@link RunnerConfig}, {@link IdempotencyConfig}, the body size) and fixed ({@link FixedLimits}), so that scripts and pages can
 * size their requests before sending them.
 */
@Schema(name = "Limits", description = "The bounds this instance enforces; each is configurable.")
public record LimitsView(
        @Schema(description = "Most platform threads per run.") int maxPlatformThreads,
        @Schema(description = "Most virtual threads per run.") int maxVirtualThreads,
        @Schema(description = "Most child processes per run (`\"threadType\": \"process\"`).") int maxProcesses,
        @Schema(description = "Longest the child processes of one trial may take to start and reach the start gate, "
                + "in milliseconds; a trial whose children are not all there by then fails.") long processStartTimeoutMillis,
        @Schema(description = "Most increments per thread in fixed-work mode.") long maxIncrementsPerThread,
        @Schema(description = "Longest trial in fixed-time mode, in milliseconds.") long maxDurationMillis,
        @Schema(description = "Most increments a fixed-work experiment may ask for, over all runs and trials, warm-ups included.")
        long maxTotalIncrements,
        @Schema(description = "Most runs (strategies x thread counts) per experiment.") int maxRuns,
        @Schema(description = "Most measured trials per run.") int maxTrials,
        @Schema(description = "Most warm-up trials per run.") int maxWarmupTrials,
        @Schema(description = "Longest a fixed-time experiment may plan to run, in seconds.") long maxExperimentWallTimeSeconds,
        @Schema(description = "Memory the `explain` trial of one run may take, in bytes: 24 per recorded increment (16 "
                + "of log, 8 to analyse it). It records every increment, so each thread makes at most this / 24 / threads "
                + "increments in it.") long maxExplainBytes,
        @Schema(description = "Most threads per run of a database strategy (those with a `backend` of `database`): each "
                + "holds a connection of its own to the database for the whole trial.") int maxDatabaseConnections,
        @Schema(description = "An experiment still running after this many seconds is stopped and ends TIMED_OUT.")
        long experimentTimeoutSeconds,
        @Schema(description = "Experiments that may wait in the queue; beyond this, submissions get 429 with Retry-After. "
                + "With a shared queue, the capacity is the fleet's, not this instance's.") int queueCapacity,
        @Schema(description = "True when this instance shares its store, and so its queue and queue capacity, with the "
                + "other instances of a fleet (the PostgreSQL store); any of them runs what any of them accepted.")
        boolean sharedQueue,
        @Schema(description = "Experiments that run at the same time on each instance.") int runnerConcurrency,
        @Schema(description = "Longest wait a `Prefer: wait=N` header can ask for, in seconds.") int maxWaitSeconds,
        @Schema(description = "Largest request body accepted, in bytes.") long maxBodyBytes,
        @Schema(description = "How long an `Idempotency-Key` stays bound to its request and experiment, in seconds.")
        long idempotencyKeyRetentionSeconds,
        @Schema(description = "Most `Idempotency-Key`s kept at once; beyond this the oldest are forgotten early.")
        int maxIdempotencyKeys,
        @Schema(description = "Finished experiments are deleted once they finished this many seconds ago.")
        long retentionMaxAgeSeconds,
        @Schema(description = "At most this many finished experiments are kept, the newest; null: any number.",
                nullable = true)
        Integer retentionMaxCount,
        @Schema(description = "Most threads per run of a Redis strategy: each is a connection of its own to the server.")
        int maxRedisConnections) {

    public static LimitsView of(LimitsConfig limits, RunnerConfig runner, IdempotencyConfig idempotency,
            StoreConfig store, RetentionConfig retention, long maxBodyBytes) {
        return new LimitsView(limits.maxPlatformThreads(), limits.maxVirtualThreads(), limits.maxProcesses(),
                limits.processStartTimeout().toMillis(), limits.maxIncrementsPerThread(),
                limits.maxDurationMillis(), limits.maxTotalIncrements(), limits.maxRuns(), limits.maxTrials(),
                limits.maxWarmupTrials(), limits.maxExperimentWallTime().toSeconds(), limits.maxExplainBytes(),
                limits.maxDatabaseConnections(),
                runner.runner().experimentTimeout().toSeconds(), runner.queue().capacity(),
                store.kind() == StoreConfig.Kind.POSTGRESQL, runner.runner().concurrency(),
                FixedLimits.MAX_WAIT_SECONDS, maxBodyBytes, idempotency.retention().toSeconds(), idempotency.maxKeys(),
                retention.maxAge().toSeconds(),
                retention.maxCount().isPresent() ? Integer.valueOf(retention.maxCount().getAsInt()) : null,
                limits.maxRedisConnections());
    }
}
