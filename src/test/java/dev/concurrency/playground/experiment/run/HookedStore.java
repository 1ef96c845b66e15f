package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.store.InMemoryExperimentStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory store, with a hook run once on the next lookup of a given id: the one way to hold a
 * caller of the runner at an exact point, for as long as a test needs.
 */
final class HookedStore extends InMemoryExperimentStore {

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
        return super.find(id);
    }
}
