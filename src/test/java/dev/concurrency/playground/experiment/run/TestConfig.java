package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.config.PlaygroundConfig;

import java.time.Duration;

/**
 * The settings the runner and the store read, as plain values: no Quarkus here. The HTTP settings and
 * the request limits belong to the api package and are not read by anything under test here.
 */
public record TestConfig(int queueCapacity, int concurrency, Duration experimentTimeout, int retainedExperiments)
        implements PlaygroundConfig {

    /** A small queue, one runner, a timeout no test reaches by accident, and a store that keeps everything. */
    static TestConfig standard() {
        return new TestConfig(8, 1, Duration.ofMinutes(10), 100_000);
    }

    TestConfig withQueueCapacity(int capacity) {
        return new TestConfig(capacity, concurrency, experimentTimeout, retainedExperiments);
    }

    TestConfig withConcurrency(int runners) {
        return new TestConfig(queueCapacity, runners, experimentTimeout, retainedExperiments);
    }

    TestConfig withExperimentTimeout(Duration timeout) {
        return new TestConfig(queueCapacity, concurrency, timeout, retainedExperiments);
    }

    @Override
    public Queue queue() {
        return () -> queueCapacity;
    }

    @Override
    public Runner runner() {
        return new Runner() {
            @Override
            public int concurrency() {
                return concurrency;
            }

            @Override
            public Duration experimentTimeout() {
                return experimentTimeout;
            }
        };
    }

    @Override
    public Limits limits() {
        throw new UnsupportedOperationException("the runner does not validate");
    }

    @Override
    public Store store() {
        return () -> retainedExperiments;
    }

    @Override
    public Http http() {
        throw new UnsupportedOperationException("not HTTP");
    }

    @Override
    public Cors cors() {
        throw new UnsupportedOperationException("not HTTP");
    }

    @Override
    public Security security() {
        throw new UnsupportedOperationException("not HTTP");
    }
}
