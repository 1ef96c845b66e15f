package dev.concurrency.playground.strategy;

/**
 * How long sampled hand-offs took, from the moment a worker handed an increment over to the moment the
 * owner applied it: the time an increment spent in flight, waiting in the queue included.
 *
 * <p>Percentiles are HdrHistogram's, to two significant digits (within 1%).
 *
 * @param samples how many hand-offs were timed
 * @param p50Nanos the median
 * @param p99Nanos the 99th percentile
 * @param maxNanos the longest
 */
public record HandOffLatency(long samples, long p50Nanos, long p99Nanos, long maxNanos) {
}
