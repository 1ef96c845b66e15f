package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.IdempotencyKey;
import dev.concurrency.playground.store.ExperimentStore;
import dev.concurrency.playground.store.IdempotencyRecord;
import dev.concurrency.playground.store.InMemoryExperimentStore;
import dev.concurrency.playground.store.ListQuery;
import dev.concurrency.playground.store.Page;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The in-memory store, with a hook run once on the next lookup of a given id. The runner looks
 * experiments up while it holds its admission lock, so a hook there stops that caller inside the lock
 * for as long as a test needs: the one way to hold the runner at an exact point of its hand-over.
 */
final class HookedStore implements ExperimentStore {

    private final InMemoryExperimentStore delegate = new InMemoryExperimentStore(Integer.MAX_VALUE);
    private final Map<String, Runnable> onFind = new ConcurrentHashMap<>();

    void onNextFind(String id, Runnable hook) {
        onFind.put(id, hook);
    }

    @Override
    public Optional<Experiment> find(String id) {
        Runnable hook = onFind.remove(id);
        if (hook != null) {
            hook.run();
        }
        return delegate.find(id);
    }

    @Override
    public void insert(Experiment experiment) {
        delegate.insert(experiment);
    }

    @Override
    public IdempotencyRecord insert(Experiment experiment, IdempotencyKey key, String fingerprint) {
        return delegate.insert(experiment, key, fingerprint);
    }

    @Override
    public Optional<IdempotencyRecord> findByIdempotencyKey(IdempotencyKey key) {
        return delegate.findByIdempotencyKey(key);
    }

    @Override
    public Optional<Experiment> update(String id, UnaryOperator<Experiment> change) {
        return delegate.update(id, change);
    }

    @Override
    public boolean delete(String id) {
        return delegate.delete(id);
    }

    @Override
    public Page list(ListQuery query) {
        return delegate.list(query);
    }
}
