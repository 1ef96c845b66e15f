package dev.concurrency.playground.store;

import dev.concurrency.playground.config.StoreConfig;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.store.Cursors.Position;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
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
 * <p>One lock guards both maps: every operation is a few pointer moves, far cheaper than the
 * contention it could see from HTTP clients.
 */
@ApplicationScoped
public class InMemoryExperimentStore implements ExperimentStore {

    private final int retained;
    private final Map<String, Experiment> byId = new HashMap<>();
    /** The same experiments in listing order, so a page after a cursor starts with a lookup, not a scan. */
    private final NavigableMap<Position, Experiment> newestFirst = new TreeMap<>(Position.NEWEST_FIRST);

    @Inject
    public InMemoryExperimentStore(StoreConfig config) {
        this(config.retainedExperiments());
    }

    public InMemoryExperimentStore(int retained) {
        this.retained = retained;
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
