package dev.concurrency.playground.api.experiment;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.concurrency.playground.api.limits.FixedLimits;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.Database;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.TrialOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a client asks for. Every strategy runs at every thread count; each such run does
 * {@code warmupTrials} discarded trials and then {@code trials} measured ones. The maxima in the
 * schema are the default limits, written in by {@link dev.concurrency.playground.api.limits.LimitsInOpenApi}
 * from the configuration's definitions ({@code {maxPlatformThreads}} is such a placeholder); the ones in
 * force are configurable and served by GET /api/limits. The fixed bounds are constants of
 * {@link FixedLimits}, so no number here is a copy.
 */
@Schema(name = "ExperimentRequest", description = "An experiment to run: every strategy at every thread count. "
        + "The maxima given are the default limits; GET /api/limits serves the ones this instance enforces.")
public record ExperimentRequest(
        @Schema(description = "A free label for the experiment: at most " + FixedLimits.MAX_NAME_LENGTH
                + " characters (code points) of well-formed text, without control or bidirectional-override characters.",
                maxLength = FixedLimits.MAX_NAME_LENGTH,
                examples = "locks vs atomics")
        String name,

        // maxItems: the size of the catalog, set by LimitsInOpenApi.
        @Schema(description = "Strategy ids (see GET /api/strategies), each at most once.", required = true,
                minItems = 1, uniqueItems = true, examples = "[\"unsynchronized\", \"atomic\"]")
        List<String> strategies,

        @Schema(description = "Thread counts, each at most once: 1..{maxPlatformThreads} platform threads, "
                + "1..{maxVirtualThreads} virtual threads, or 1..{maxProcesses} child processes.",
                required = true, minItems = 1, maxItems = FixedLimits.MAX_THREAD_COUNTS, uniqueItems = true,
                examples = "[1, 2, 4]")
        List<Integer> threadCounts,

        @Schema(description = "The kind of worker, in any case: platform (OS) threads or virtual threads of the "
                + "service's JVM, or `process`: one child JVM per worker, the children sharing the counter in a "
                + "memory-mapped file (thread counts then count processes). Only the strategies whose `workerKinds` "
                + "list `process` run in processes, and `explain` does not.", defaultValue = "platform")
        // The rule of every enum the API takes: matched without regard to case.
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES)
        ThreadType threadType,

        @Schema(description = "Fixed-work mode: each thread increments this many times. "
                + "Defaults to " + ExperimentSpec.DEFAULT_INCREMENTS_PER_THREAD + " when durationMillis is absent.",
                minimum = "1", // maximum: set by LimitsInOpenApi, as are those below
                examples = "1000000")
        Long incrementsPerThread,

        @Schema(description = "Fixed-time mode: every thread increments until this many milliseconds have passed. "
                + "Cannot be combined with incrementsPerThread.", minimum = "1", examples = "100")
        Long durationMillis,

        @Schema(description = "Measured trials per run.", defaultValue = "" + ExperimentSpec.DEFAULT_TRIALS, minimum = "1")
        Integer trials,

        @Schema(description = "The least number of discarded warm-up trials per run. Warm-up then goes on for at least "
                + "the service's minimum warm-up time and until the JIT has compiled the strategy's loop and its timings "
                + "have settled (at most the maximum warm-up time); each run reports how it warmed up. "
                + "0 turns warm-up off: the measured trials may then include the JIT compiling the loop.",
                defaultValue = "" + ExperimentSpec.DEFAULT_WARMUP_TRIALS, minimum = "0")
        Integer warmupTrials,

        @Schema(description = "Whether each run's trials run together (sequential) or trial 1 of every run, then trial 2 "
                + "of every run, and so on (interleaved), so that slow drift of a shared machine falls on every run alike.",
                defaultValue = "interleaved")
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES)
        TrialOrder trialOrder,

        @Schema(description = "After the measured trials of each run of a racy strategy (those whose catalog entry "
                + "says `explainable`), run one extra trial, not measured, in which every thread records each value it "
                + "read and wrote, and explain from those logs why updates were lost: two threads reading the same "
                + "value, stale writes erasing increments, with example interleavings. The trial is fixed-work and "
                + "records every increment, so it is as long as the memory limit allows "
                + "(GET /api/limits: maxExplainBytes). Refused when no strategy listed is explainable.",
                defaultValue = "false")
        Boolean explain,

        @Schema(description = "Workload parameter, like JMH's @Param: tokens of calibrated busy work done where each "
                + "strategy's critical section is (with the lock held; between a racy strategy's read and its write; "
                + "between a CAS loop's read and its compare-and-set), each value at most " + FixedLimits.MAX_WORK_TOKENS
                + ". Every combination of the parameter lists runs with every strategy and thread count, and each run "
                + "states its values under `params`. Not for strategies whose catalog entry says `takesWork: false`, "
                + "nor with `explain`.",
                minItems = 1, maxItems = FixedLimits.MAX_PARAM_VALUES, uniqueItems = true, examples = "[0, 100, 1000]")
        List<Integer> workInside,

        @Schema(description = "Workload parameter: tokens of work after each increment, with nothing held, each value "
                + "at most " + FixedLimits.MAX_WORK_TOKENS + ". Combined with `workInside` as described there.",
                minItems = 1, maxItems = FixedLimits.MAX_PARAM_VALUES, uniqueItems = true, examples = "[0, 1000]")
        List<Integer> workOutside,

        @Schema(description = "Workload parameter: the share of each thread's operations that read the counter instead "
                + "of incrementing it, each value from 0 to " + FixedLimits.MAX_READ_RATIO + " with at most two decimals. "
                + "Reads use each strategy's "
                + "natural read (under the lock, a read lock, an optimistic StampedLock read, a volatile or atomic get, "
                + "LongAdder.sum(), the count an owned strategy's owner publishes); each run then reports its reads and "
                + "writes apart (`reads` in each trial and in the summary). With `incrementsPerThread`, that many operations per thread, of which this share "
                + "reads; lost updates compare the counter with the increments alone. Combined with the work lists as "
                + "described under `workInside`. Not for strategies whose catalog entry says `takesReaders: false`, "
                + "nor with `explain`, nor in child processes.",
                minItems = 1, maxItems = FixedLimits.MAX_PARAM_VALUES, uniqueItems = true, examples = "[0, 0.5, 0.9]")
        List<Double> readRatio,
        @Schema(description = "Workload parameter: microseconds each increment blocks (`Thread.sleep`) where the "
                + "strategy's critical section is: with the lock held, so that every thread queued for it waits too, or "
                + "between a racy strategy's read and its write; each value at most " + FixedLimits.MAX_BLOCK_MICROS
                + " (" + FixedLimits.MAX_BLOCK_MICROS / 1000 + " ms). A further axis of the matrix described under "
                + "`workInside`. Only for strategies whose catalog entry says `takesBlocking: true`, not with `explain` "
                + "nor in child processes. Runs of virtual threads then report how often the JVM pinned them to their "
                + "carriers (`pinning`).",
                minItems = 1, maxItems = FixedLimits.MAX_PARAM_VALUES, uniqueItems = true, examples = "[0, 100, 1000]")
        List<Integer> blockInsideMicros,

        @Schema(description = "Workload parameter: microseconds each increment blocks after it, with nothing held; each "
                + "value at most " + FixedLimits.MAX_BLOCK_MICROS + ". Combined as `blockInsideMicros` is.",
                minItems = 1, maxItems = FixedLimits.MAX_PARAM_VALUES, uniqueItems = true, examples = "[0, 1000]")
        List<Integer> blockOutsideMicros,

        @Schema(description = "Where the database strategies (those whose catalog entry has a `backend` of `database`, "
                + "such as db-atomic-update) increment their row: `embedded`, an H2 database in the service's memory "
                + "kept apart from its store, or `postgresql`, the PostgreSQL database the service is configured with "
                + "(playground.backends.postgresql.jdbc-url; refused when it is not), in any case. Each of their threads "
                + "holds a connection of its own, so a run of them has at most the maxDatabaseConnections of "
                + "GET /api/limits threads. Refused when no database strategy is listed.",
                defaultValue = "embedded")
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES)
        Database database) {

    /** A request without a database (as every request before it could be chosen) or workload parameters. */
    ExperimentRequest(String name, List<String> strategies, List<Integer> threadCounts, ThreadType threadType,
            Long incrementsPerThread, Long durationMillis, Integer trials, Integer warmupTrials, TrialOrder trialOrder,
            Boolean explain) {
        this(name, strategies, threadCounts, threadType, incrementsPerThread, durationMillis, trials, warmupTrials,
                trialOrder, explain, null, null, null, null, null, null);
    }

    /** A request with a database, without workload parameters. */
    ExperimentRequest(String name, List<String> strategies, List<Integer> threadCounts, ThreadType threadType,
            Long incrementsPerThread, Long durationMillis, Integer trials, Integer warmupTrials, TrialOrder trialOrder,
            Boolean explain, Database database) {
        this(name, strategies, threadCounts, threadType, incrementsPerThread, durationMillis, trials, warmupTrials,
                trialOrder, explain, null, null, null, null, null, database);
    }

    /** A request with workload parameters, without a database. */
    ExperimentRequest(String name, List<String> strategies, List<Integer> threadCounts, ThreadType threadType,
            Long incrementsPerThread, Long durationMillis, Integer trials, Integer warmupTrials, TrialOrder trialOrder,
            Boolean explain, List<Integer> workInside, List<Integer> workOutside) {
        this(name, strategies, threadCounts, threadType, incrementsPerThread, durationMillis, trials, warmupTrials,
                trialOrder, explain, workInside, workOutside, null, null, null, null);
    }

    /** A request with workload parameters and blocking, without a database. */
    ExperimentRequest(String name, List<String> strategies, List<Integer> threadCounts, ThreadType threadType,
            Long incrementsPerThread, Long durationMillis, Integer trials, Integer warmupTrials, TrialOrder trialOrder,
            Boolean explain, List<Integer> workInside, List<Integer> workOutside, List<Integer> blockInsideMicros,
            List<Integer> blockOutsideMicros) {
        this(name, strategies, threadCounts, threadType, incrementsPerThread, durationMillis, trials, warmupTrials,
                trialOrder, explain, workInside, workOutside, null, blockInsideMicros, blockOutsideMicros, null);
    }

    /** A request with workload parameters, blocking and a database, without a read share. */
    ExperimentRequest(String name, List<String> strategies, List<Integer> threadCounts, ThreadType threadType,
            Long incrementsPerThread, Long durationMillis, Integer trials, Integer warmupTrials, TrialOrder trialOrder,
            Boolean explain, List<Integer> workInside, List<Integer> workOutside, List<Integer> blockInsideMicros,
            List<Integer> blockOutsideMicros, Database database) {
        this(name, strategies, threadCounts, threadType, incrementsPerThread, durationMillis, trials, warmupTrials,
                trialOrder, explain, workInside, workOutside, null, blockInsideMicros, blockOutsideMicros, database);
    }

    /** A request with workload parameters, a read share and a database, without blocking. */
    ExperimentRequest(String name, List<String> strategies, List<Integer> threadCounts, ThreadType threadType,
            Long incrementsPerThread, Long durationMillis, Integer trials, Integer warmupTrials, TrialOrder trialOrder,
            Boolean explain, List<Integer> workInside, List<Integer> workOutside, List<Double> readRatio,
            Database database) {
        this(name, strategies, threadCounts, threadType, incrementsPerThread, durationMillis, trials, warmupTrials,
                trialOrder, explain, workInside, workOutside, readRatio, null, null, database);
    }

    /**
     * The specification to run, with every default filled in; call only on a validated request.
     *
     * @param listsDatabaseStrategy whether a strategy listed runs in a database: only then has it a database
     */
    ExperimentSpec toSpec(boolean listsDatabaseStrategy) {
        return new ExperimentSpec(
                name,
                strategies,
                threadCounts,
                threadType == null ? ThreadType.PLATFORM : threadType,
                durationMillis == null
                        ? (incrementsPerThread == null ? ExperimentSpec.DEFAULT_INCREMENTS_PER_THREAD : incrementsPerThread)
                        : null,
                durationMillis,
                trials == null ? ExperimentSpec.DEFAULT_TRIALS : trials,
                warmupTrials == null ? ExperimentSpec.DEFAULT_WARMUP_TRIALS : warmupTrials,
                trialOrder == null ? ExperimentSpec.DEFAULT_TRIAL_ORDER : trialOrder,
                Boolean.TRUE.equals(explain),
                workInside,
                workOutside,
                readRatio,
                blockInsideMicros,
                blockOutsideMicros,
                listsDatabaseStrategy ? (database == null ? Database.DEFAULT : database) : null);
    }
}
