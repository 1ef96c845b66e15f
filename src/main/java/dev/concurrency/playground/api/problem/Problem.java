package dev.concurrency.playground.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An error response in the RFC 9457 "problem details" format, served as
 * {@code application/problem+json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "An error, as RFC 9457 problem details.")
public record Problem(
        @Schema(description = "URI identifying the kind of problem.", examples = ProblemTypes.INVALID_REQUEST)
        String type,
        @Schema(description = "Short summary of the kind of problem.", examples = "Invalid experiment request")
        String title,
        @Schema(description = "The HTTP status code.", examples = "400")
        int status,
        @Schema(description = "What went wrong in this occurrence, and what to do about it.")
        String detail,
        @Schema(description = "The request path this problem occurred on.", examples = "/api/experiments")
        String instance,
        @Schema(description = "Each invalid field, for validation problems.")
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Longest request path a problem repeats as its {@code instance}. */
    static final int MAX_INSTANCE_LENGTH = 256;

    public Problem {
        instance = ProblemException.excerpt(instance, MAX_INSTANCE_LENGTH);
    }
}
