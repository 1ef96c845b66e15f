package dev.concurrency.playground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.config.ConfigDefaults;
import dev.concurrency.playground.config.StoreConfig;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keeping experiments: eviction of the oldest finished ones past the configured number, and listing. */
class InMemoryExperimentStoreTest {

    private static final ExperimentSpec SPEC = new ExperimentSpec(null, List.of("atomic"), List.of(2),
            ThreadType.PLATFORM, null, 10L, 1, 0);

    /** The retained number as {@code playground.store.retained-experiments} configures it. */
    private static InMemoryExperimentStore storeRetaining(int retained) {
        return new InMemoryExperimentStore(storeConfig(retained));
    }

    private static StoreConfig storeConfig(int retained) {
        return ConfigDefaults.with(Map.of("playground.store.retained-experiments", Integer.toString(retained)))
                .getConfigMapping(StoreConfig.class);
    }

    private static Experiment queued(String id) {
        return Experiment.queued(id, SPEC, Instant.EPOCH);
    }

    private static Experiment finished(String id) {
        return queued(id).finished(ExperimentStatus.COMPLETED, Instant.EPOCH, null);
    }

    private static List<String> ids(List<Experiment> experiments) {
        return experiments.stream().map(Experiment::id).toList();
    }

    @Test
    void pastTheRetainedNumberTheOldestFinishedExperimentsAreForgotten() {
        StoreConfig config = storeConfig(3);
        InMemoryExperimentStore store = new InMemoryExperimentStore(config);
        int retained = config.retainedExperiments();
        for (int i = 1; i <= retained; i++) {
            store.insert(finished("f" + i));
        }
        assertEquals(List.of("f3", "f2", "f1"), ids(store.list(100, Set.of())), "up to the retained number, all stay");
        store.insert(finished("f4"));
        assertEquals(List.of("f4", "f3", "f2"), ids(store.list(100, Set.of())), "one over: the oldest goes");
        assertTrue(store.find("f1").isEmpty());
    }

    @Test
    void queuedAndRunningExperimentsAreNeverEvicted() {
        InMemoryExperimentStore store = storeRetaining(2);
        store.insert(queued("q1"));
        store.insert(queued("r1"));
        store.update("r1", e -> e.started(Instant.EPOCH, null));
        store.insert(finished("f1"));
        assertTrue(store.find("f1").isEmpty(), "three stored, two retained: the only finished one goes at once");
        store.insert(queued("q2"));
        assertEquals(List.of("q2", "r1", "q1"), ids(store.list(100, Set.of())), "nothing finished: more than retained");
        store.update("q1", e -> e.finished(ExperimentStatus.CANCELLED, Instant.EPOCH, "cancelled"));
        store.insert(queued("q3"));
        // Four stored, two over: q1 has finished since and goes; nothing else may.
        assertEquals(List.of("q3", "q2", "r1"), ids(store.list(100, Set.of())));
    }

    @Test
    void listsNewestFirstFilteredByStatusUpToTheLimit() {
        InMemoryExperimentStore store = storeRetaining(100);
        store.insert(finished("a"));
        store.insert(queued("b"));
        store.insert(finished("c"));
        store.insert(queued("d"));
        assertEquals(List.of("d", "c", "b", "a"), ids(store.list(10, Set.of())));
        assertEquals(List.of("d", "c"), ids(store.list(2, Set.of())));
        assertEquals(List.of("c", "a"), ids(store.list(10, Set.of(ExperimentStatus.COMPLETED))));
        assertEquals(List.of("d"), ids(store.list(1, Set.of(ExperimentStatus.QUEUED))));
        assertEquals(List.of("d", "c", "b", "a"),
                ids(store.list(10, Set.of(ExperimentStatus.QUEUED, ExperimentStatus.COMPLETED))));
        assertEquals(List.of(), ids(store.list(10, Set.of(ExperimentStatus.FAILED))));
        assertEquals(List.of(), ids(store.list(0, Set.of())));
    }

    @Test
    void updatesAndDeletesOnlyWhatIsStored() {
        InMemoryExperimentStore store = storeRetaining(100);
        store.insert(queued("a"));
        Experiment started = store.update("a", e -> e.started(Instant.EPOCH, null)).orElseThrow();
        assertEquals(ExperimentStatus.RUNNING, started.status());
        assertEquals(started, store.find("a").orElseThrow());
        assertTrue(store.update("nope", e -> e.started(Instant.EPOCH, null)).isEmpty());
        assertTrue(store.find("nope").isEmpty());
        assertTrue(store.delete("a"));
        assertFalse(store.delete("a"), "already gone");
        assertTrue(store.find("a").isEmpty());
    }
}
