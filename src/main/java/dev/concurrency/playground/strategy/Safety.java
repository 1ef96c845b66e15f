package dev.concurrency.playground.strategy;

/**
 * Whether a strategy promises that no concurrent increment is ever lost.
 */
public enum Safety {
    /** Every increment of every thread is counted, whatever the interleaving. */
    THREAD_SAFE,
    /** Increments of different threads can overwrite each other: the count may come out low. */
    RACY
}
