package dev.concurrency.playground.store;

import java.time.Duration;
import java.time.InstantSource;

/** The key rules, kept by the in-memory store. */
class InMemoryIdempotencyKeysTest extends IdempotencyKeysContract {

    @Override
    protected ExperimentStore emptyStore(Duration keyRetention, int maxKeys, InstantSource clock) {
        return new InMemoryExperimentStore(keyRetention, maxKeys, clock);
    }
}
