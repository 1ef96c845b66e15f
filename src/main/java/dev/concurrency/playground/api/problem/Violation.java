package dev.concurrency.playground.api.problem;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One reason a request was refused.
 *
 * @param field JSON path of the offending field, e.g. {@code threadCounts[1]}; {@code body} for the request as a whole
 * @param message what is wrong with it and what would be accepted
 */
@Schema(description = "One invalid field of a request.")
public record Violation(
        @Schema(description = "Path of the offending field within the request.", examples = "threadCounts[1]")
        String field,
        // The validator's message for one thread too many, with the default limits filled in by LimitsInOpenApi.
        @Schema(description = "What is wrong and what would be accepted.",
                examples = "must be at most {maxPlatformThreads} for platform threads (playground.limits.max-platform-threads); "
                        + "use \"threadType\": \"virtual\" for up to {maxVirtualThreads}")
        String message) {
}
