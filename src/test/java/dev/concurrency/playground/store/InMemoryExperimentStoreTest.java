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
}
