package dev.concurrency.playground.store;

import dev.concurrency.playground.experiment.Experiment;
import java.util.Optional;
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

    /**
     * A page of experiments, newest first, as {@link ListQuery} describes.
     *
     * @throws InvalidCursorException if the query's cursor is not one issued for its filters
     */
    Page list(ListQuery query);
}
