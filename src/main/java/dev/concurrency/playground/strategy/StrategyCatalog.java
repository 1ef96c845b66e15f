package dev.concurrency.playground.strategy;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every strategy the playground can run, in teaching order: the broken ones first, then locks from
 * the simplest to the most specialised, then lock-free atomics, then confinement; then the same race
 * outside the JVM, in a database row ({@link DatabaseCounter}) and in Redis, racy first each time. The two
 * that run only in child processes sit with their kind: the copy that is never shared among the broken ones,
 * the file lock among the locks.
 */
@ApplicationScoped
public class StrategyCatalog {

    private final List<Strategy> strategies = List.of(
            UnsynchronizedCounter.STRATEGY,
            VolatileCounter.STRATEGY,
            UnsharedCopyCounter.STRATEGY,
            SynchronizedCounter.STRATEGY,
            ReentrantLockCounter.STRATEGY,
            FairLockCounter.STRATEGY,
            ReadWriteLockCounter.STRATEGY,
            StampedLockCounter.STRATEGY,
            SemaphoreCounter.STRATEGY,
            ClassInitializerCounter.STRATEGY,
            FileLockCounter.STRATEGY,
            AtomicCounter.STRATEGY,
            CasLoopCounter.STRATEGY,
            LongAdderCounter.STRATEGY,
            ThreadLocalCounter.STRATEGY,
            AdjacentCountersCounter.STRATEGY,
            PaddedCountersCounter.STRATEGY,
            AdjacentAtomicsCounter.STRATEGY,
            PaddedAtomicsCounter.STRATEGY,
            SingleWriterCounter.STRATEGY,
            EventLoopCounter.STRATEGY,
            DatabaseReadThenWriteCounter.STRATEGY,
            DatabaseAtomicUpdateCounter.STRATEGY,
            DatabaseSelectForUpdateCounter.STRATEGY,
            DatabaseOptimisticCounter.STRATEGY,
            DatabaseSerializableCounter.STRATEGY,
            RedisGetSetCounter.STRATEGY,
            RedisIncrCounter.STRATEGY,
            RedisWatchMultiCounter.STRATEGY,
            RedisLuaCounter.STRATEGY);

    private final Map<String, Strategy> byId;

    public StrategyCatalog() {
        Map<String, Strategy> index = new LinkedHashMap<>();
        for (Strategy strategy : strategies) {
            if (index.put(strategy.id(), strategy) != null) {
                throw new IllegalStateException("Duplicate strategy id " + strategy.id());
            }
        }
        this.byId = Map.copyOf(index);
    }

    public List<Strategy> all() {
        return strategies;
    }

    public Optional<Strategy> find(String id) {
        return Optional.ofNullable(id).map(byId::get);
    }

    public List<String> ids() {
        return strategies.stream().map(Strategy::id).toList();
    }
}
