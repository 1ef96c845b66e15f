package dev.concurrency.playground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.config.ConfigDefaults;
import dev.concurrency.playground.config.IdempotencyConfig;
import dev.concurrency.playground.config.StoreConfig;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store contract, and what only the in-memory store does: forget the oldest finished experiments past the configured number. */
class InMemoryExperimentStoreTest extends ExperimentStoreContract {

    @Override
    protected ExperimentStore emptyStore() {
        return storeRetaining(100);
    }

    /** The retained number as {@code playground.store.retained-experiments} configures it. */
    private static InMemoryExperimentStore storeRetaining(int retained) {
        return new InMemoryExperimentStore(storeConfig(retained), ConfigDefaults.of(IdempotencyConfig.class));
    }

    private static StoreConfig storeConfig(int retained) {
        return ConfigDefaults.with(Map.of("playground.store.retained-experiments", Integer.toString(retained)))
                .getConfigMapping(StoreConfig.class);
    }

    private static List<String> all(ExperimentStore store) {
        return ids(store.list(ListQuery.all(100)));
    }

    @Test
    void pastTheRetainedNumberTheOldestFinishedExperimentsAreForgotten() {
        StoreConfig config = storeConfig(3);
        InMemoryExperimentStore store = new InMemoryExperimentStore(config, ConfigDefaults.of(IdempotencyConfig.class));
        int retained = config.retainedExperiments();
        for (int i = 1; i <= retained; i++) {
            store.insert(completed(queued("f" + i, i, null)));
        }
        assertEquals(List.of("f3", "f2", "f1"), all(store), "up to the retained number, all stay");
        store.insert(completed(queued("f4", 4, null)));
        assertEquals(List.of("f4", "f3", "f2"), all(store), "one over: the oldest goes");
        assertTrue(store.find("f1").isEmpty());
    }

    @Test
    void queuedAndRunningExperimentsAreNeverEvicted() {
        InMemoryExperimentStore store = storeRetaining(2);
        store.insert(queued("q1", 1, null));
        store.insert(queued("r1", 2, null));
        store.update("r1", e -> e.started(T0, null));
        store.insert(completed(queued("f1", 3, null)));
        assertTrue(store.find("f1").isEmpty(), "three stored, two retained: the only finished one goes at once");
        store.insert(queued("q2", 4, null));
        assertEquals(List.of("q2", "r1", "q1"), all(store), "nothing finished: more than retained");
        store.update("q1", e -> e.finished(ExperimentStatus.CANCELLED, T0, "cancelled"));
        store.insert(queued("q3", 5, null));
        // Four stored, two over: q1 has finished since and goes; nothing else may.
        assertEquals(List.of("q3", "q2", "r1"), all(store));
    }

    @Test
    void evictionGoesBySubmissionTimeNotInsertionOrder() {
        InMemoryExperimentStore store = storeRetaining(2);
        store.insert(completed(queued("late", 9, null)));
        store.insert(completed(queued("early", 1, null)));
        store.insert(completed(queued("middle", 5, null)));
        assertEquals(List.of("late", "middle"), all(store), "the earliest submitted goes, though inserted second");
    }

    @Test
    void anEvictedExperimentLeavesNoTraceInTheListing() {
        InMemoryExperimentStore store = storeRetaining(1);
        store.insert(completed(queued("a", 1, null)));
        store.insert(completed(queued("b", 2, null)));
        assertEquals(List.of("b"), all(store));
        assertEquals(List.of(), ids(store.list(ListQuery.all(10).withNameContaining("x"))));
        Experiment b = store.find("b").orElseThrow();
        assertEquals(b, store.list(ListQuery.all(10)).items().getFirst());
    }
}
