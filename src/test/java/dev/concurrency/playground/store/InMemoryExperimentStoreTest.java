package dev.concurrency.playground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The store contract, kept by the in-memory store. */
class InMemoryExperimentStoreTest extends ExperimentStoreContract {

    @Override
    protected ExperimentStore emptyStore(InstantSource clock) {
        return new InMemoryExperimentStore(KEY_RETENTION, MAX_KEYS, clock);
    }

    @Test
    void saysWhatItIs() {
        assertEquals(false, store.isDurable(), "durable");
        assertEquals(false, store.isShared(), "shared");
        assertTrue(store.isAvailable());
    }

    /** Only this store lets an id be inserted again (a database refuses the duplicate): the new one replaces the old. */
    @Test
    void anExperimentInsertedAgainReplacesTheOldOneInTheQueue() {
        store.insert(queued("a", 1, null));
        store.insert(queued("b", 2, null));
        store.insert(queued("a", 3, "again"));
        assertEquals(2, store.countQueued());
        assertEquals("b", store.claimNext(startOn("i1")).orElseThrow().id());
        assertEquals(T0.plusSeconds(3), store.claimNext(startOn("i1")).orElseThrow().submittedAt());
        assertTrue(store.claimNext(startOn("i1")).isEmpty());
    }
}
