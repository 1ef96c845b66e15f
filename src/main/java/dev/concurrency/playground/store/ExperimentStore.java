package dev.concurrency.playground.store;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where experiments are kept. The in-memory implementation is enough for a single instance; a
 * durable one can replace it without the rest of the service noticing.
 */
public interface ExperimentStore {

    /** Adds a new experiment. */
    void insert(Experiment experiment);

    Optional<Experiment> find(String id);

    /**
     * Replaces an experiment with {@code change} applied to its current snapshot, atomically with
     * respect to other updates of the same experiment.
     *
     * @return the new snapshot, or empty if the experiment is not (or no longer) stored
     */
    Optional<Experiment> update(String id, UnaryOperator<Experiment> change);

    /** Forgets an experiment; false if it was not stored. */
    boolean delete(String id);

    /** Newest first; only those with one of {@code statuses}, or all when it is empty. */
    List<Experiment> list(int limit, Set<ExperimentStatus> statuses);
}
