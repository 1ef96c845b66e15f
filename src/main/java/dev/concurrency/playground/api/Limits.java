package dev.concurrency.playground.api;

/** Bounds of the HTTP interface itself; the bounds of experiments are configuration (PlaygroundConfig). */
final class Limits {

    static final int MAX_WAIT_SECONDS = 300;
    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private Limits() {
    }
}
