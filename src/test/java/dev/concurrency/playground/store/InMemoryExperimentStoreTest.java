package dev.concurrency.playground.store;

/** The store contract, kept by the in-memory store. */
class InMemoryExperimentStoreTest extends ExperimentStoreContract {

    @Override
    protected ExperimentStore emptyStore() {
        return new InMemoryExperimentStore();
    }
}
