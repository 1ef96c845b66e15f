package dev.concurrency.playground.api.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.HandOffSummary;
import dev.concurrency.playground.experiment.analysis.MinMeanMax;
import dev.concurrency.playground.experiment.analysis.RunSummary;
import dev.concurrency.playground.experiment.analysis.SampleStatistics;
import dev.concurrency.playground.experiment.analysis.Verdict;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExperimentRunsCsvTest {

    private static final String HEADER = "experimentId,experimentName,strategy,threads,threadType,workInside,workOutside,readRatio,blockInsideMicros,blockOutsideMicros,threadSafe,"
            + "oversubscribed,verdict,measuredTrials,plannedTrials,corruptedTrials,lostUpdatesMean,lostUpdateRateMean,"
            + "nsPerOpMean,nsPerOpError,nsPerOpMin,nsPerOpP50,nsPerOpP90,nsPerOpMax,opsPerSecondMean,"
            + "opsPerSecondError,overlapMean,parallelismMean,minThreadShareMin,maxThreadShareMax,fairnessMean,"
            + "handOffNsPerOpMean,handOffNsPerOpError,drainNanosMean,handOffLatencyP50NanosMean,handOffLatencyP99NanosMean,"
            + "handOffLatencyMaxNanosMax,nsPerReadMean,nsPerReadError,nsPerWriteMean,nsPerWriteError,readsPerSecondMean,"
            + "writesPerSecondMean,readRetriesMean,readRetryRateMean,"
            + "explainedLostUpdates,explainedDuplicateWrites,explainedFinalRollBack,explainedStaleWrites,"
            + "explainedLargestErasure,explainedReconciled,databaseProduct,databaseVersion,databaseIsolationLevel,"
            + "pinnedEvents,pinnedTotalNanos,pinnedLongestNanos,pinnedCarriers,verdictReason\r\n";

    @Test
    void theHeaderIsTheColumns() {
        assertEquals(HEADER, String.join(",", ExperimentRunsCsv.COLUMNS) + "\r\n");
    }

    /** Every figure distinct, so a column written in the wrong place or left out cannot go unnoticed. */
    @Test
    void everyColumnHoldsItsOwnFigure() {
        RunSummary summary = new RunSummary(3, 2,
                new MinMeanMax(1.0, 11.5, 20.0),
                new MinMeanMax(0.01, 0.125, 0.25),
                new SampleStatistics(3, 4.5, 0.75, 3.25, 4.0, 5.5, 6.0, 0.375, List.of(4.125, 4.875)),
                new SampleStatistics(3, 2.5e8, 1e7, 2e8, 2.4e8, 2.9e8, 3e8, 12345.5, List.of(2.4e8, 2.6e8)),
                new MinMeanMax(0.5, 0.875, 1.0),
                new MinMeanMax(1.5, 1.75, 2.0),
                new MinMeanMax(0.0625, 0.09375, 0.1), new MinMeanMax(0.15, 0.2, 0.3125), new MinMeanMax(0.55, 0.6875, 0.8));
        RunResult run = new RunResult("unsynchronized", 8, ThreadType.PLATFORM, false, true, Verdict.CORRUPTED,
                "2 of 3 trials lost updates, as expected, since increments collide.", List.of(), summary);
        assertEquals(HEADER
                + "e-1,sweep,unsynchronized,8,platform,,,,,,false,true,CORRUPTED,3,5,2,11.5,0.125,4.5,0.375,3.25,4.0,5.5,"
                + "6.0,250000000.0,12345.5,0.875,1.75,0.0625,0.3125,0.6875,,,,,,,,,,,,,,,,,,,,,,,,,,,,\"2 of 3 trials lost updates, as expected, since increments "
                + "collide.\"\r\n",
                ExperimentRunsCsv.of(ExperimentCsvTest.experiment("e-1", "sweep", run)));
    }

    /** The hand-off columns, each from its own figure of the summary's {@code handOff}. */
    @Test
    void everyHandOffColumnHoldsItsOwnFigure() {
        HandOffSummary handOff = new HandOffSummary(
                new SampleStatistics(3, 21.5, 1.25, 20.0, 21.0, 22.5, 23.0, 2.75, List.of(18.75, 24.25)),
                new MinMeanMax(1_000.0, 1_500.0, 2_000.0), new MinMeanMax(300.0, 350.0, 400.0),
                new MinMeanMax(7_000.0, 8_000.0, 9_000.0), new MinMeanMax(40_000.0, 50_000.0, 60_000.0));
        RunSummary summary = new RunSummary(3, 0, null, null, null, null, null, null, null, null, null, handOff);
        RunResult run = new RunResult("event-loop", 2, ThreadType.PLATFORM, true, false, Verdict.NO_CORRUPTION_OBSERVED,
                "No trial lost an update.", List.of(), summary);
        List<String> row = Rfc4180.parse(ExperimentRunsCsv.of(ExperimentCsvTest.experiment("e-3", null, run))).get(1);
        Function<String, String> cell = column -> row.get(ExperimentRunsCsv.COLUMNS.indexOf(column));
        assertEquals("21.5", cell.apply("handOffNsPerOpMean"));
        assertEquals("2.75", cell.apply("handOffNsPerOpError"));
        assertEquals("1500.0", cell.apply("drainNanosMean"));
        assertEquals("350.0", cell.apply("handOffLatencyP50NanosMean"));
        assertEquals("8000.0", cell.apply("handOffLatencyP99NanosMean"));
        assertEquals("60000.0", cell.apply("handOffLatencyMaxNanosMax"));
    }

    /** A database strategy's run says where it ran; the others leave those cells empty. */
    @Test
    void aDatabaseRunSaysWhichDatabaseItUsed() {
        RunSummary summary = new RunSummary(3, 0, null, null, null, null, null, null, null, null, null);
        RunResult run = new RunResult("db-serializable", 2, ThreadType.PLATFORM, true, false,
                Verdict.NO_CORRUPTION_OBSERVED, "No trial lost an update.", List.of(), summary)
                .withDatabase(new dev.concurrency.playground.experiment.DatabaseUsed("PostgreSQL", "15.20", "SERIALIZABLE"));
        RunResult inHeap = new RunResult("atomic", 2, ThreadType.PLATFORM, true, false,
                Verdict.NO_CORRUPTION_OBSERVED, "No trial lost an update.", List.of(), summary);
        List<List<String>> records = Rfc4180.parse(ExperimentRunsCsv.of(ExperimentCsvTest.experiment("e-4", null, run, inHeap)));
        Function<String, String> database = column -> records.get(1).get(ExperimentRunsCsv.COLUMNS.indexOf(column));
        assertEquals("PostgreSQL", database.apply("databaseProduct"));
        assertEquals("15.20", database.apply("databaseVersion"));
        assertEquals("SERIALIZABLE", database.apply("databaseIsolationLevel"));
        Function<String, String> none = column -> records.get(2).get(ExperimentRunsCsv.COLUMNS.indexOf(column));
        assertEquals("", none.apply("databaseProduct") + none.apply("databaseVersion") + none.apply("databaseIsolationLevel"));
    }

    /** A virtual run of an experiment that blocks says how it was pinned, and what it blocked; the others leave it empty. */
    @Test
    void aBlockingVirtualRunSaysHowItWasPinned() {
        RunSummary summary = new RunSummary(3, 0, null, null, null, null, null, null, null, null, null);
        RunResult run = new RunResult("class-initializer", 8, ThreadType.VIRTUAL, true, false,
                Verdict.NO_CORRUPTION_OBSERVED, "No trial lost an update.", List.of(), summary)
                .withParams(new dev.concurrency.playground.experiment.RunParams(0, 0, 100, 1000))
                .withPinning(new dev.concurrency.playground.experiment.Pinning(48L, 51_000_000L, 1_300_000L,
                        java.util.Map.of("VM call to C.<clinit> on stack; blocking in LockSupport.park", 48L), 2, 2, 25,
                        "JDK 25: ...", null));
        RunResult plain = new RunResult("atomic", 2, ThreadType.PLATFORM, true, false,
                Verdict.NO_CORRUPTION_OBSERVED, "No trial lost an update.", List.of(), summary);
        List<List<String>> records = Rfc4180.parse(ExperimentRunsCsv.of(ExperimentCsvTest.experiment("e-5", null, run, plain)));
        Function<String, String> pinned = column -> records.get(1).get(ExperimentRunsCsv.COLUMNS.indexOf(column));
        assertEquals(List.of("100", "1000", "48", "51000000", "1300000", "2"), List.of(pinned.apply("blockInsideMicros"),
                pinned.apply("blockOutsideMicros"), pinned.apply("pinnedEvents"), pinned.apply("pinnedTotalNanos"),
                pinned.apply("pinnedLongestNanos"), pinned.apply("pinnedCarriers")));
        Function<String, String> none = column -> records.get(2).get(ExperimentRunsCsv.COLUMNS.indexOf(column));
        assertEquals("", none.apply("blockInsideMicros") + none.apply("pinnedEvents") + none.apply("pinnedCarriers"));
    }

    @Test
    void aRunStoppedBeforeItsFirstTrialHasEmptyFigures() {
        RunSummary empty = new RunSummary(0, 0, null, null, null, null, null, null, null, null, null);
        RunResult run = new RunResult("atomic", 4, ThreadType.VIRTUAL, true, false, Verdict.INCONCLUSIVE,
                "No trial was measured.", List.of(), empty);
        assertEquals(HEADER + "e-2,,atomic,4,virtual,,,,,,true,false,INCONCLUSIVE,0,5,0,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,No trial was measured.\r\n",
                ExperimentRunsCsv.of(ExperimentCsvTest.experiment("e-2", null, run)));
    }

    /** The fixture's summaries come from its trials; each cell must read back as the summary's figure. */
    @Test
    void eachRowIsItsRunsSummary() {
        Experiment experiment = ExperimentFixtures.completed("sweep");
        List<List<String>> records = Rfc4180.parse(ExperimentRunsCsv.of(experiment));
        assertEquals(ExperimentRunsCsv.COLUMNS, records.getFirst());
        assertEquals(experiment.runs().size() + 1, records.size());
        for (int i = 0; i < experiment.runs().size(); i++) {
            RunResult run = experiment.runs().get(i);
            RunSummary summary = run.summary();
            List<String> row = records.get(i + 1);
            Function<String, String> cell = column -> row.get(ExperimentRunsCsv.COLUMNS.indexOf(column));
            assertEquals(ExperimentRunsCsv.COLUMNS.size(), row.size());
            assertEquals(experiment.id(), cell.apply("experimentId"));
            assertEquals("sweep", cell.apply("experimentName"));
            assertEquals(run.strategy(), cell.apply("strategy"));
            assertEquals(run.threads(), Integer.parseInt(cell.apply("threads")));
            assertEquals("platform", cell.apply("threadType"));
            assertEquals(run.threadSafe(), Boolean.parseBoolean(cell.apply("threadSafe")));
            assertEquals(run.oversubscribed(), Boolean.parseBoolean(cell.apply("oversubscribed")));
            assertEquals(run.verdict(), Verdict.valueOf(cell.apply("verdict")));
            assertEquals(summary.measuredTrials(), Integer.parseInt(cell.apply("measuredTrials")));
            assertEquals(experiment.spec().trials(), Integer.parseInt(cell.apply("plannedTrials")));
            assertEquals(summary.corruptedTrials(), Integer.parseInt(cell.apply("corruptedTrials")));
            assertEquals(summary.lostUpdates().mean(), Double.parseDouble(cell.apply("lostUpdatesMean")));
            assertEquals(summary.lostUpdateRate().mean(), Double.parseDouble(cell.apply("lostUpdateRateMean")));
            assertEquals(summary.nsPerOp().mean(), Double.parseDouble(cell.apply("nsPerOpMean")));
            assertEquals(summary.nsPerOp().min(), Double.parseDouble(cell.apply("nsPerOpMin")));
            assertEquals(summary.nsPerOp().p50(), Double.parseDouble(cell.apply("nsPerOpP50")));
            assertEquals(summary.nsPerOp().p90(), Double.parseDouble(cell.apply("nsPerOpP90")));
            assertEquals(summary.nsPerOp().max(), Double.parseDouble(cell.apply("nsPerOpMax")));
            assertEquals(summary.opsPerSecond().mean(), Double.parseDouble(cell.apply("opsPerSecondMean")));
            assertEquals(summary.overlap().mean(), Double.parseDouble(cell.apply("overlapMean")));
            assertEquals(summary.parallelism().mean(), Double.parseDouble(cell.apply("parallelismMean")));
            assertEquals(summary.minThreadShare().min(), Double.parseDouble(cell.apply("minThreadShareMin")));
            assertEquals(summary.maxThreadShare().max(), Double.parseDouble(cell.apply("maxThreadShareMax")));
            assertEquals(summary.fairness().mean(), Double.parseDouble(cell.apply("fairnessMean")));
            assertEquals(run.verdictReason(), cell.apply("verdictReason"));
            if (summary.measuredTrials() >= 2) {
                assertEquals(summary.nsPerOp().error(), Double.parseDouble(cell.apply("nsPerOpError")));
                assertEquals(summary.opsPerSecond().error(), Double.parseDouble(cell.apply("opsPerSecondError")));
            } else {
                assertEquals("", cell.apply("nsPerOpError"), "no error from a single trial");
                assertEquals("", cell.apply("opsPerSecondError"));
            }
        }
        // The fixture's figures, computed by hand: the racy run lost (368117127 + 375531680) / 2 updates on average.
        assertEquals("371824403.5", records.get(1).get(ExperimentRunsCsv.COLUMNS.indexOf("lostUpdatesMean")));
        assertEquals("1.96", records.get(1).get(ExperimentRunsCsv.COLUMNS.indexOf("parallelismMean")));
        // The most starved thread of the cas-loop run had 12.5 %, the most favoured 37.5 %; fairness (0.8 + 0.96) / 2.
        assertEquals("0.125", records.get(2).get(ExperimentRunsCsv.COLUMNS.indexOf("minThreadShareMin")));
        assertEquals("0.375", records.get(2).get(ExperimentRunsCsv.COLUMNS.indexOf("maxThreadShareMax")));
        assertEquals(0.88, Double.parseDouble(records.get(2).get(ExperimentRunsCsv.COLUMNS.indexOf("fairnessMean"))), 1e-12);
        assertEquals("8.47", records.get(3).get(ExperimentRunsCsv.COLUMNS.indexOf("nsPerOpMean")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "\tx", "\rx"})
    void nameAndVerdictReasonAreNeutralised(String text) {
        RunSummary summary = new RunSummary(1, 1, new MinMeanMax(-2.0, -2.0, -2.0), new MinMeanMax(-0.5, -0.5, -0.5),
                null, null, null, null, null, null, null);
        RunResult run = new RunResult("atomic", 1, ThreadType.PLATFORM, true, false, Verdict.CORRUPTED, text,
                List.of(), summary);
        List<String> row = Rfc4180.parse(ExperimentRunsCsv.of(ExperimentCsvTest.experiment("e-3", text, run))).get(1);
        assertEquals("'" + text, row.get(ExperimentRunsCsv.COLUMNS.indexOf("experimentName")));
        assertEquals("'" + text, row.get(ExperimentRunsCsv.COLUMNS.indexOf("verdictReason")));
        assertEquals("-2.0", row.get(ExperimentRunsCsv.COLUMNS.indexOf("lostUpdatesMean")), "a number stays a number");
        assertEquals("-0.5", row.get(ExperimentRunsCsv.COLUMNS.indexOf("lostUpdateRateMean")));
    }

    /** The explained figures of a run asked to explain, from the hand-built log of {@link ExperimentFixtures#explained()}. */
    @Test
    void anExplainedRunHasItsReconstructionInItsOwnColumns() {
        RunResult run = ExperimentFixtures.completed("x").runs().getFirst().withExplanation(ExperimentFixtures.explained());
        List<String> row = Rfc4180.parse(ExperimentRunsCsv.of(ExperimentCsvTest.experiment("e-4", "x", run))).get(1);
        Function<String, String> cell = column -> row.get(ExperimentRunsCsv.COLUMNS.indexOf(column));
        assertEquals("6", cell.apply("explainedLostUpdates"));
        assertEquals("5", cell.apply("explainedDuplicateWrites"));
        assertEquals("1", cell.apply("explainedFinalRollBack"));
        assertEquals("1", cell.apply("explainedStaleWrites"));
        assertEquals("2", cell.apply("explainedLargestErasure"));
        assertEquals("true", cell.apply("explainedReconciled"));
    }

    @Test
    void anExperimentWithoutRunsIsTheHeaderAlone() {
        assertEquals(HEADER, ExperimentRunsCsv.of(
                ExperimentFixtures.experiment("queued", ExperimentStatus.QUEUED, List.of(), null)));
    }
}
