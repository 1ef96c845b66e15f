package dev.concurrency.playground.store;

import dev.concurrency.playground.config.ConfigDefaults;
import dev.concurrency.playground.config.IdempotencyConfig;
import dev.concurrency.playground.config.StoreConfig;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.IdempotencyKey;
import dev.concurrency.playground.store.Cursors.Position;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Keeps experiments in memory, indexed by id and in the listing's order, newest first by
 * {@code (submittedAt, id)}. Once more than {@code retained} are stored, the oldest finished ones are
 * forgotten, so a long-running instance does not grow without bound; queued and running experiments
 * are never evicted.
 *
 * <p>{@code Idempotency-Key} bindings are kept apart from the experiments, in the order they were
 * made, which is the order they expire in (one retention for all): expired ones are dropped from the
 * front whenever keys are touched, and beyond {@code maxKeys} the oldest are dropped early.
 *
 * <p>One lock guards the maps: every operation is a few pointer moves, far cheaper than the
 * contention it could see from HTTP clients.
 */
@ApplicationScoped
public class InMemoryExperimentStore implements ExperimentStore {

    private final int retained;
    private final Map<String, Experiment> byId = new HashMap<>();
    /** The same experiments in listing order, so a page after a cursor starts with a lookup, not a scan. */
    private final NavigableMap<Position, Experiment> newestFirst = new TreeMap<>(Position.NEWEST_FIRST);
    private final InstantSource clock;
    private final Duration keyRetention;
    private final int maxKeys;
    private final LinkedHashMap<IdempotencyKey, IdempotencyRecord> keys = new LinkedHashMap<>();

    @Inject
    public InMemoryExperimentStore(StoreConfig config, IdempotencyConfig idempotency) {
        this(config.retainedExperiments(), idempotency.retention(), idempotency.maxKeys(), InstantSource.system());
    }

    /** With the default key rules, for tests that are about experiments only. */
    public InMemoryExperimentStore(int retained) {
        this(retained, ConfigDefaults.of(IdempotencyConfig.class).retention(),
                ConfigDefaults.of(IdempotencyConfig.class).maxKeys(), InstantSource.system());
    }

    /** {@code clock} decides when keys expire; a test moves it instead of waiting hours. */
    public InMemoryExperimentStore(int retained, Duration keyRetention, int maxKeys, InstantSource clock) {
        if (keyRetention.isNegative() || maxKeys < 1) {
            throw new IllegalArgumentException("a key retention of at least 0 and room for at least one key, not "
                    + keyRetention + " and " + maxKeys);
        }
        this.retained = retained;
        this.keyRetention = keyRetention;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    @Override
    public synchronized void insert(Experiment experiment) {
        Experiment replaced = byId.put(experiment.id(), experiment);
        if (replaced != null) {
            newestFirst.remove(Position.of(replaced));
        }
        newestFirst.put(Position.of(experiment), experiment);
        evictFinished();
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
        byId.put(id, changed);
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
        newestFirst.remove(Position.of(removed));
        return true;
    }

    private void evictFinished() {
        Iterator<Experiment> oldestFirst = newestFirst.descendingMap().values().iterator();
        int excess = byId.size() - retained;
        while (excess > 0 && oldestFirst.hasNext()) {
            Experiment oldest = oldestFirst.next();
            if (oldest.status().isTerminal()) {
                oldestFirst.remove();
                byId.remove(oldest.id());
                excess--;
            }
        }
    }
}
