package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.config.RunnerConfig;
import java.time.Duration;

/**
 * The runner's settings as plain values, without Quarkus or SmallRye: the runner reads nothing else,
 * so its tests set nothing else.
 */
record TestRunnerConfig(int queueCapacity, int concurrency, Duration experimentTimeout) implements RunnerConfig {

    /** A small queue, one runner, and a timeout no test reaches by accident. */
    static TestRunnerConfig standard() {
        return new TestRunnerConfig(8, 1, Duration.ofMinutes(10));
    }

    TestRunnerConfig withQueueCapacity(int capacity) {
        return new TestRunnerConfig(capacity, concurrency, experimentTimeout);
    }

    TestRunnerConfig withConcurrency(int runners) {
        return new TestRunnerConfig(queueCapacity, runners, experimentTimeout);
    }

    TestRunnerConfig withExperimentTimeout(Duration timeout) {
        return new TestRunnerConfig(queueCapacity, concurrency, timeout);
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

            // Warm-up by trial count alone: these tests are about the runner, not the JIT.
            @Override
            public Duration warmupMinTime() {
                return Duration.ZERO;
            }

            @Override
            public Duration warmupMaxTime() {
                return Duration.ZERO;
            }
        };
    }
}
