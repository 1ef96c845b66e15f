package dev.concurrency.playground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.RunSummary;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Documents outlive versions of the service: one written before a field existed must still read, with
 * the field absent.
 */
class ExperimentDocumentsTest {

    private final ExperimentDocuments documents = new ExperimentDocuments();

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
