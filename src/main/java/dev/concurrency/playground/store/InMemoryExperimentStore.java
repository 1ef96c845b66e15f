package dev.concurrency.playground.store;

import dev.concurrency.playground.config.StoreConfig;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Keeps experiments in memory, in submission order. Once more than {@code retained} are stored, the
 * oldest finished ones are forgotten, so a long-running instance does not grow without bound; queued
 * and running experiments are never evicted.
 *
 * <p>One lock guards the map: every operation is a few pointer moves, far cheaper than the contention
 * it could see from HTTP clients.
 */
@ApplicationScoped
public class InMemoryExperimentStore implements ExperimentStore {

    private final int retained;
    private final LinkedHashMap<String, Experiment> experiments = new LinkedHashMap<>();

    @Inject
    public InMemoryExperimentStore(StoreConfig config) {
        this(config.retainedExperiments());
    }

    public InMemoryExperimentStore(int retained) {
        this.retained = retained;
    }

    @Override
    public synchronized void insert(Experiment experiment) {
        experiments.put(experiment.id(), experiment);
        evictFinished();
    }

    @Override
    public synchronized Optional<Experiment> find(String id) {
        return Optional.ofNullable(experiments.get(id));
    }

    @Override
    public synchronized Optional<Experiment> update(String id, UnaryOperator<Experiment> change) {
        return Optional.ofNullable(experiments.computeIfPresent(id, (key, current) -> change.apply(current)));
    }

    @Override
    public synchronized List<Experiment> list(int limit, Set<ExperimentStatus> statuses) {
        List<Experiment> page = new ArrayList<>(Math.min(limit, experiments.size()));
        for (Experiment experiment : experiments.sequencedValues().reversed()) {
            if (page.size() == limit) {
                break;
            }
            if (statuses.isEmpty() || statuses.contains(experiment.status())) {
                page.add(experiment);
            }
        }
        return page;
    }

    @Override
    public synchronized boolean delete(String id) {
        return experiments.remove(id) != null;
    }

    private void evictFinished() {
        Iterator<Experiment> oldestFirst = experiments.values().iterator();
        int excess = experiments.size() - retained;
        while (excess > 0 && oldestFirst.hasNext()) {
            if (oldestFirst.next().status().isTerminal()) {
                oldestFirst.remove();
                excess--;
            }
        }
    }
}
