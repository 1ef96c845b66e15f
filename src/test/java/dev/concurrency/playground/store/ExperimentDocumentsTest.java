package dev.concurrency.playground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.LossExplanation;
import dev.concurrency.playground.experiment.analysis.LossReconstruction;
import dev.concurrency.playground.experiment.analysis.RunSummary;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import dev.concurrency.playground.engine.ThreadType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Documents outlive versions of the service: one written before a field existed must still read, with
 * the field absent.
 */
class ExperimentDocumentsTest {

    private final ExperimentDocuments documents = new ExperimentDocuments();

    static Stream<Experiment> experiments() {
        Experiment full = ExperimentStoreContract.fullyPopulated("full");
        Experiment queued = Experiment.queued("q", ExperimentStoreContract.spec(ExperimentStoreContract.ODD_NAME, "atomic"),
                ExperimentStoreContract.T0.plusNanos(999_999_999));
        return Stream.of(full,
                full.withRun(ExperimentStoreContract.run("atomic", 3, ThreadType.PLATFORM, Double.NaN,
                        Double.POSITIVE_INFINITY)).withRun(ExperimentStoreContract.run("atomic", 4, ThreadType.PLATFORM,
                        Double.NEGATIVE_INFINITY, -0.0)),
                queued,
                queued.started(ExperimentStoreContract.T0.plusSeconds(1), ExperimentStoreContract.environment("i1"))
                        .requeued("instance i1 is shutting down"));
    }

    /**
     * A document reads back equal, and writes again byte for byte, where it was not written: a store remembers
     * what it wrote as that text's reading, so a store's own read-back would not notice a field that does not
     * survive the text. Records compare doubles as {@link Double#compare} does, so -0.0 and NaN are checked too.
     */
    @ParameterizedTest
    @MethodSource("experiments")
    void aDocumentReadsBackEqualWhereItWasNotWritten(Experiment written) {
        String document = documents.write(written);
        Experiment read = new ExperimentDocuments().read(document);
        assertEquals(written, read);
        assertEquals(document, new ExperimentDocuments().write(read));
    }

    /** Thread shares and fairness came later: a document without them reads with them null. */
    @Test
    void aDocumentWrittenBeforeThreadSharesReadsWithoutThem() throws Exception {
        Experiment now = ExperimentStoreContract.fullyPopulated("old");
        JsonMapper json = JsonMapper.builder().build();
        JsonNode document = json.readTree(documents.write(now));
        for (JsonNode run : document.get("runs")) {
            for (JsonNode trial : run.get("trials")) {
                ((ObjectNode) trial).remove(List.of("minThreadShare", "maxThreadShare", "fairness"));
            }
            ((ObjectNode) run.get("summary")).remove(List.of("minThreadShare", "maxThreadShare", "fairness"));
        }
        Experiment read = documents.read(json.writeValueAsString(document));

        Experiment expected = withoutShares(now);
        assertNotEquals(now, expected, "the fixture has shares to lose");
        assertEquals(expected, read);
    }

    /** The explain option and a run's explanation came later still: absent, they read as false and null. */
    @Test
    void aDocumentWrittenBeforeExplainReadsWithoutIt() throws Exception {
        Experiment before = ExperimentStoreContract.fullyPopulated("older");
        JsonMapper json = JsonMapper.builder().build();
        JsonNode document = json.readTree(documents.write(before));
        ((ObjectNode) document.get("spec")).remove("explain");
        for (JsonNode run : document.get("runs")) {
            ((ObjectNode) run).remove("explanation");
        }
        assertEquals(before, documents.read(json.writeValueAsString(document)));
        assertEquals(false, before.spec().explain());
    }

    /**
     * The database came later again: a document without it (every one before it could be chosen, none of which
     * listed a database strategy) reads as no database, and a database experiment's runs read back equal.
     */
    @Test
    void aDocumentWrittenBeforeDatabasesReadsWithoutThemAndADatabaseRunReadsBackEqual() throws Exception {
        Experiment before = ExperimentStoreContract.fullyPopulated("older");
        JsonMapper json = JsonMapper.builder().build();
        JsonNode document = json.readTree(documents.write(before));
        ((ObjectNode) document.get("spec")).remove("database");
        for (JsonNode run : document.get("runs")) {
            ((ObjectNode) run).remove("database");
        }
        Experiment read = documents.read(json.writeValueAsString(document));
        assertEquals(before, read);
        assertEquals(null, read.spec().database());
        assertEquals(dev.concurrency.playground.experiment.Database.EMBEDDED, read.spec().databaseOrDefault());

        dev.concurrency.playground.experiment.ExperimentSpec spec = before.spec();
        Experiment inDatabase = new Experiment(before.id(), before.name(), before.status(), before.submittedAt(),
                before.startedAt(), before.finishedAt(), new dev.concurrency.playground.experiment.ExperimentSpec(
                        spec.name(), spec.strategies(), spec.threadCounts(), spec.threadType(), spec.incrementsPerThread(),
                        spec.durationMillis(), spec.trials(), spec.warmupTrials(), spec.trialOrder(), spec.explain(),
                        dev.concurrency.playground.experiment.Database.POSTGRESQL),
                before.progress(), before.environment(), before.runs().stream().map(run -> run.withDatabase(
                        new dev.concurrency.playground.experiment.DatabaseUsed("PostgreSQL", "15.20", "SERIALIZABLE")))
                        .toList(), before.statusReason());
        assertEquals(inDatabase, documents.read(documents.write(inDatabase)));
    }

    /** An explained run, every figure of its explanation and its interleavings, reads back equal. */
    @Test
    void anExplanationReadsBackEqual() {
        Experiment before = ExperimentStoreContract.fullyPopulated("explained");
        LossExplanation explained = LossReconstruction.explain(new long[][] {{0, 1, 2, 3, 2, 3, 5}, {0, 1, 4, 5, 6}},
                new long[][] {{1, 2, 3, 4, 3, 4, 6}, {1, 2, 5, 6, 7}}, 6, 7, 0.1 + 0.2, null);
        Experiment withExplanation = new Experiment(before.id(), before.name(), before.status(), before.submittedAt(),
                before.startedAt(), before.finishedAt(), before.spec(), before.progress(), before.environment(),
                before.runs().stream().map(run -> run.withExplanation(explained)).toList(), before.statusReason());
        assertEquals(withExplanation, documents.read(documents.write(withExplanation)));
    }

    private static Experiment withoutShares(Experiment experiment) {
        List<RunResult> runs = experiment.runs().stream().map(run -> {
            List<TrialResult> trials = run.trials().stream().map(t -> new TrialResult(t.trial(), t.expectedCount(),
                    t.actualCount(), t.lostUpdates(), t.durationNanos(), t.nsPerOp(), t.opsPerSecond(), t.overlap(),
                    t.minThreadNanos(), t.maxThreadNanos(), t.parallelism(), t.casFailures(), null, null, null)).toList();
            RunSummary s = run.summary();
            RunSummary summary = new RunSummary(s.measuredTrials(), s.corruptedTrials(), s.lostUpdates(),
                    s.lostUpdateRate(), s.nsPerOp(), s.opsPerSecond(), s.overlap(), s.parallelism(), null, null, null);
            return new RunResult(run.strategy(), run.threads(), run.threadType(), run.threadSafe(), run.oversubscribed(),
                    run.verdict(), run.verdictReason(), trials, summary);
        }).toList();
        return new Experiment(experiment.id(), experiment.name(), experiment.status(), experiment.submittedAt(),
                experiment.startedAt(), experiment.finishedAt(), experiment.spec(), experiment.progress(),
                experiment.environment(), runs, experiment.statusReason());
    }
}
