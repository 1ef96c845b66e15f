package dev.concurrency.playground.store;

import dev.concurrency.playground.config.ConfigDefaults;
import dev.concurrency.playground.config.IdempotencyConfig;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.IdempotencyKey;
import dev.concurrency.playground.experiment.Instance;
import dev.concurrency.playground.store.Cursors.Position;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Keeps experiments in memory, indexed by id and in the listing's order, newest first by
 * {@code (submittedAt, id)}: forgotten on restart and never shared by two processes, so it is for tests
 * and throw-away runs ({@code playground.store.kind=memory}). It keeps every rule a durable store keeps,
 * queue and fleet bookkeeping included, and the contract test holds it to them.
 *
 * <p>{@code Idempotency-Key} bindings are kept apart from the experiments, in the order they were
 * made, which is the order they expire in (one retention for all): expired ones are dropped from the
 * front whenever keys are touched, and beyond {@code maxKeys} the oldest are dropped early.
 *
 * <p>One lock guards the maps: every operation is a few pointer moves, far cheaper than the
 * contention it could see from HTTP clients.
 */
public class InMemoryExperimentStore implements ExperimentStore {

    private final Map<String, Experiment> byId = new HashMap<>();
    /** The same experiments in listing order, so a page after a cursor starts with a lookup, not a scan. */
    private final NavigableMap<Position, Experiment> newestFirst = new TreeMap<>(Position.NEWEST_FIRST);
    private final Map<String, Double> plannedSeconds = new HashMap<>();
    /** Every experiment's place in admission order (a durable store keeps a sequence number for it). */
    private final Map<String, Long> admissionOrder = new HashMap<>();
    private long admitted;
    /**
     * The queued experiments' ids by admission order, and the running experiments, kept with every change
     * ({@link #index}, {@link #unindex}), as the database stores keep a count and an index: an admission and a
     * claim used to scan every experiment ever kept, so that this store, the benchmark's baseline, slowed down as
     * its history grew (a third of a submission's time at a few thousand experiments).
     */
    private final NavigableMap<Long, String> queue = new TreeMap<>();
    private final Map<String, Experiment> running = new HashMap<>();
    private final Map<String, String> stopRequests = new HashMap<>();
    private final Map<String, Instant> heartbeats = new HashMap<>();
    private final Map<String, Lease> leases = new HashMap<>();
    private final InstantSource clock;
    private final Duration keyRetention;
    private final int maxKeys;
    private final LinkedHashMap<IdempotencyKey, IdempotencyRecord> keys = new LinkedHashMap<>();

    private record Lease(String holder, Instant until) {
    }

    public InMemoryExperimentStore(IdempotencyConfig idempotency) {
        this(idempotency.retention(), idempotency.maxKeys(), InstantSource.system());
    }

    /** With the default key rules, for tests that are about experiments only. */
    public InMemoryExperimentStore() {
        this(ConfigDefaults.of(IdempotencyConfig.class));
    }

    /** {@code clock} decides when keys expire; a test moves it instead of waiting hours. */
    public InMemoryExperimentStore(Duration keyRetention, int maxKeys, InstantSource clock) {
        if (keyRetention.isNegative() || maxKeys < 1) {
            throw new IllegalArgumentException("a key retention of at least 0 and room for at least one key, not "
                    + keyRetention + " and " + maxKeys);
        }
        this.keyRetention = keyRetention;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    @Override
    public synchronized void insert(Experiment experiment) {
        Experiment replaced = byId.put(experiment.id(), experiment);
        if (replaced != null) {
            unindex(replaced);
            newestFirst.remove(Position.of(replaced));
        }
        admissionOrder.put(experiment.id(), ++admitted);
        newestFirst.put(Position.of(experiment), experiment);
        index(experiment);
    }

    /** Enters {@code experiment}, as stored now, in the queue or among the running. */
    private void index(Experiment experiment) {
        switch (experiment.status()) {
            case QUEUED -> queue.put(admissionOrder.get(experiment.id()), experiment.id());
            case RUNNING -> running.put(experiment.id(), experiment);
            default -> { }
        }
    }

    /** Takes {@code experiment}, as stored until now, out of the queue or the running. */
    private void unindex(Experiment experiment) {
        switch (experiment.status()) {
            case QUEUED -> queue.remove(admissionOrder.get(experiment.id()));
            case RUNNING -> running.remove(experiment.id());
            default -> { }
        }
    }

    @Override
    public synchronized IdempotencyRecord insert(Experiment experiment, IdempotencyKey key, String fingerprint) {
        Instant now = clock.instant();
        dropExpiredKeys(now);
        IdempotencyRecord bound = keys.get(key);
        if (bound != null && bound.expiresAt().isAfter(now)) {
            throw new IllegalStateException("Idempotency-Key " + key.value() + " is already bound to experiment "
                    + bound.experimentId());
        }
        // Re-inserted at the back: a rebound key expires last.
        keys.remove(key);
        IdempotencyRecord binding = new IdempotencyRecord(key, fingerprint, experiment.id(), now.plus(keyRetention));
        keys.put(key, binding);
        Iterator<IdempotencyRecord> oldestFirst = keys.values().iterator();
        while (keys.size() > maxKeys) {
            oldestFirst.next();
            oldestFirst.remove();
        }
        insert(experiment);
        return binding;
    }

    @Override
    public synchronized Optional<IdempotencyRecord> findByIdempotencyKey(IdempotencyKey key) {
        Instant now = clock.instant();
        dropExpiredKeys(now);
        // Checked again: after the clock went back, an expired binding can sit behind a live one.
        return Optional.ofNullable(keys.get(key)).filter(binding -> binding.expiresAt().isAfter(now));
    }

    /**
     * Drops the bindings whose time is up. They expire in the order they were made, unless the clock
     * went back; then a later one may wait a little longer behind an earlier one, never less.
     */
    private void dropExpiredKeys(Instant now) {
        Iterator<IdempotencyRecord> oldestFirst = keys.values().iterator();
        while (oldestFirst.hasNext() && !oldestFirst.next().expiresAt().isAfter(now)) {
            oldestFirst.remove();
        }
    }

    @Override
    public synchronized Optional<Experiment> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<Experiment> update(String id, UnaryOperator<Experiment> change) {
        Experiment current = byId.get(id);
        if (current == null) {
            return Optional.empty();
        }
        Experiment changed = change.apply(current);
        if (changed == current) {
            return Optional.of(current);
        }
        if (changed.status() != ExperimentStatus.RUNNING) {
            stopRequests.remove(id);
        }
        unindex(current);
        byId.put(id, changed);
        index(changed);
        // Snapshots keep their submission time, but the index must not depend on every caller knowing that.
        newestFirst.remove(Position.of(current));
        newestFirst.put(Position.of(changed), changed);
        return Optional.of(changed);
    }

    @Override
    public synchronized Page list(ListQuery query) {
        Optional<Position> after = Cursors.decode(query);
        NavigableMap<Position, Experiment> rest = after.map(position -> newestFirst.tailMap(position, false))
                .orElse(newestFirst);
        List<Experiment> items = new ArrayList<>(Math.min(query.limit(), byId.size()));
        for (Experiment experiment : rest.values()) {
            if (!query.matches(experiment)) {
                continue;
            }
            if (items.size() == query.limit()) {
                // One more matches: there is a next page, and it starts after this page's last item.
                return new Page(items, items.isEmpty() ? Optional.empty()
                        : Optional.of(Cursors.encode(Position.of(items.getLast()), query)));
            }
            items.add(experiment);
        }
        return new Page(items, Optional.empty());
    }

    @Override
    public synchronized boolean delete(String id) {
        Experiment removed = byId.remove(id);
        if (removed == null) {
            return false;
        }
        unindex(removed);
        newestFirst.remove(Position.of(removed));
        plannedSeconds.remove(id);
        stopRequests.remove(id);
        admissionOrder.remove(id);
        return true;
    }

    @Override
    public synchronized Admission admit(Experiment queued, double planned, int capacity, IdempotencyKey key,
            String fingerprint) {
        if (key != null) {
            Optional<IdempotencyRecord> bound = findByIdempotencyKey(key);
            if (bound.isPresent()) {
                return new Admission.KeyTaken(bound.get());
            }
        }
        int waiting = queue.size();
        if (waiting >= capacity) {
            double ahead = 0;
            for (String id : queue.values()) {
                ahead += plannedSeconds.getOrDefault(id, 0.0);
            }
            for (Experiment experiment : running.values()) {
                // Only what it has left to do.
                ahead += Math.max(0, plannedSeconds.getOrDefault(experiment.id(), 0.0)
                        - Duration.between(experiment.startedAt(), clock.instant()).toNanos() / 1e9);
            }
            return new Admission.QueueFull(waiting, ahead);
        }
        plannedSeconds.put(queued.id(), planned);
        if (key == null) {
            insert(queued);
            return new Admission.Admitted(null);
        }
        return new Admission.Admitted(insert(queued, key, fingerprint));
    }

    @Override
    public synchronized Optional<Experiment> claimNext(UnaryOperator<Experiment> start) {
        return queue.isEmpty() ? Optional.empty() : update(queue.firstEntry().getValue(), start);
    }

    @Override
    public synchronized void requestStop(String id, String reason) {
        Experiment experiment = byId.get(id);
        if (experiment != null && experiment.status() == ExperimentStatus.RUNNING) {
            stopRequests.putIfAbsent(id, reason);
        }
    }

    @Override
    public synchronized Map<String, String> stopRequests(String instanceId) {
        Map<String, String> requests = new HashMap<>();
        stopRequests.forEach((id, reason) -> {
            Experiment experiment = byId.get(id);
            if (experiment != null && experiment.status() == ExperimentStatus.RUNNING
                    && instanceId.equals(Ownership.of(experiment))) {
                requests.put(id, reason);
            }
        });
        return requests;
    }

    @Override
    public synchronized void heartbeat(Instance instance, Instant now) {
        heartbeats.put(instance.id(), now);
    }

    @Override
    public synchronized void leave(Instance instance) {
        heartbeats.remove(instance.id());
    }

    @Override
    public synchronized int liveInstances(Instant since) {
        return (int) heartbeats.values().stream().filter(beat -> beat.isAfter(since)).count();
    }

    @Override
    public synchronized List<Experiment> endOrphans(Instant deadBefore, UnaryOperator<Experiment> end) {
        heartbeats.values().removeIf(beat -> beat.isBefore(deadBefore));
        List<Experiment> ended = new ArrayList<>();
        for (Experiment experiment : List.copyOf(running.values())) {
            if (!heartbeats.containsKey(Ownership.of(experiment))) {
                update(experiment.id(), end).ifPresent(ended::add);
            }
        }
        return ended;
    }

    @Override
    public synchronized boolean tryLease(String name, String holder, Instant now, Duration length) {
        Lease current = leases.get(name);
        if (current != null && !current.holder().equals(holder) && current.until().isAfter(now)) {
            return false;
        }
        leases.put(name, new Lease(holder, now.plus(length)));
        return true;
    }

    @Override
    public synchronized int deleteFinished(Instant finishedBefore, OptionalInt keep) {
        List<String> doomed = new ArrayList<>();
        int finished = 0;
        for (Experiment experiment : newestFirst.values()) {
            if (!experiment.status().isTerminal()) {
                continue;
            }
            finished++;
            if (experiment.finishedAt().isBefore(finishedBefore) || keep.isPresent() && finished > keep.getAsInt()) {
                doomed.add(experiment.id());
            }
        }
        doomed.forEach(this::delete);
        return doomed.size();
    }

    @Override
    public synchronized int countQueued() {
        return queue.size();
    }

    @Override
    public boolean isDurable() {
        return false;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public boolean isShared() {
        return false;
    }
}
