package dev.concurrency.playground.store;

import dev.concurrency.playground.config.ConfigDefaults;
import dev.concurrency.playground.config.IdempotencyConfig;
import dev.concurrency.playground.config.StoreConfig;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.IdempotencyKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
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
 * <p>{@code Idempotency-Key} bindings are kept apart from the experiments, in the order they were
 * made, which is the order they expire in (one retention for all): expired ones are dropped from the
 * front whenever keys are touched, and beyond {@code maxKeys} the oldest are dropped early.
 *
 * <p>One lock guards both maps: every operation is a few pointer moves, far cheaper than the contention
 * it could see from HTTP clients.
 */
@ApplicationScoped
public class InMemoryExperimentStore implements ExperimentStore {

    private final int retained;
    private final LinkedHashMap<String, Experiment> experiments = new LinkedHashMap<>();
    private final InstantSource clock;
    private final Duration keyRetention;
    private final int maxKeys;
    private final LinkedHashMap<IdempotencyKey, IdempotencyRecord> keys = new LinkedHashMap<>();

    @Inject
    public InMemoryExperimentStore(StoreConfig config, IdempotencyConfig idempotency) {
        this(config.retainedExperiments(), idempotency.retention(), idempotency.maxKeys(), InstantSource.system());
    }

    /** With the default key rules, for tests that are about experiments only. */
    public InMemoryExperimentStore(StoreConfig config) {
        this(config.retainedExperiments());
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
        experiments.put(experiment.id(), experiment);
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
