package dev.concurrency.playground.api.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.api.OpenApiFragments;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.WarmUp;
import dev.concurrency.playground.experiment.analysis.HandOffSummary;
import dev.concurrency.playground.experiment.analysis.MinMeanMax;
import dev.concurrency.playground.experiment.analysis.RunSummary;
import dev.concurrency.playground.experiment.analysis.SampleStatistics;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ExperimentTableTest {

    private static final List<String> RIGHT_ALIGNED = List.of("Threads", "Trials", "Lost", "ns/op", "Error", "ops/s", "Shares",
            "Fairness");
    private static final List<String> LEFT_ALIGNED = List.of("Strategy", "Type", "Verdict");

    @Test
    void everyColumnLinesUpWithItsHeading() {
        List<String> table = tableLines(ExperimentTable.of(ExperimentFixtures.completed("sweep")));
        assertEquals(4, table.size(), "heading and three runs: " + table);
        String heading = table.getFirst();
        for (String column : RIGHT_ALIGNED) {
            int end = heading.indexOf(column) + column.length();
            for (String row : table.subList(1, table.size())) {
                // Thread counts may carry an oversubscription marker or the space that stands for one.
                int digitEnd = column.equals("Threads") ? end - 1 : end;
                assertTrue(row.charAt(digitEnd - 1) != ' ', column + " ends at " + end + " in\n" + heading + "\n" + row);
                assertTrue(row.length() == end || row.charAt(end) == ' ', column + " in\n" + heading + "\n" + row);
            }
        }
        for (String column : LEFT_ALIGNED) {
            int start = heading.indexOf(column);
            for (String row : table.subList(1, table.size())) {
                assertTrue(row.charAt(start) != ' ', column + " starts at " + start + " in\n" + heading + "\n" + row);
                assertTrue(start == 0 || row.charAt(start - 1) == ' ', column + " in\n" + heading + "\n" + row);
            }
        }
        int plusMinus = table.get(1).indexOf('±');
        assertEquals(plusMinus, table.get(2).indexOf('±'), "the ± signs line up");
        for (String line : table) {
            assertEquals(line.stripTrailing(), line, "no trailing spaces");
        }
    }

    @Test
    void eachRunShowsItsFigures() {
        String text = ExperimentTable.of(ExperimentFixtures.completed("sweep"));
        List<String> table = tableLines(text);
        assertRow(table.get(1), "unsynchronized", "2", "platform", "2", "48.4%", "0.261", "±", "3.696", "7669906236",
                "48.0–52.0%", "0.999", "CORRUPTED");
        assertRow(table.get(2), "cas-loop", "4*", "platform", "2", "0.0%", "116.782", "±", "32414.386", "21145526",
                "12.5–37.5%", "0.880", "NO_CORRUPTION_OBSERVED");
        // One trial has no error, and one update lost in ten million must not read as nothing lost.
        assertRow(table.get(3), "volatile", "1", "platform", "1", "<0.1%", "8.470", "n/a", "118063754", "100.0–100.0%",
                "1.000", "CORRUPTED");
        assertTrue(text.contains("\n* more platform threads than processors"), text);
        assertTrue(text.endsWith("\n"));
    }

    @Test
    void aRunWithoutASummaryShowsItsTrialsSoFarAndNoFigures() {
        TrialResult first = ExperimentFixtures.completed("x").runs().getFirst().trials().getFirst();
        RunResult partial = new RunResult("unsynchronized", 2, ThreadType.PLATFORM, false, false, null, null,
                List.of(first, first, first), null);
        String text = ExperimentTable.of(ExperimentFixtures.experiment("partial", ExperimentStatus.CANCELLED,
                List.of(partial), "cancelled by request"));
        assertRow(tableLines(text).get(1), "unsynchronized", "2", "platform", "3", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a");
    }

    @Test
    void aLossRateAtTheRoundingEdgeIsShownAsLessThanATenthOfAPercent() {
        RunResult run = ExperimentFixtures.completed("x").runs().getFirst();
        RunSummary s = run.summary();
        for (double rate : new double[] {0.0004999, 0.0005}) {
            RunSummary edge = new RunSummary(s.measuredTrials(), s.corruptedTrials(), s.lostUpdates(),
                    new MinMeanMax(rate, rate, rate), s.nsPerOp(), s.opsPerSecond(), s.overlap(), s.parallelism(),
                    s.minThreadShare(), s.maxThreadShare(), s.fairness());
            RunResult edgeRun = new RunResult(run.strategy(), run.threads(), run.threadType(), run.threadSafe(),
                    run.oversubscribed(), run.verdict(), run.verdictReason(), run.trials(), edge);
            String text = ExperimentTable.of(ExperimentFixtures.experiment("edge", ExperimentStatus.COMPLETED,
                    List.of(edgeRun), null));
            assertEquals(rate < 0.0005 ? "<0.1%" : "0.1%", tableLines(text).get(1).trim().split(" +")[4], "rate " + rate);
        }
    }

    /** The hand-off columns appear when a run handed its increments to an owner, blank for the other runs. */
    @Test
    void handOffColumnsOnlyWhenSomeRunHasAnOwner() {
        assertFalse(ExperimentTable.of(ExperimentFixtures.completed("plain")).contains("Hand-off"));
        RunResult plain = ExperimentFixtures.completed("x").runs().getFirst();
        HandOffSummary handOff = new HandOffSummary(SampleStatistics.of(new double[] {12.25, 12.75}), null,
                new MinMeanMax(400, 450, 500), new MinMeanMax(9_000, 9_500, 10_000), null);
        RunSummary s = plain.summary();
        RunSummary withHandOff = new RunSummary(s.measuredTrials(), s.corruptedTrials(), s.lostUpdates(), s.lostUpdateRate(),
                s.nsPerOp(), s.opsPerSecond(), s.overlap(), s.parallelism(), s.minThreadShare(), s.maxThreadShare(),
                s.fairness(), handOff);
        RunResult owned = new RunResult("single-writer", 2, plain.threadType(), true, false, plain.verdict(),
                plain.verdictReason(), plain.trials(), withHandOff);
        List<String> lines = ExperimentTable.of(ExperimentFixtures.experiment("owned", ExperimentStatus.COMPLETED,
                List.of(plain, owned), null)).lines().toList();
        String heading = lines.stream().filter(l -> l.startsWith("Strategy")).findFirst().orElseThrow();
        assertTrue(heading.contains("Hand-off") && heading.contains("Latency p50/p99"), heading);
        String ownedRow = lines.stream().filter(l -> l.startsWith("single-writer")).findFirst().orElseThrow();
        assertTrue(ownedRow.contains("12.500") && ownedRow.contains("450/9500"), ownedRow);
        String plainRow = lines.stream().filter(l -> l.startsWith(plain.strategy())).findFirst().orElseThrow();
        assertFalse(plainRow.contains("/"), plainRow);
    }

    /** An explained run, as a learner reads it: outcomes, the check, the cost, and interleavings column by column. */
    @Test
    void anExplainedRunIsExplainedAfterTheTable() {
        RunResult run = ExperimentFixtures.completed("x").runs().getFirst().withExplanation(ExperimentFixtures.explained());
        String text = ExperimentTable.of(ExperimentFixtures.experiment("explained", ExperimentStatus.COMPLETED,
                List.of(run), null));
        String explanation = text.substring(text.indexOf("Why "));
        assertEquals("""
                Why unsynchronized lost updates on 2 platform threads: one extra trial, not measured, in which each thread made 7 increments and recorded every value it read and wrote.
                  Lost: 6 of 12
                  Two increments read the same value (one lost each time): 5 times
                  A stale write erased a thread's increments: 1 time, at most 2 increments at once
                    erased k increments: k=2: 1
                  Check: lost 6 = 5 duplicate writes + 1 final roll-back (the counter ended at 6, the highest value written was 7): holds
                  Recording: 0.750 ns/op, 3.0x the measured trials', 192 bytes of log
                  Example: two threads read the same value
                    thread 0    thread 1
                    read 0
                                read 0
                    write 1
                                write 1
                    => both wrote 1: two increments, one count; one increment lost
                  Example: a stale write
                    thread 1           thread 0
                    read 1
                                       … 2 increments …
                                       read 3
                                       write 4
                    write 2
                                       read 2
                    => the write of 2, read before the increments up to 4, took the counter back: 2 increments erased
                """, explanation);
    }

    @Test
    void aRunMeasuredBeforeTheSteadyStateIsNamedBelowTheTableWithWhy() {
        RunResult run = ExperimentFixtures.completed("steady").runs().get(1);
        WarmUp cold = WarmUp.of(7, 3000, false, true, 0, 0);
        WarmUp steady = WarmUp.of(3, 120, true, true, 1, 0);
        List<RunResult> runs = List.of(withWarmup(run, cold), withWarmup(run, steady));
        String text = ExperimentTable.of(ExperimentFixtures.experiment("steady", ExperimentStatus.COMPLETED, runs, null));

        List<String> caveats = text.lines().filter(line -> line.startsWith(run.strategy() + " at ")).toList();
        assertEquals(List.of(run.strategy() + " at " + run.threads() + " platform threads: " + cold.caveat()), caveats);
        assertTrue(cold.caveat().contains("not yet compiled at the JIT's top tier after 7 warm-up trials in 3000 ms"));
    }

    private static RunResult withWarmup(RunResult run, WarmUp warmup) {
        return new RunResult(run.strategy(), run.threads(), run.threadType(), run.threadSafe(), run.oversubscribed(),
                run.verdict(), run.verdictReason(), run.trials(), run.summary(), warmup);
    }

    @Test
    void theHeaderSaysWhatRanWhere() {
        String text = ExperimentTable.of(ExperimentFixtures.experiment("stopped", ExperimentStatus.CANCELLED,
                List.of(), "cancelled by request"));
        assertEquals("""
                # Experiment: stopped (3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13)
                # Status: CANCELLED, 0 of 9 runs finished
                # Error: cancelled by request
                # VM version: JDK 25.0.3, OpenJDK 64-Bit Server VM, 25.0.3+9-LTS
                # Processors: 2 (Intel(R) Xeon(R) Processor)
                # Mode: fixed time, 100 ms per trial, platform threads; 2 measured trials per run after at least 1 warm-up, trials sequential

                No run has finished yet.
                """, text);
    }

    /** Database strategies' runs say, once in the header, which database they raced in and at which isolation. */
    @Test
    void theHeaderSaysWhichDatabaseTheDatabaseStrategiesUsed() {
        assertFalse(ExperimentTable.of(ExperimentFixtures.completed("heap")).contains("# Database"));
        RunResult plain = ExperimentFixtures.completed("x").runs().getFirst();
        List<RunResult> runs = List.of(plain,
                databaseRun(plain, "db-atomic-update", "READ COMMITTED"),
                databaseRun(plain, "db-optimistic", "READ COMMITTED"),
                databaseRun(plain, "db-serializable", "SERIALIZABLE"));
        String text = ExperimentTable.of(ExperimentFixtures.experiment("db", ExperimentStatus.COMPLETED, runs, null));
        assertEquals(List.of("# Database: H2 2.3.232 (2024-08-11); READ COMMITTED: db-atomic-update, db-optimistic; "
                + "SERIALIZABLE: db-serializable"), text.lines().filter(l -> l.startsWith("# Database")).toList());
    }

    private static RunResult databaseRun(RunResult like, String strategy, String isolation) {
        return new RunResult(strategy, like.threads(), like.threadType(), true, false, like.verdict(), like.verdictReason(),
                like.trials(), like.summary()).withDatabase(
                        new dev.concurrency.playground.experiment.DatabaseUsed("H2", "2.3.232 (2024-08-11)", isolation));
    }

    @Test
    void controlCharactersFromTheClientNeverReachTheTerminal() {
        String text = ExperimentTable.of(ExperimentFixtures.completed("red\u001b[31m\nfake line\u202e"));
        assertTrue(text.startsWith("# Experiment: red [31m fake line  (3f1c9a52"), text);
        assertFalse(text.chars().anyMatch(c -> c != '\n' && Character.isISOControl(c)), text);
        assertEquals(-1, text.indexOf('\u202e'));
    }

    @Test
    void figuresDoNotDependOnTheDefaultLocale() {
        Experiment experiment = ExperimentFixtures.completed("sweep");
        String root = ExperimentTable.of(experiment);
        String csv = ExperimentCsv.of(experiment);
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals(root, ExperimentTable.of(experiment));
            assertEquals(csv, ExperimentCsv.of(experiment));
        } finally {
            Locale.setDefault(before);
        }
        assertTrue(root.contains("0.261"), root);
    }

    @Test
    void theOpenApiExampleIsWhatTheFormatterWritesForTheJsonExample() throws Exception {
        Experiment example = JsonRepresentationTest.apiMapper()
                .treeToValue(OpenApiFragments.result("experiment-completed"), Experiment.class);
        assertEquals(ExperimentTable.of(example), OpenApiFragments.result("experiment-completed-text").asText(),
                "the text example is not the table of the JSON example: regenerate both (OpenApiExamplesRefresh)");
    }

    /** The lines from the column headings to the blank line after the last run. */
    private static List<String> tableLines(String text) {
        List<String> lines = text.lines().toList();
        int start = lines.indexOf(lines.stream().filter(l -> l.startsWith("Strategy")).findFirst().orElseThrow());
        int end = lines.subList(start, lines.size()).indexOf("") + start;
        return lines.subList(start, end);
    }

    private static void assertRow(String row, String... cells) {
        assertEquals(List.of(cells), List.of(row.trim().split(" +")), row);
    }
}
