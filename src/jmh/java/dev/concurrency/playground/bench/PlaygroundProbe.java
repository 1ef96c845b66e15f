package dev.concurrency.playground.bench;

import dev.concurrency.playground.engine.CancellationToken;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.engine.TrialMeasurement;
import dev.concurrency.playground.engine.TrialPlan;
import dev.concurrency.playground.engine.Workload;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The playground's side of one calibration row: the engine, called directly as the service calls it,
 * on one strategy at one thread count in fixed-time mode.
 *
 * <p>{@link Calibration} starts this class in a JVM of its own for every row, as JMH forks a JVM for
 * every benchmark: in a JVM that has already run other strategies, the engine's single call site for
 * {@code incrementTimesCountingCasFailures} has seen several counter classes and the JIT's profiles
 * carry their history, which is a property of the long-lived service but not of the strategy being
 * measured.
 *
 * <p>Usage: {@code PlaygroundProbe <strategy> <threads> <warm-up trials> <trials> <trial millis>}; prints
 * one line that {@link #parse(String)} reads back.
 */
public final class PlaygroundProbe {

    private static final String PREFIX = "probe-result ";

    /**
     * What the measured trials of one row showed.
     *
     * @param nsPerOp per trial, {@code durationNanos * threads / expectedCount}, as the service reports it
     * @param overlap per trial, the fraction of the trial during which every worker ran
     * @param lostUpdates summed over the trials; non-zero for a thread-safe strategy is a playground bug
     */
    record Measurement(double[] nsPerOp, double[] overlap, long lostUpdates) {

        String format() {
            return PREFIX + "nsPerOp=" + join(nsPerOp) + " overlap=" + join(overlap) + " lost=" + lostUpdates;
        }

        private static String join(double[] values) {
            return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.6g", v))
                    .collect(Collectors.joining(","));
        }
    }

    private PlaygroundProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: PlaygroundProbe <strategy> <threads> <warm-up trials> <trials> <trial millis>");
            System.exit(2);
        }
        Strategy strategy = new StrategyCatalog().find(args[0])
                .orElseThrow(() -> new IllegalArgumentException("Unknown strategy " + args[0]));
        Measurement measurement = measure(new TrialEngine(), strategy, Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), Integer.parseInt(args[3]), Long.parseLong(args[4]));
        System.out.println(measurement.format());
    }

    /** Runs the warm-up trials, discards them, then runs and keeps the measured ones. */
    static Measurement measure(TrialEngine engine, Strategy strategy, int threads, int warmups, int trials,
            long trialMillis) throws Exception {
        TrialPlan plan = new TrialPlan(strategy, ThreadType.PLATFORM, threads, new Workload.FixedTime(trialMillis));
        CancellationToken never = new CancellationToken();
        for (int i = 0; i < warmups; i++) {
            engine.run(plan, never);
        }
        double[] nsPerOp = new double[trials];
        double[] overlap = new double[trials];
        long lost = 0;
        for (int i = 0; i < trials; i++) {
            TrialMeasurement outcome = engine.run(plan, never);
            nsPerOp[i] = (double) outcome.durationNanos() * threads / outcome.expectedCount();
            overlap[i] = outcome.overlap();
            lost += outcome.lostUpdates();
        }
        return new Measurement(nsPerOp, overlap, lost);
    }

    /** Reads the line {@link #main} printed; {@code null} if {@code line} is something else. */
    static Measurement parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        double[] nsPerOp = null;
        double[] overlap = null;
        long lost = 0;
        for (String field : line.substring(PREFIX.length()).trim().split(" ")) {
            int eq = field.indexOf('=');
            String key = field.substring(0, eq);
            String value = field.substring(eq + 1);
            switch (key) {
                case "nsPerOp" -> nsPerOp = doubles(value);
                case "overlap" -> overlap = doubles(value);
                case "lost" -> lost = Long.parseLong(value);
                default -> throw new IllegalArgumentException("Unexpected field " + key + " in " + line);
            }
        }
        if (nsPerOp == null || overlap == null) {
            throw new IllegalArgumentException("Incomplete probe result: " + line);
        }
        return new Measurement(nsPerOp, overlap, lost);
    }

    private static double[] doubles(String csv) {
        return csv.isEmpty() ? new double[0] : Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
