package dev.concurrency.playground.api.chart;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.Progress;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Experiments made of records with figures drawn from a seeded generator, so that charts of them are the
 * same bytes on every run (the reference files depend on it).
 */
public final class ChartFixtures {

    public static final String ID = "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13";
    public static final Instant SUBMITTED = Instant.parse("2026-11-25T00:20:39.212Z");
    public static final Instant FINISHED = Instant.parse("2026-11-25T00:21:07.655Z");

    private ChartFixtures() {
    }

    /** ns/op at one thread, and how much each extra thread adds, per strategy (made up, in the manner of the README's). */
    private static double baseCost(String strategy) {
        return switch (strategy) {
            case "unsynchronized" -> 0.2;
            case "volatile" -> 8.5;
            case "synchronized" -> 16.7;
            case "atomic" -> 4.9;
            case "long-adder" -> 8.2;
            default -> 5 + Math.abs(strategy.hashCode() % 40);
        };
    }

    private static boolean racy(String strategy) {
        return strategy.equals("unsynchronized") || strategy.equals("volatile");
    }

    /**
     * Every strategy at every thread count, finished, with {@code trials} trials per run; the first
     * strategy's first run has only {@code 3} trials, too few for an interval of the median.
     */
    public static Experiment experiment(String name, List<String> strategies, List<Integer> threadCounts, int trials,
            ExperimentStatus status, int runsDone, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ExperimentSpec spec = new ExperimentSpec(name, strategies, threadCounts, ThreadType.PLATFORM, null, 100L,
                trials, 1);
        List<RunResult> runs = new ArrayList<>();
        for (String strategy : strategies) {
            for (int threads : threadCounts) {
                if (runs.size() == runsDone) {
                    break;
                }
                int n = runs.isEmpty() ? Math.min(3, trials) : trials;
                List<TrialResult> results = new ArrayList<>();
                for (int t = 1; t <= n; t++) {
                    double nsPerOp = baseCost(strategy) * (1 + 0.8 * (threads - 1)) * (0.85 + 0.3 * random.nextDouble());
                    long durationNanos = 100_000_000L;
                    long expected = Math.round(durationNanos * (double) threads / nsPerOp);
                    double lostShare = racy(strategy) && threads > 1 ? 0.3 + 0.3 * random.nextDouble() : 0;
                    long lost = Math.round(expected * lostShare);
                    double even = 1.0 / threads;
                    double skew = threads == 1 ? 0 : even * 0.4 * random.nextDouble();
                    results.add(new TrialResult(t, expected, expected - lost, lost, durationNanos,
                            (double) durationNanos * threads / expected, expected * 1e9 / durationNanos, 0.98,
                            durationNanos - 1000, durationNanos, threads * 0.9, null, even - skew, even + skew,
                            1 - skew));
                }
                runs.add(RunResult.of(strategy, threads, ThreadType.PLATFORM, !racy(strategy), true, 2, results));
            }
        }
        boolean terminal = status.isTerminal();
        return new Experiment(ID, name, status, SUBMITTED, status == ExperimentStatus.QUEUED ? null : SUBMITTED,
                terminal ? FINISHED : null, spec, new Progress(runs.size(), spec.totalRuns()), null, runs, null);
    }

    /** Three strategies at 1, 2 and 4 threads, 6 trials a run: the example of the README and the API description. */
    public static Experiment small() {
        return experiment("locks vs atomics", List.of("unsynchronized", "synchronized", "atomic"), List.of(1, 2, 4), 6,
                ExperimentStatus.COMPLETED, Integer.MAX_VALUE, 7);
    }

    /** Every one of twelve strategies at 16 thread counts: the benchmark's experiment. */
    public static Experiment large() {
        List<String> strategies = List.of("unsynchronized", "volatile", "synchronized", "reentrant-lock", "fair-lock",
                "read-write-lock", "stamped-lock", "semaphore", "atomic", "cas-loop", "long-adder", "thread-local");
        List<Integer> threads = new ArrayList<>();
        for (int t = 1; t <= 16; t++) {
            threads.add(t);
        }
        return experiment("twelve strategies", strategies, threads, 10, ExperimentStatus.COMPLETED, Integer.MAX_VALUE,
                11);
    }
}
