package dev.concurrency.playground.api.problem;

import java.util.List;

/** Thrown by resources to answer with a problem; the mapper turns it into the response. */
public final class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Violation> violations;

    public ProblemException(int status, String type, String title, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.violations = violations;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, ProblemTypes.NOT_FOUND, "Not found", detail, null);
    }

    public static ProblemException invalid(String detail, List<Violation> violations) {
        return new ProblemException(400, ProblemTypes.INVALID_REQUEST, "Invalid request", detail, violations);
    }

    /**
     * {@code value} as a problem may quote it: client input (an id, a strategy, a path) can be kilobytes
     * long, and an answer that echoes it whole grows with the attack. Cut by code point, so an emoji is
     * never split into a lone surrogate.
     */
    public static String excerpt(String value, int maxCodePoints) {
        if (value == null || value.codePointCount(0, value.length()) <= maxCodePoints) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, maxCodePoints)) + "...";
    }

    /** An excerpt short enough for a sentence: ids here are 36 characters. */
    public static String excerpt(String value) {
        return excerpt(value, 40);
    }

    public Problem toProblem(String instance) {
        return new Problem(type, title, status, getMessage(), instance, violations);
    }

    int status() {
        return status;
    }
}
