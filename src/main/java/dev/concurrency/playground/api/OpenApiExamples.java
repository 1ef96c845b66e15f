package dev.concurrency.playground.api;

/** Example payloads for the OpenAPI document, kept together so they are easy to keep true. */
final class OpenApiExamples {

    static final String EXPERIMENT_ID = "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13";
    static final String STRATEGY_LIST = "[]";
    static final String STRATEGY = "{}";
    static final String UNKNOWN_STRATEGY = "{}";
    static final String REQUEST_FIXED_TIME = "{}";
    static final String REQUEST_SWEEP = "{}";
    static final String REQUEST_VIRTUAL = "{}";
    static final String EXPERIMENT_QUEUED = "{}";
    static final String EXPERIMENT_COMPLETED = "{}";
    static final String EXPERIMENT_LIST = "[]";
    static final String INVALID_REQUEST = "{}";
    static final String MALFORMED_BODY = "{}";
    static final String UNSUPPORTED_MEDIA_TYPE = "{}";
    static final String UNKNOWN_EXPERIMENT = "{}";
    static final String INVALID_LIMIT = "{}";

    private OpenApiExamples() {
    }
}
