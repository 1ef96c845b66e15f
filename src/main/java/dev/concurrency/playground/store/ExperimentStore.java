package dev.concurrency.playground.store;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.IdempotencyKey;
import dev.concurrency.playground.experiment.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * Where experiments are kept, and the queue they wait in: a fleet of instances sharing one store shares
 * its queue, and each of its experiments is claimed by exactly one of them. Every operation is atomic
 * on its own; {@code ExperimentStoreContract} pins down what every implementation does.
 *
 * <p>Durable stores throw {@link StoreUnavailableException} when the database cannot be reached.
 */
public interface ExperimentStore {

    /** Adds a new experiment, whatever the queue holds; for tests and tools. */
    void insert(Experiment experiment);

    /**
     * Adds a new experiment and binds {@code key} to it and to {@code fingerprint}, in one step: no
     * other submission can take the key in between. The binding is kept at least as long as the
     * configured retention, unless more keys than the configured maximum are bound, in which case the
     * oldest go first; it outlives the experiment, so a retry of a deleted one is not run again.
     *
     * @return the binding, with when it expires
     * @throws IllegalStateException if {@code key} is already bound
     */
    IdempotencyRecord insert(Experiment experiment, IdempotencyKey key, String fingerprint);

    /**
     * Queues a new experiment unless {@code capacity} experiments are queued already (in the whole
     * fleet), binding {@code key} (if not null) as {@link #insert(Experiment, IdempotencyKey, String)}
     * does; the count, the key check and the insert are one step for every instance sharing the store.
     *
     * @param plannedSeconds how long the experiment is expected to run, for other submitters' Retry-After
     */
    Admission admit(Experiment queued, double plannedSeconds, int capacity, IdempotencyKey key, String fingerprint);

    /** What {@link #admit} did. */
    sealed interface Admission {
        /** Queued; {@code binding} is null without a key. */
        record Admitted(IdempotencyRecord binding) implements Admission {
        }

        /**
         * Refused, nothing stored: the queue is full.
         *
         * @param queued experiments waiting in the whole fleet
         * @param plannedSeconds the planned seconds of those and of the running ones still to go
         */
        record QueueFull(int queued, double plannedSeconds) implements Admission {
        }

        /** Refused, nothing stored: another submission bound the key first. */
        record KeyTaken(IdempotencyRecord binding) implements Admission {
        }
    }

    /** The binding of {@code key}, unless there is none or it has expired. */
    Optional<IdempotencyRecord> findByIdempotencyKey(IdempotencyKey key);

    Optional<Experiment> find(String id);

    /**
     * Replaces an experiment with {@code change} applied to its current snapshot, atomically with
     * respect to other updates of the same experiment, on any instance. A change that returns its
     * argument itself writes nothing.
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

    /**
     * Takes the queued experiment admitted first (the queue runs in admission order) for {@code start}, which must
     * make it RUNNING with an environment naming the instance that runs it. Two instances (or two
     * runner threads) never take the same experiment.
     *
     * @return the started experiment, or empty when nothing is queued
     */
    Optional<Experiment> claimNext(UnaryOperator<Experiment> start);

    /**
     * Asks whoever runs experiment {@code id} to stop it, with {@code reason}; its instance sees the
     * request in {@link #stopRequests} and stops it. No effect on an experiment not running.
     */
    void requestStop(String id, String reason);

    /** The experiments running on {@code instanceId} that were asked to stop, with the reasons given. */
    Map<String, String> stopRequests(String instanceId);

    /** Records that {@code instance} is alive at {@code now}. */
    void heartbeat(Instance instance, Instant now);

    /** {@code instance} stops: its heartbeat is removed, so nobody waits for it to time out. */
    void leave(Instance instance);

    /** Instances whose last heartbeat is after {@code since}. */
    int liveInstances(Instant since);

    /**
     * Ends the experiments left RUNNING by instances that stopped heartbeating before {@code deadBefore}
     * (or never did), with {@code end}, and forgets those instances.
     *
     * @return the ended experiments
     */
    List<Experiment> endOrphans(Instant deadBefore, UnaryOperator<Experiment> end);

    /**
     * Makes {@code holder} the only holder of the lease {@code name} until {@code now + length}, if
     * nobody else holds it at {@code now}: for a job that one instance of the fleet at a time does.
     */
    boolean tryLease(String name, String holder, Instant now, Duration length);

    /**
     * Deletes finished experiments that finished before {@code finishedBefore}, and beyond the newest
     * {@code keep} finished ones (by submission) if given. Queued and running ones are never deleted.
     *
     * @return how many were deleted
     */
    int deleteFinished(Instant finishedBefore, OptionalInt keep);

    /** Experiments waiting in the queue (of the whole fleet). */
    int countQueued();

    /** Whether the store answers now; for readiness. */
    boolean isAvailable();

    /** Whether other processes may share this store (and its queue). */
    boolean isShared();

    /** Whether what it keeps survives a restart of the process. */
    boolean isDurable();
}
