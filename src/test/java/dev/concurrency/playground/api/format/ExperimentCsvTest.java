package dev.concurrency.playground.api.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concurrency.playground.api.OpenApiFragments;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.Progress;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.HandOff;
import dev.concurrency.playground.experiment.analysis.RunSummary;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import dev.concurrency.playground.experiment.analysis.Verdict;
import dev.concurrency.playground.strategy.HandOffLatency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExperimentCsvTest {

    private static final String ID = "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13";

    private static final String HEADER = "experimentId,experimentName,strategy,threads,threadType,workInside,workOutside,readRatio,blockInsideMicros,blockOutsideMicros,trial,expectedCount,"
            + "actualCount,lostUpdates,durationNanos,nsPerOp,opsPerSecond,overlap,minThreadNanos,maxThreadNanos,"
            + "parallelism,casFailures,minThreadShare,maxThreadShare,fairness,handOffNsPerOp,drainNanos,"
            + "handOffLatencySamples,handOffLatencyP50Nanos,handOffLatencyP99Nanos,handOffLatencyMaxNanos,reads,writes,nsPerRead,nsPerWrite,readsPerSecond,writesPerSecond,readRetries\r\n";

    @Test
    void theHeaderIsTheColumns() {
        assertEquals(HEADER, String.join(",", ExperimentCsv.COLUMNS) + "\r\n");
    }

    @Test
    void oneRowPerTrialWithEveryFigureAndEmptyFieldsForAbsentValues() {
        // The name needs quoting: a comma, double quotes and a line break.
        String csv = ExperimentCsv.of(ExperimentFixtures.completed("locks, \"atomics\"\nand more"));
        String lead = ID + ",\"locks, \"\"atomics\"\"\nand more\",";
        assertEquals(HEADER
                + lead + "unsynchronized,2,platform,,,,,,1,751383552,383266425,368117127,100194661,0.266693783044109,"
                + "7499237429.427502,0.9622853382811203,96393284,100142997,1.93,,0.48,0.52,0.9984,,,,,,,,,,,,,\r\n"
                + lead + "unsynchronized,2,platform,,,,,,2,785767424,410235744,375531680,100218086,0.25508333112063447,"
                + "7840575043.51061,0.9995619135171343,100188164,100203242,1.99,,0.495,0.505,0.9999,,,,,,,,,,,,,\r\n"
                + lead + "cas-loop,4,platform,,,,,,1,1193984,1193984,0,100114627,167.69843984509006,11926169.389813539,"
                + "0.9998116152540623,100099090,100110576,1.98,330587,0.125,0.375,0.8,,,,,,,,,,,,,\r\n"
                + lead + "cas-loop,4,platform,,,,,,2,3040256,3040256,0,100124082,65.86556000547323,30364882.6463148,"
                + "0.9605214427192045,96192232,100069890,1.91,440661,0.2,0.3,0.96,,,,,,,,,,,,,\r\n"
                + lead + "volatile,1,platform,,,,,,1,10000000,9999999,1,84700000,8.47,118063754.42739078,1.0,"
                + "84700000,84700000,1.0,,1.0,1.0,1.0,,,,,,,,,,,,,\r\n", csv);
        for (List<String> record : Rfc4180.parse(csv)) {
            assertEquals(ExperimentCsv.COLUMNS.size(), record.size(), record.toString());
        }
    }

    /** Every figure distinct, so a column written in the wrong place or left out cannot go unnoticed. */
    @Test
    void everyColumnHoldsItsOwnFigure() {
        TrialResult measured = new TrialResult(7, 1_000L, 997L, 3L, 2_000_000L, 4.25, 500_000_000.5, 0.875,
                1_900_000L, 1_990_000L, 3.5, 12L, 0.0625, 0.125, 0.9375);
        // Absent figures on virtual threads: no nsPerOp, opsPerSecond or parallelism; casFailures and shares absent too.
        // lostUpdates below zero: a negative number is written as a number, not neutralised as text.
        TrialResult sparse = new TrialResult(8, 0L, 0L, -3L, 0L, null, null, 0.0, 0L, 0L, null, null, null, null, null);
        TrialResult owned = new TrialResult(9, 2_000L, 2_000L, 0L, 3_000_000L, 3000.0, 6.5e8, 0.75, 2_500_000L, 2_600_000L,
                1.5, null, 0.25, 0.75, 0.5, new HandOff(2_875.5, 125_000L, new HandOffLatency(17L, 640L, 9_100L, 52_000L)));
        Experiment experiment = experiment("e-1", "sweep", run("cas-loop", 16, ThreadType.VIRTUAL, measured, sparse),
                run("single-writer", 2, ThreadType.PLATFORM, owned));
        assertEquals(HEADER
                + "e-1,sweep,cas-loop,16,virtual,,,,,,7,1000,997,3,2000000,4.25,500000000.5,0.875,1900000,1990000,3.5,12,0.0625,0.125,0.9375,,,,,,,,,,,,,\r\n"
                + "e-1,sweep,cas-loop,16,virtual,,,,,,8,0,0,-3,0,,,0.0,0,0,,,,,,,,,,,,,,,,,,\r\n"
                + "e-1,sweep,single-writer,2,platform,,,,,,9,2000,2000,0,3000000,3000.0,650000000.0,0.75,2500000,2600000,1.5,,"
                + "0.25,0.75,0.5,2875.5,125000,17,640,9100,52000,,,,,,,\r\n",
                ExperimentCsv.of(experiment));
    }

    @Test
    void anExperimentWithoutANameHasAnEmptyNameField() {
        TrialResult trial = new TrialResult(1, 10L, 10L, 0L, 5L, 1.0, 2.0, 1.0, 5L, 5L, 1.0, null, null, null, null);
        assertEquals(HEADER + "e-2,,atomic,1,platform,,,,,,1,10,10,0,5,1.0,2.0,1.0,5,5,1.0,,,,,,,,,,,,,,,,,\r\n",
                ExperimentCsv.of(experiment("e-2", null, run("atomic", 1, ThreadType.PLATFORM, trial))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"=1+2", "+1", "-1", "@SUM(A1)", "\tcmd", "\r=cmd", "=HYPERLINK(\"http://x\",\"y\")"})
    void aNameThatASpreadsheetWouldEvaluateIsNeutralised(String name) {
        TrialResult trial = new TrialResult(1, 10L, 13L, -3L, 5L, 1.0, 2.0, 1.0, 5L, 5L, 1.0, -1L, null, null, null);
        List<List<String>> records = Rfc4180.parse(
                ExperimentCsv.of(experiment("e-3", name, run("atomic", 1, ThreadType.PLATFORM, trial))));
        List<String> row = records.get(1);
        assertEquals("'" + name, row.get(ExperimentCsv.COLUMNS.indexOf("experimentName")));
        assertEquals("-3", row.get(ExperimentCsv.COLUMNS.indexOf("lostUpdates")));
        assertEquals("-1", row.get(ExperimentCsv.COLUMNS.indexOf("casFailures")));
    }

    /** Names that stress the quoting read back exactly (after the neutralising quote, where one is due). */
    @ParameterizedTest
    @ValueSource(strings = {"plain", "with space", "a,b", "say \"hi\"", "\"", "\"\"", ",", "two\nlines", "cr\ronly",
        "crlf\r\nend", "trailing\n", "a, \"b\"\r\nc", "ünïcödé ✓", "'already quoted", " -leading space",
        "-5", "=1,2", "@\"x\"\n"})
    void trickyNamesSurviveTheRoundTrip(String name) {
        String csv = ExperimentCsv.of(ExperimentFixtures.completed(name));
        List<List<String>> records = Rfc4180.parse(csv);
        assertEquals(ExperimentCsv.COLUMNS, records.getFirst());
        assertEquals(6, records.size(), "header and five trials");
        String expected = "=+-@\t\r".indexOf(name.charAt(0)) >= 0 ? "'" + name : name;
        for (List<String> record : records.subList(1, records.size())) {
            assertEquals(ExperimentCsv.COLUMNS.size(), record.size(), record.toString());
            assertEquals(ID, record.get(0));
            assertEquals(expected, record.get(1));
        }
    }

    @Test
    void anExperimentWithoutRunsIsTheHeaderAlone() {
        String csv = ExperimentCsv.of(ExperimentFixtures.experiment("queued", ExperimentStatus.QUEUED, List.of(), null));
        assertEquals(HEADER, csv);
    }

    @Test
    void theOpenApiExampleIsWhatTheFormatterWritesForTheJsonExample() throws Exception {
        Experiment example = JsonRepresentationTest.apiMapper()
                .treeToValue(OpenApiFragments.result("experiment-completed"), Experiment.class);
        assertEquals(ExperimentCsv.of(example), OpenApiFragments.result("experiment-completed-csv").asText(),
                "the CSV example is not the CSV of the JSON example: regenerate both (OpenApiExamplesRefresh)");
        assertEquals(ExperimentRunsCsv.of(example), OpenApiFragments.result("runs-completed-csv").asText(),
                "the runs CSV example is not the runs of the JSON example: regenerate both (OpenApiExamplesRefresh)");
    }

    static Experiment experiment(String id, String name, RunResult... runs) {
        ExperimentSpec spec = new ExperimentSpec(name, List.of("cas-loop"), List.of(16), ThreadType.VIRTUAL, 1_000L,
                null, 5, 1);
        return new Experiment(id, name, ExperimentStatus.COMPLETED, ExperimentFixtures.T0, ExperimentFixtures.T0,
                ExperimentFixtures.T0.plusSeconds(1), spec, new Progress(runs.length, 1), null, List.of(runs), null);
    }

    private static RunResult run(String strategy, int threads, ThreadType type, TrialResult... trials) {
        // The per-trial CSV does not read the summary.
        RunSummary summary = new RunSummary(trials.length, 0, null, null, null, null, null, null, null, null, null);
        return new RunResult(strategy, threads, type, true, false, Verdict.INCONCLUSIVE, "Because.", List.of(trials),
                summary);
    }
}
