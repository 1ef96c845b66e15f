package dev.concurrency.playground.api.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.Progress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExperimentListCsvTest {

    private static final String HEADER =
            "id,name,status,submittedAt,startedAt,finishedAt,completedRuns,totalRuns,statusReason\r\n";

    @Test
    void theHeaderIsTheColumns() {
        assertEquals(HEADER, String.join(",", ExperimentListCsv.COLUMNS) + "\r\n");
    }

    @Test
    void oneRowPerExperimentInTheOrderGiven() {
        List<Experiment> experiments = List.of(
                experiment("e-1", "sweep", ExperimentStatus.COMPLETED, "2026-11-25T00:20:10.789Z",
                        "2026-11-25T00:20:10.790Z", "2026-11-25T00:20:12Z", 6, 6, null),
                experiment("e-2", null, ExperimentStatus.QUEUED, "2026-11-25T01:17:16.640Z", null, null, 0, 4, null),
                experiment("e-3", "race, \"again\"", ExperimentStatus.CANCELLED, "2026-11-25T01:17:16.640Z",
                        "2026-11-25T01:17:16.641123Z", "2026-11-25T01:17:18.000000001Z", 1, 3,
                        "cancelled by request,\nafter 1 run"),
                experiment("e-4", "x", ExperimentStatus.FAILED, "2026-11-25T02:00:00Z", "2026-11-25T02:00:00Z",
                        "2026-11-25T02:00:01Z", 0, 2, "-boom"));
        assertEquals(HEADER
                + "e-1,sweep,COMPLETED,2026-11-25T00:20:10.789Z,2026-11-25T00:20:10.790Z,2026-11-25T00:20:12Z,6,6,\r\n"
                + "e-2,,QUEUED,2026-11-25T01:17:16.640Z,,,0,4,\r\n"
                + "e-3,\"race, \"\"again\"\"\",CANCELLED,2026-11-25T01:17:16.640Z,2026-11-25T01:17:16.641123Z,"
                + "2026-11-25T01:17:18.000000001Z,1,3,\"cancelled by request,\nafter 1 run\"\r\n"
                + "e-4,x,FAILED,2026-11-25T02:00:00Z,2026-11-25T02:00:00Z,2026-11-25T02:00:01Z,0,2,'-boom\r\n",
                ExperimentListCsv.of(experiments));
    }

    @ParameterizedTest
    @ValueSource(strings = {"=1+2", "+1", "-1", "@SUM(A1)", "\tcmd", "\r\ncmd"})
    void namesAndReasonsThatASpreadsheetWouldEvaluateAreNeutralised(String text) {
        String csv = ExperimentListCsv.of(List.of(experiment("e-5", text, ExperimentStatus.FAILED,
                "2026-11-25T02:00:00Z", "2026-11-25T02:00:00Z", "2026-11-25T02:00:01Z", 0, 2, text)));
        List<String> row = Rfc4180.parse(csv).get(1);
        assertEquals(ExperimentListCsv.COLUMNS.size(), row.size());
        assertEquals("'" + text, row.get(1));
        assertEquals("'" + text, row.get(8));
        assertEquals("0", row.get(6));
        assertEquals("2", row.get(7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a,b", "say \"hi\"", "two\nlines", "crlf\r\nend", "ünïcödé ✓", " -x", ""})
    void trickyNamesSurviveTheRoundTrip(String name) {
        List<Experiment> experiments = List.of(
                experiment("e-6", name, ExperimentStatus.RUNNING, "2026-11-25T02:00:00Z", "2026-11-25T02:00:00Z",
                        null, 1, 2, null),
                experiment("e-7", name, ExperimentStatus.QUEUED, "2026-11-25T02:00:00Z", null, null, 0, 2, null));
        List<List<String>> records = Rfc4180.parse(ExperimentListCsv.of(experiments));
        assertEquals(ExperimentListCsv.COLUMNS, records.getFirst());
        assertEquals(List.of("e-6", name, "RUNNING", "2026-11-25T02:00:00Z", "2026-11-25T02:00:00Z", "", "1", "2", ""),
                records.get(1));
        assertEquals(List.of("e-7", name, "QUEUED", "2026-11-25T02:00:00Z", "", "", "0", "2", ""), records.get(2));
    }

    @Test
    void anEmptyListIsTheHeaderAlone() {
        assertEquals(HEADER, ExperimentListCsv.of(List.of()));
    }

    private static Experiment experiment(String id, String name, ExperimentStatus status, String submittedAt,
            String startedAt, String finishedAt, int completedRuns, int totalRuns, String statusReason) {
        ExperimentSpec spec = new ExperimentSpec(name, List.of("atomic"), List.of(1), ThreadType.PLATFORM, 1_000L, null,
                5, 1);
        return new Experiment(id, name, status, instant(submittedAt), instant(startedAt), instant(finishedAt), spec,
                new Progress(completedRuns, totalRuns), null, List.of(), statusReason);
    }

    private static Instant instant(String iso) {
        return iso == null ? null : Instant.parse(iso);
    }
}
