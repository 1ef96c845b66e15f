package dev.concurrency.playground.api;

/** The bounds a request must respect; constants because validation annotations need them at compile time. */
final class Limits {

    static final int MAX_PLATFORM_THREADS = 256;
    static final int MAX_VIRTUAL_THREADS = 100_000;
    static final long MAX_INCREMENTS_PER_THREAD = 1_000_000_000L;
    static final long MAX_DURATION_MILLIS = 60_000;
    static final int MAX_TRIALS = 100;
    static final int MAX_WARMUP_TRIALS = 20;
    static final int MAX_WAIT_SECONDS = 300;
    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private Limits() {
    }
}
