package dev.concurrency.playground.engine;

/** How much each worker of a trial does. */
public sealed interface Workload {

    /**
     * Every worker increments exactly {@code incrementsPerThread} times (unless the trial is cancelled); in a
     * trial with reads ({@link ReadShare}), it performs that many operations, of which the share reads.
     */
    record FixedWork(long incrementsPerThread) implements Workload {
        public FixedWork {
            if (incrementsPerThread < 1) {
                throw new IllegalArgumentException("incrementsPerThread must be positive");
            }
        }
    }

    /**
     * Every worker increments until {@code durationMillis} have passed since the start gate opened. The
     * expected count is the sum of what the workers report they did.
     */
    record FixedTime(long durationMillis) implements Workload {
        public FixedTime {
            if (durationMillis < 1) {
                throw new IllegalArgumentException("durationMillis must be positive");
            }
        }
    }
}
