package dev.concurrency.playground.store;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.IdempotencyKey;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where experiments are kept. The in-memory implementation is enough for a single instance; a
 * durable one can replace it without the rest of the service noticing.
 */
public interface ExperimentStore {

    /** Adds a new experiment. */
    void insert(Experiment experiment);

    /**
     * Adds a new experiment and binds {@code key} to it and to {@code fingerprint}, in one step: no
     * other submission can take the key in between. The binding is kept at least as long as the
     * configured retention, unless more keys than the configured maximum are bound, in which case the
     * oldest go first; it outlives the experiment, so a retry of a deleted one is not run again.
     *
     * @return the binding, with when it expires
     * @throws IllegalStateException if {@code key} is already bound (a durable store's unique key does the same)
     */
    IdempotencyRecord insert(Experiment experiment, IdempotencyKey key, String fingerprint);

    /** The binding of {@code key}, unless there is none or it has expired. */
    Optional<IdempotencyRecord> findByIdempotencyKey(IdempotencyKey key);

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
