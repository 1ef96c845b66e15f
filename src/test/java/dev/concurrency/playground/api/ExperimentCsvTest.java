package dev.concurrency.playground.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentCsvTest {

    private static final String HEADER = "strategy,threads,threadType,trial,expectedCount,actualCount,lostUpdates,"
            + "durationNanos,nsPerOp,opsPerSecond,overlap,casFailures\r\n";

    @Test
    void fieldsAreQuotedOnlyWhenRfc4180RequiresIt() {
        assertEquals("cas-loop", ExperimentCsv.field("cas-loop"));
        assertEquals("", ExperimentCsv.field(""));
        assertEquals("", ExperimentCsv.field(null));
        assertEquals("with space", ExperimentCsv.field("with space"));
        assertEquals("\"locks, atomics\"", ExperimentCsv.field("locks, atomics"));
        assertEquals("\"say \"\"hi\"\"\"", ExperimentCsv.field("say \"hi\""));
        assertEquals("\"two\nlines\"", ExperimentCsv.field("two\nlines"));
        assertEquals("\"carriage\rreturn\"", ExperimentCsv.field("carriage\rreturn"));
        assertEquals("\"a, \"\"b\"\"\r\nc\"", ExperimentCsv.field("a, \"b\"\r\nc"));
    }

    @Test
    void decimalsArePlainAndExactWhateverTheirSize() {
        assertEquals("7499237429.427502", ExperimentCsv.decimal(7.499237429427502E9));
        assertEquals("10000000000.0", ExperimentCsv.decimal(1e10));
        assertEquals("0.0", ExperimentCsv.decimal(-0.0));
        assertEquals("0.0000001", ExperimentCsv.decimal(1e-7));
        assertEquals("0.266693783044109", ExperimentCsv.decimal(0.266693783044109));
        assertEquals("1.0", ExperimentCsv.decimal(1.0));
        assertEquals("", ExperimentCsv.decimal(null));
        assertEquals("", ExperimentCsv.decimal(Double.NaN));
        assertEquals(0.1 + 0.2, Double.parseDouble(ExperimentCsv.decimal(0.1 + 0.2)));
    }

    @Test
    void oneRowPerTrialWithEmptyFieldsForAbsentValues() {
        // The name would need quoting, but it is not part of a trial's row.
        String csv = ExperimentCsv.of(ExperimentFixtures.completed("locks, \"atomics\"\nand more"));
        assertEquals(HEADER
                + "unsynchronized,2,platform,1,751383552,383266425,368117127,100194661,0.266693783044109,"
                + "7499237429.427502,0.9622853382811203,\r\n"
                + "unsynchronized,2,platform,2,785767424,410235744,375531680,100218086,0.25508333112063447,"
                + "7840575043.51061,0.9995619135171343,\r\n"
                + "cas-loop,4,platform,1,1193984,1193984,0,100114627,167.69843984509006,11926169.389813539,"
                + "0.9998116152540623,330587\r\n"
                + "cas-loop,4,platform,2,3040256,3040256,0,100124082,65.86556000547323,30364882.6463148,"
                + "0.9605214427192045,440661\r\n"
                + "volatile,1,platform,1,10000000,9999999,1,84700000,8.47,118063754.42739078,1.0,\r\n", csv);
        for (String row : csv.split("\r\n")) {
            assertEquals(ExperimentCsv.COLUMNS.size(), row.split(",", -1).length, row);
        }
    }

    @Test
    void anExperimentWithoutRunsIsTheHeaderAlone() {
        String csv = ExperimentCsv.of(ExperimentFixtures.experiment("queued", ExperimentStatus.QUEUED, List.of(), null));
        assertEquals(HEADER, csv);
    }

    @Test
    void theOpenApiExampleIsWhatTheFormatterWritesForTheJsonExample() throws Exception {
        Experiment example = new ObjectMapper().findAndRegisterModules()
                .readValue(OpenApiExamples.EXPERIMENT_COMPLETED, Experiment.class);
        assertEquals(ExperimentCsv.of(example), OpenApiExamples.EXPERIMENT_CSV,
                "regenerate OpenApiExamples.EXPERIMENT_CSV from ExperimentCsv.of(EXPERIMENT_COMPLETED)");
    }
}
