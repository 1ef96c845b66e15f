package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.config.RunnerConfig;
import java.time.Duration;

/**
 * The runner's settings as plain values, without Quarkus or SmallRye: the runner reads nothing else,
 * so its tests set nothing else.
 */
record TestRunnerConfig(int queueCapacity, int concurrency, Duration experimentTimeout, Duration warmupMinTime,
        Duration warmupMaxTime, Duration checkpointInterval) implements RunnerConfig {

    /**
     * A small queue, one runner, a timeout no test reaches by accident, and warm-up by trial count alone:
     * most of these tests are about the runner, not the JIT.
     */
    static TestRunnerConfig standard() {
        return new TestRunnerConfig(8, 1, Duration.ofMinutes(10), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1));
    }

    TestRunnerConfig withQueueCapacity(int capacity) {
        return new TestRunnerConfig(capacity, concurrency, experimentTimeout, warmupMinTime, warmupMaxTime, checkpointInterval);
    }

    TestRunnerConfig withConcurrency(int runners) {
        return new TestRunnerConfig(queueCapacity, runners, experimentTimeout, warmupMinTime, warmupMaxTime, checkpointInterval);
    }

    TestRunnerConfig withExperimentTimeout(Duration timeout) {
        return new TestRunnerConfig(queueCapacity, concurrency, timeout, warmupMinTime, warmupMaxTime, checkpointInterval);
    }

    TestRunnerConfig withWarmup(Duration min, Duration max) {
        return new TestRunnerConfig(queueCapacity, concurrency, experimentTimeout, min, max, checkpointInterval);
    }

    TestRunnerConfig withCheckpointInterval(Duration interval) {
        return new TestRunnerConfig(queueCapacity, concurrency, experimentTimeout, warmupMinTime, warmupMaxTime, interval);
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

            @Override
            public Duration warmupMinTime() {
                return warmupMinTime;
            }

            @Override
            public Duration warmupMaxTime() {
                return warmupMaxTime;
            }

            @Override
            public Duration checkpointInterval() {
                return checkpointInterval;
            }
        };
    }
}
