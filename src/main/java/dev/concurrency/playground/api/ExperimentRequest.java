package dev.concurrency.playground.api;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.ExperimentSpec;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a client asks for. Every strategy runs at every thread count; each such run does
 * {@code warmupTrials} discarded trials and then {@code trials} measured ones. The maxima in the
 * schema are the default limits; the ones in force are configurable and served by GET /api/limits.
 */
@ValidExperimentRequest
@Schema(name = "ExperimentRequest", description = "An experiment to run: every strategy at every thread count.")
public record ExperimentRequest(
        @Schema(description = "A free label for the experiment.", maxLength = 100, examples = "locks vs atomics")
        @Size(max = 100, message = "must be at most 100 characters long")
        String name,

        @Schema(description = "Strategy ids (see GET /api/strategies), each at most once.", required = true,
                examples = "[\"unsynchronized\", \"atomic\"]")
        @NotNull(message = "is required: list 1 to 12 strategy ids, e.g. [\"unsynchronized\", \"atomic\"]")
        @Size(min = 1, max = 12, message = "must list between 1 and 12 strategy ids")
        List<@NotNull(message = "must be a strategy id, not null") String> strategies,

        @Schema(description = "Thread counts, each at most once: 1..256 platform threads or 1..100000 virtual threads.",
                required = true, examples = "[1, 2, 4]")
        @NotNull(message = "is required: list 1 to 16 thread counts, e.g. [1, 2, 4]")
        @Size(min = 1, max = 16, message = "must list between 1 and 16 thread counts")
        List<@NotNull(message = "must be a whole number, not null")
             @Min(value = 1, message = "must be at least 1") Integer> threadCounts,

        @Schema(description = "Platform (OS) threads or virtual threads.", defaultValue = "platform")
        ThreadType threadType,

        @Schema(description = "Fixed-work mode: each thread increments this many times. "
                + "Defaults to 1000000 when durationMillis is absent.", minimum = "1", maximum = "1000000000",
                examples = "1000000")
        @Min(value = 1, message = "must be at least 1")
        Long incrementsPerThread,

        @Schema(description = "Fixed-time mode: every thread increments until this many milliseconds have passed. "
                + "Cannot be combined with incrementsPerThread.", minimum = "1", maximum = "60000", examples = "100")
        @Min(value = 1, message = "must be at least 1")
        Long durationMillis,

        @Schema(description = "Measured trials per run.", defaultValue = "5", minimum = "1", maximum = "100")
        @Min(value = 1, message = "must be at least 1")
        Integer trials,

        @Schema(description = "Discarded warm-up trials per run, so the JIT has compiled the loop before it is measured.",
                defaultValue = "1", minimum = "0", maximum = "20")
        @Min(value = 0, message = "must be at least 0")
        Integer warmupTrials) {

    /** The specification to run, with every default filled in; call only on a validated request. */
    ExperimentSpec toSpec() {
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
                warmupTrials == null ? ExperimentSpec.DEFAULT_WARMUP_TRIALS : warmupTrials);
    }
}
