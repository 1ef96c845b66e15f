package dev.concurrency.playground.api.problem;

/**
 * The problem type URIs the service uses. They are URNs rather than web addresses: RFC 9457 allows
 * that, and a client should match on them, not fetch them. Problems that only restate the HTTP status
 * use {@code about:blank}, as the RFC recommends.
 */
public final class ProblemTypes {

    public static final String INVALID_REQUEST = "urn:concurrency-playground:problem:invalid-request";
    public static final String MALFORMED_BODY = "urn:concurrency-playground:problem:malformed-body";
    public static final String NOT_FOUND = "urn:concurrency-playground:problem:not-found";
    public static final String UNAUTHORIZED = "urn:concurrency-playground:problem:unauthorized";
    public static final String IDEMPOTENCY_KEY_REUSED = "urn:concurrency-playground:problem:idempotency-key-reused";
    public static final String EXPERIMENT_NOT_FINISHED = "urn:concurrency-playground:problem:experiment-not-finished";
    public static final String QUEUE_FULL = "urn:concurrency-playground:problem:queue-full";
    public static final String SHUTTING_DOWN = "urn:concurrency-playground:problem:shutting-down";
    public static final String STORE_UNAVAILABLE = "urn:concurrency-playground:problem:store-unavailable";
    public static final String BODY_TOO_LARGE = "urn:concurrency-playground:problem:body-too-large";
    public static final String URL_TOO_LONG = "urn:concurrency-playground:problem:url-too-long";
    public static final String HEADERS_TOO_LARGE = "urn:concurrency-playground:problem:headers-too-large";
    public static final String INTERNAL_ERROR = "urn:concurrency-playground:problem:internal-error";
    public static final String HTTP = "about:blank";

    private ProblemTypes() {
    }
}
