package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.engine.CancellationToken;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialCancelledException;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.engine.TrialMeasurement;
import dev.concurrency.playground.engine.TrialPlan;
import dev.concurrency.playground.engine.Workload;
import dev.concurrency.playground.strategy.Strategy;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a trial costs beyond its timed span, on this machine: creating its threads, gathering them at
 * the start gate, and joining them afterwards. It is measured, never assumed: once when the service
 * starts, and then from every trial the runner runs (warm-ups included), so the admission estimate
 * follows the machine as it is now, busy or idle.
 *
 * <p>The cost is modelled as a fixed part per trial plus a part per thread, for each kind of worker. Child
 * processes are not calibrated at start-up (that would take seconds of every start); their estimate starts
 * pessimistic and follows the process trials the runner runs.
 * A 1 ms trial on 256 platform threads spends far longer starting and joining its threads than
 * incrementing: an estimate without this part accepted experiments 70 times longer than it said.
 *
 * <p>Estimates err high rather than low: a new observation moves an estimate a fifth of the way
 * towards itself, so one lucky quiet trial cannot make the service accept work it cannot finish.
 */
@Singleton
public class TrialCosts {

    /** Trials with fewer threads than this measure the fixed part; trials with more, the per-thread part. */
    static final int PER_THREAD_FROM = 8;

    /** How far one observation moves an estimate (an exponentially weighted moving average). */
    private static final double WEIGHT = 0.2;

    private final Map<ThreadType, Estimate> estimates = new EnumMap<>(ThreadType.class);

    /**
     * Costs to start from before anything was measured: deliberately pessimistic (a millisecond per
     * trial, 200 microseconds per platform thread), so an instance that could not calibrate refuses
     * big experiments rather than accept ones it cannot finish.
     */
    public TrialCosts() {
        estimates.put(ThreadType.PLATFORM, new Estimate(1_000_000, 200_000));
        estimates.put(ThreadType.VIRTUAL, new Estimate(1_000_000, 20_000));
        // A child JVM takes a few hundred milliseconds of CPU to start, map its file and warm its loop up.
        estimates.put(ThreadType.PROCESS, new Estimate(50_000_000, 500_000_000));
    }

    /** The kinds of worker calibrated at start-up: threads. Starting child JVMs would delay the service by seconds. */
    static final java.util.List<ThreadType> CALIBRATED = java.util.List.of(ThreadType.PLATFORM, ThreadType.VIRTUAL);

    /**
     * Measures both kinds of thread ({@link #CALIBRATED}) by running minimal trials of {@code strategy} (one increment per
     * thread): on one thread for the fixed part, on many for the per-thread part, five rounds of each.
     * The first round pays for class loading and compilation and is dropped; the median of the others
     * replaces the starting figures.
     */
    public void calibrate(TrialEngine engine, Strategy strategy) throws InterruptedException {
        int rounds = 5;
        for (ThreadType type : CALIBRATED) {
            int many = type == ThreadType.PLATFORM ? 32 : 512;
            double[] fixed = new double[rounds - 1];
            double[] perThread = new double[rounds - 1];
            for (int round = 0; round < rounds; round++) {
                long one = overheadOf(engine, new TrialPlan(strategy, type, 1, new Workload.FixedWork(1)));
                long all = overheadOf(engine, new TrialPlan(strategy, type, many, new Workload.FixedWork(1)));
                if (round > 0) {
                    fixed[round - 1] = one;
                    perThread[round - 1] = Math.max(0, all - one) / (double) many;
                }
            }
            synchronized (this) {
                estimates.put(type, new Estimate(median(fixed), median(perThread)));
            }
        }
    }

    private static long overheadOf(TrialEngine engine, TrialPlan plan) throws InterruptedException {
        long started = System.nanoTime();
        try {
            TrialMeasurement measurement = engine.run(plan, new CancellationToken());
            return System.nanoTime() - started - measurement.durationNanos();
        } catch (TrialCancelledException e) {
            throw new IllegalStateException("nothing cancels a calibration trial", e);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Records what one trial cost beyond its timed span. */
    public synchronized void observe(ThreadType type, int threads, long overheadNanos) {
        Estimate current = estimates.get(type);
        long overhead = Math.max(0, overheadNanos);
        Estimate next = threads < PER_THREAD_FROM
                ? new Estimate(blend(current.fixedNanos(), overhead), current.perThreadNanos())
                : new Estimate(current.fixedNanos(),
                        blend(current.perThreadNanos(), Math.max(0, overhead - current.fixedNanos()) / (double) threads));
        estimates.put(type, next);
    }

    /** The expected cost, in nanoseconds, of one trial on {@code threads} threads beyond its timed span. */
    public synchronized double overheadNanos(ThreadType type, int threads) {
        Estimate estimate = estimates.get(type);
        return estimate.fixedNanos() + estimate.perThreadNanos() * threads;
    }

    /** The current estimate for one kind of thread. */
    public synchronized Estimate estimate(ThreadType type) {
        return estimates.get(type);
    }

    private static double blend(double current, double observed) {
        return current + WEIGHT * (observed - current);
    }

    /**
     * @param fixedNanos what a trial costs whatever its thread count
     * @param perThreadNanos what each of its threads adds
     */
    public record Estimate(double fixedNanos, double perThreadNanos) {
    }
}
