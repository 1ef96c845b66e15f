package dev.concurrency.playground.api.format;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.HandOffSummary;
import dev.concurrency.playground.experiment.analysis.LossExplanation;
import dev.concurrency.playground.experiment.analysis.MinMeanMax;
import dev.concurrency.playground.experiment.analysis.ReadsAndWritesSummary;
import dev.concurrency.playground.experiment.analysis.RunSummary;
import dev.concurrency.playground.experiment.analysis.SampleStatistics;
import java.util.List;
import java.util.function.Function;

/**
 * An experiment's runs as RFC 4180 CSV, one row per run with its summary: what {@code text/plain} shows
 * as a table, at full precision and with every figure in its own column.
 *
 * <p>The columns, figures taken from the run's {@code summary} in the JSON representation:
 * <dl>
 *   <dt>{@code experimentId}, {@code experimentName}</dt>
 *   <dd>the experiment's, on every row, so that the files of several experiments can be concatenated;</dd>
 *   <dt>{@code strategy}, {@code threads}, {@code threadType}</dt>
 *   <dd>what the run measured ({@code threadType} is {@code platform} or {@code virtual});</dd>
 *   <dt>{@code workInside}, {@code workOutside}, {@code readRatio}</dt>
 *   <dd>the run's workload parameters, work in tokens and the share of operations that read; empty unless the
 *       experiment gave parameter lists ({@code readRatio} unless it gave that one);</dd>
 *   <dt>{@code blockInsideMicros}, {@code blockOutsideMicros}</dt>
 *   <dd>how long each increment blocked, with the lock held and after it; empty unless the experiment gave
 *       blocking lists;</dd>
 *   <dt>{@code threadSafe}, {@code oversubscribed}</dt>
 *   <dd>{@code true} or {@code false}: whether the strategy is meant to be thread-safe, and whether the
 *       run had more platform threads than processors;</dd>
 *   <dt>{@code verdict}</dt>
 *   <dd>{@code CORRUPTED}, {@code NO_CORRUPTION_OBSERVED} or {@code INCONCLUSIVE};</dd>
 *   <dt>{@code measuredTrials}, {@code plannedTrials}, {@code corruptedTrials}</dt>
 *   <dd>trials measured, trials the experiment asked for (its {@code spec.trials}; more than measured
 *       when the run was stopped part-way), and trials that lost at least one update;</dd>
 *   <dt>{@code lostUpdatesMean}, {@code lostUpdateRateMean}</dt>
 *   <dd>mean lost updates per trial, and the mean share of a trial's increments that were lost (0 to 1);</dd>
 *   <dt>{@code nsPerOpMean}, {@code nsPerOpError}, {@code nsPerOpMin}, {@code nsPerOpP50},
 *       {@code nsPerOpP90}, {@code nsPerOpMax}</dt>
 *   <dd>the time one thread spent per increment: mean, JMH's error (half-width of the 99.9% confidence
 *       interval of the mean), minimum, median, 90th percentile and maximum over the trials;</dd>
 *   <dt>{@code opsPerSecondMean}, {@code opsPerSecondError}</dt>
 *   <dd>the throughput across all threads: mean and JMH's error;</dd>
 *   <dt>{@code overlapMean}</dt>
 *   <dd>mean fraction of a trial during which all threads ran at once;</dd>
 *   <dt>{@code parallelismMean}</dt>
 *   <dd>mean number of cores the workers kept busy;</dd>
 *   <dt>{@code minThreadShareMin}, {@code maxThreadShareMax}, {@code fairnessMean}</dt>
 *   <dd>how evenly the threads shared the counter: the smallest share of the throughput any one thread had
 *       in any trial (0 to 1; {@code 1/threads} is an even share), the largest, and the mean of the trials'
 *       Jain's fairness index (1 when every thread got the same, {@code 1/threads} when one got everything);</dd>
 *   <dt>{@code handOffNsPerOpMean}, {@code handOffNsPerOpError}, {@code drainNanosMean},
 *       {@code handOffLatencyP50NanosMean}, {@code handOffLatencyP99NanosMean}, {@code handOffLatencyMaxNanosMax}</dt>
 *   <dd>only for strategies whose count has one owner ({@code single-writer}, {@code event-loop}; empty
 *       otherwise), from the summary's {@code handOff}: the workers' time per hand-off (mean and JMH's error),
 *       the owner's mean drain after the last worker, the trials' mean median and 99th percentile hand-off
 *       latency, and the longest hand-off of the run;</dd>
 *   <dt>{@code nsPerReadMean}, {@code nsPerReadError}, {@code nsPerWriteMean}, {@code nsPerWriteError},
 *       {@code readsPerSecondMean}, {@code writesPerSecondMean}, {@code readRetriesMean}, {@code readRetryRateMean}</dt>
 *   <dd>only for a run with reads (empty otherwise), from the summary's {@code readsAndWrites}: the time one
 *       thread spent per read and per increment (mean and JMH's error), reads and increments per second
 *       across all threads, and, for {@code stamped-lock} only, the mean failed optimistic reads per trial and
 *       their share of the reads;</dd>
 *   <dt>{@code explainedLostUpdates}, {@code explainedDuplicateWrites}, {@code explainedFinalRollBack},
 *       {@code explainedStaleWrites}, {@code explainedLargestErasure}, {@code explainedReconciled}</dt>
 *   <dd>only for a run asked to {@code explain} (empty otherwise), from its extra recorded trial: updates
 *       lost, increments that read a value another had read, how far the last stale write took the counter
 *       back, times a thread found its increments erased, the most erased at once, and whether lost =
 *       duplicates + final roll-back held;</dd>
 *   <dt>{@code databaseProduct}, {@code databaseVersion}, {@code databaseIsolationLevel}</dt>
 *   <dd>only for a database strategy's run (empty otherwise), from its {@code database}: which database it
 *       incremented its row in, and at which transaction isolation level;</dd>
 *   <dt>{@code pinnedEvents}, {@code pinnedTotalNanos}, {@code pinnedLongestNanos}, {@code pinnedCarriers}</dt>
 *   <dd>only for a run of virtual threads in an experiment that blocks (empty otherwise, and when Flight Recorder
 *       could not record), from its {@code pinning}: how many times a worker blocked pinned to its carrier, for
 *       how long in all, the longest, and how many distinct carriers were held;</dd>
 *   <dt>{@code verdictReason}</dt>
 *   <dd>the sentence explaining the verdict, last because it is the longest.</dd>
 * </dl>
 *
 * <p>Decimals are plain and at full precision; a figure that does not exist is an empty field: an error
 * with fewer than two trials, {@code nsPerOp} and {@code opsPerSecond} figures when no trial had one,
 * {@code parallelismMean} on virtual threads, the shares and fairness of runs stored before they were
 * recorded, any figure of a run without measured trials. Text cells are
 * protected against CSV injection as {@link Csv} describes. The header row is always there, so an
 * experiment without finished runs is the header alone.
 */
public final class ExperimentRunsCsv {

    static final List<String> COLUMNS = List.of("experimentId", "experimentName", "strategy", "threads",
            "threadType", "workInside", "workOutside", "readRatio", "blockInsideMicros", "blockOutsideMicros", "threadSafe", "oversubscribed", "verdict", "measuredTrials", "plannedTrials",
            "corruptedTrials", "lostUpdatesMean", "lostUpdateRateMean", "nsPerOpMean", "nsPerOpError",
            "nsPerOpMin", "nsPerOpP50", "nsPerOpP90", "nsPerOpMax", "opsPerSecondMean", "opsPerSecondError",
            "overlapMean", "parallelismMean", "minThreadShareMin", "maxThreadShareMax", "fairnessMean",
            "handOffNsPerOpMean", "handOffNsPerOpError", "drainNanosMean", "handOffLatencyP50NanosMean",
            "handOffLatencyP99NanosMean", "handOffLatencyMaxNanosMax", "nsPerReadMean", "nsPerReadError",
            "nsPerWriteMean", "nsPerWriteError", "readsPerSecondMean", "writesPerSecondMean", "readRetriesMean",
            "readRetryRateMean",
            "explainedLostUpdates", "explainedDuplicateWrites", "explainedFinalRollBack", "explainedStaleWrites",
            "explainedLargestErasure", "explainedReconciled", "databaseProduct", "databaseVersion",
            "databaseIsolationLevel", "pinnedEvents", "pinnedTotalNanos", "pinnedLongestNanos", "pinnedCarriers",
            "verdictReason");

    private ExperimentRunsCsv() {
    }

    public static String of(Experiment experiment) {
        Integer plannedTrials = experiment.spec() == null ? null : experiment.spec().trials();
        Csv csv = Csv.withHeader(COLUMNS);
        for (RunResult run : experiment.runs()) {
            RunSummary summary = run.summary();
            SampleStatistics nsPerOp = summary.nsPerOp();
            SampleStatistics opsPerSecond = summary.opsPerSecond();
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
                    run.threadSafe(),
                    run.oversubscribed(),
                    run.verdict() == null ? null : run.verdict().name(),
                    summary.measuredTrials(),
                    plannedTrials,
                    summary.corruptedTrials(),
                    mean(summary.lostUpdates()),
                    mean(summary.lostUpdateRate()),
                    figure(nsPerOp, SampleStatistics::mean),
                    figure(nsPerOp, SampleStatistics::error),
                    figure(nsPerOp, SampleStatistics::min),
                    figure(nsPerOp, SampleStatistics::p50),
                    figure(nsPerOp, SampleStatistics::p90),
                    figure(nsPerOp, SampleStatistics::max),
                    figure(opsPerSecond, SampleStatistics::mean),
                    figure(opsPerSecond, SampleStatistics::error),
                    mean(summary.overlap()),
                    mean(summary.parallelism()),
                    summary.minThreadShare() == null ? null : summary.minThreadShare().min(),
                    summary.maxThreadShare() == null ? null : summary.maxThreadShare().max(),
                    mean(summary.fairness()),
                    handOff(summary, h -> figure(h.nsPerOp(), SampleStatistics::mean)),
                    handOff(summary, h -> figure(h.nsPerOp(), SampleStatistics::error)),
                    handOff(summary, h -> mean(h.drainNanos())),
                    handOff(summary, h -> mean(h.latencyP50Nanos())),
                    handOff(summary, h -> mean(h.latencyP99Nanos())),
                    handOff(summary, h -> h.latencyMaxNanos() == null ? null : h.latencyMaxNanos().max()),
                    readsAndWrites(summary, r -> figure(r.nsPerRead(), SampleStatistics::mean)),
                    readsAndWrites(summary, r -> figure(r.nsPerRead(), SampleStatistics::error)),
                    readsAndWrites(summary, r -> figure(r.nsPerWrite(), SampleStatistics::mean)),
                    readsAndWrites(summary, r -> figure(r.nsPerWrite(), SampleStatistics::error)),
                    readsAndWrites(summary, r -> figure(r.readsPerSecond(), SampleStatistics::mean)),
                    readsAndWrites(summary, r -> figure(r.writesPerSecond(), SampleStatistics::mean)),
                    readsAndWrites(summary, r -> mean(r.readRetries())),
                    readsAndWrites(summary, r -> mean(r.readRetryRate())),
                    explained(run, LossExplanation::lostUpdates),
                    explained(run, LossExplanation::duplicateWrites),
                    explained(run, LossExplanation::finalRollBack),
                    explained(run, LossExplanation::staleWrites),
                    explained(run, LossExplanation::largestErasure),
                    run.explanation() == null ? null : run.explanation().reconciled(),
                    run.database() == null ? null : run.database().product(),
                    run.database() == null ? null : run.database().version(),
                    run.database() == null ? null : run.database().isolationLevel(),
                    run.pinning() == null ? null : run.pinning().events(),
                    run.pinning() == null ? null : run.pinning().totalPinnedNanos(),
                    run.pinning() == null ? null : run.pinning().longestPinnedNanos(),
                    run.pinning() == null ? null : run.pinning().pinnedCarriers(),
                    run.verdictReason());
        }
        return csv.toString();
    }

    private static Double handOff(RunSummary summary, Function<HandOffSummary, Double> figure) {
        return summary.handOff() == null ? null : figure.apply(summary.handOff());
    }

    private static Double readsAndWrites(RunSummary summary, Function<ReadsAndWritesSummary, Double> figure) {
        return summary.readsAndWrites() == null ? null : figure.apply(summary.readsAndWrites());
    }

    private static Long explained(RunResult run, Function<LossExplanation, Long> figure) {
        return run.explanation() == null ? null : figure.apply(run.explanation());
    }

    private static Double mean(MinMeanMax stats) {
        return stats == null ? null : stats.mean();
    }

    private static Double figure(SampleStatistics statistics, Function<SampleStatistics, Double> figure) {
        return statistics == null ? null : figure.apply(statistics);
    }
}
