package dev.concurrency.playground.engine;

/**
 * How evenly the workers of one trial shared the counter, from each worker's own increments and own
 * time.
 *
 * <p>A worker's throughput is its increments over its own running time; its share is that throughput
 * over the sum of all the workers' throughputs. In fixed-time mode every worker runs the whole trial,
 * so its share is its share of the increments; in fixed-work mode every worker makes the same number
 * of increments, and a worker that was kept waiting shows as one that took longer. Throughput rather
 * than count, so that one figure means the same in both modes.
 *
 * @param minShare the smallest share of any worker, in (0, 1]: near {@code 1/threads} when the
 *     workers took even turns, near 0 when one of them starved
 * @param maxShare the largest share of any worker, in [{@code 1/threads}, 1]
 * @param fairness Jain's fairness index of the throughputs, {@code (Σx)² / (n·Σx²)}: 1 when every worker
 *     got the same, {@code 1/n} when one worker got everything
 */
public record ThreadShares(double minShare, double maxShare, double fairness) {

    /**
     * The shares of workers that made {@code increments[i]} increments in {@code nanos[i]} nanoseconds
     * each, or {@code null} when they are not defined: no worker, no increment at all, or a worker that
     * made increments in no measurable time (its throughput would be infinite).
     */
    public static ThreadShares of(long[] increments, long[] nanos) {
        if (increments.length != nanos.length) {
            throw new IllegalArgumentException("one time per worker: " + increments.length + " counts, " + nanos.length + " times");
        }
        int n = increments.length;
        if (n == 0) {
            return null;
        }
        double[] throughput = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (increments[i] == 0) {
                throughput[i] = 0; // a worker that never got a turn, however long it waited
            } else if (nanos[i] <= 0) {
                return null;
            } else {
                throughput[i] = (double) increments[i] / nanos[i];
            }
            sum += throughput[i];
        }
        if (sum == 0) {
            return null;
        }
        double min = Double.MAX_VALUE;
        double max = 0;
        double sumOfSquares = 0;
        for (double x : throughput) {
            min = Math.min(min, x);
            max = Math.max(max, x);
            sumOfSquares += x * x;
        }
        return new ThreadShares(min / sum, max / sum, sum * sum / (n * sumOfSquares));
    }
}
