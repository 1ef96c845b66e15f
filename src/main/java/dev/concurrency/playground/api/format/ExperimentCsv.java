package dev.concurrency.playground.api.format;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.HandOff;
import dev.concurrency.playground.experiment.analysis.ReadsAndWrites;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import dev.concurrency.playground.strategy.HandOffLatency;
import java.util.List;
import java.util.function.Function;

/**
 * An experiment's measured trials as RFC 4180 CSV, one row per trial, for spreadsheets and data-frame
 * libraries.
 *
 * <p>Every row starts with {@code experimentId} and {@code experimentName}, so that the files of several
 * experiments can be concatenated (header rows aside) into one table. Then come the run the trial belongs
 * to ({@code strategy}, {@code threads}, {@code threadType}, and its {@code workInside}, {@code workOutside} and
 * {@code readRatio}, empty unless the experiment gave parameter lists, {@code readRatio} unless it gave that one,
 * and {@code blockInsideMicros} and {@code blockOutsideMicros}, empty unless it gave blocking lists) and every
 * figure of the trial, in the order
 * and under the names of the JSON representation: {@code trial}, {@code expectedCount},
 * {@code actualCount}, {@code lostUpdates}, {@code durationNanos}, {@code nsPerOp}, {@code opsPerSecond},
 * {@code overlap}, {@code minThreadNanos}, {@code maxThreadNanos}, {@code parallelism},
 * {@code casFailures}, {@code minThreadShare}, {@code maxThreadShare} and {@code fairness}, then the
 * {@code handOff} figures flattened: {@code handOffNsPerOp}, {@code drainNanos},
 * {@code handOffLatencySamples}, {@code handOffLatencyP50Nanos}, {@code handOffLatencyP99Nanos} and
 * {@code handOffLatencyMaxNanos}, then the {@code readsAndWrites} figures of a run with reads, under their own
 * names: {@code reads}, {@code writes}, {@code nsPerRead}, {@code nsPerWrite}, {@code readsPerSecond},
 * {@code writesPerSecond} and {@code readRetries} (empty without reads; {@code readRetries} also for every
 * strategy but {@code stamped-lock}).
 *
 * <p>Values are written as the JSON representation holds them, at full precision: {@code nsPerOp},
 * {@code opsPerSecond}, {@code overlap}, {@code parallelism}, the shares and fairness are plain decimals
 * (never {@code 7.5E9}, which some readers take for text), and an absent value is an empty field:
 * {@code experimentName} of an experiment submitted without one, {@code nsPerOp} of a trial that made no
 * increment, {@code opsPerSecond} of one that took no measurable time, {@code parallelism} on virtual
 * threads, {@code casFailures} of every strategy but {@code cas-loop}, and the shares and fairness of a
 * trial that made no increment (or was stored before they were recorded), and the hand-off figures of every
 * strategy but those whose count has one owner ({@code single-writer}, {@code event-loop}). Text cells are protected against CSV
 * injection as {@link Csv} describes. The document always starts with the header row, so an experiment
 * without finished runs is the header alone.
 */
public final class ExperimentCsv {

    public static final String MEDIA_TYPE = Csv.MEDIA_TYPE;

    static final List<String> COLUMNS = List.of("experimentId", "experimentName", "strategy", "threads",
            "threadType", "workInside", "workOutside", "readRatio", "blockInsideMicros", "blockOutsideMicros", "trial", "expectedCount", "actualCount", "lostUpdates", "durationNanos", "nsPerOp",
            "opsPerSecond", "overlap", "minThreadNanos", "maxThreadNanos", "parallelism", "casFailures",
            "minThreadShare", "maxThreadShare", "fairness", "handOffNsPerOp", "drainNanos", "handOffLatencySamples",
            "handOffLatencyP50Nanos", "handOffLatencyP99Nanos", "handOffLatencyMaxNanos", "reads", "writes", "nsPerRead",
            "nsPerWrite", "readsPerSecond", "writesPerSecond", "readRetries");

    private ExperimentCsv() {
    }

    public static String of(Experiment experiment) {
        Csv csv = Csv.withHeader(COLUMNS);
        for (RunResult run : experiment.runs()) {
            for (TrialResult trial : run.trials()) {
                csv.row(
                        experiment.id(),
                        experiment.name(),
                        run.strategy(),
                        run.threads(),
                        run.threadType().id(),
                        run.params() == null ? null : run.params().workInside(),
                        run.params() == null ? null : run.params().workOutside(),
                        run.params() == null ? null : run.params().readRatio(),
                        run.params() == null ? null : run.params().blockInsideMicros(),
                        run.params() == null ? null : run.params().blockOutsideMicros(),
                        trial.trial(),
                        trial.expectedCount(),
                        trial.actualCount(),
                        trial.lostUpdates(),
                        trial.durationNanos(),
                        trial.nsPerOp(),
                        trial.opsPerSecond(),
                        trial.overlap(),
                        trial.minThreadNanos(),
                        trial.maxThreadNanos(),
                        trial.parallelism(),
                        trial.casFailures(),
                        trial.minThreadShare(),
                        trial.maxThreadShare(),
                        trial.fairness(),
                        handOff(trial, HandOff::nsPerOp),
                        handOff(trial, HandOff::drainNanos),
                        latency(trial, HandOffLatency::samples),
                        latency(trial, HandOffLatency::p50Nanos),
                        latency(trial, HandOffLatency::p99Nanos),
                        latency(trial, HandOffLatency::maxNanos),
                        readsAndWrites(trial, ReadsAndWrites::reads),
                        readsAndWrites(trial, ReadsAndWrites::writes),
                        readsAndWrites(trial, ReadsAndWrites::nsPerRead),
                        readsAndWrites(trial, ReadsAndWrites::nsPerWrite),
                        readsAndWrites(trial, ReadsAndWrites::readsPerSecond),
                        readsAndWrites(trial, ReadsAndWrites::writesPerSecond),
                        readsAndWrites(trial, ReadsAndWrites::readRetries));
            }
        }
        return csv.toString();
    }

    private static Object handOff(TrialResult trial, Function<HandOff, Object> figure) {
        return trial.handOff() == null ? null : figure.apply(trial.handOff());
    }

    private static Object readsAndWrites(TrialResult trial, Function<ReadsAndWrites, Object> figure) {
        return trial.readsAndWrites() == null ? null : figure.apply(trial.readsAndWrites());
    }

    private static Long latency(TrialResult trial, Function<HandOffLatency, Long> figure) {
        return trial.handOff() == null || trial.handOff().latency() == null ? null : figure.apply(trial.handOff().latency());
    }
}
