package dev.concurrency.playground.experiment.event;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.RunResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Hands an experiment's events to whoever follows it, numbered so that a follower who reconnects can
 * resume where it left off. Listeners are called on the runner's thread, so they must only hand the
 * event on (to an SSE stream, say), never block.
 *
 * <p>Each experiment has a log: the next event number, the most recent events (for resuming), and
 * its listeners. A change to the stored experiment and the event that announces it happen under the
 * log's lock, and so does a new follower's snapshot: a follower therefore sees every change exactly
 * once, either in its snapshot or as an event after it, never both and never neither.
 *
 * <p>An experiment that another instance of the fleet runs has no local runner to announce its changes:
 * {@link #catchUp} turns the difference between the snapshot followers last saw and the stored one into
 * the same events ({@code run}, {@code status}, {@code end}; trials are announced only where they run).
 */
@ApplicationScoped
public class ExperimentEvents {

    private static final Logger LOG = Logger.getLogger(ExperimentEvents.class);

    /** Events kept for followers that reconnect; one who missed more starts again from a snapshot. */
    static final int REPLAYABLE = 1000;

    private final Map<String, Log> logs = new ConcurrentHashMap<>();

    /**
     * Follows an experiment from now on.
     *
     * @param snapshot reads the experiment as it stands; called with the log locked, so no change can
     *     slip between it and the first event delivered
     * @param after the number of the last event the follower saw, to resume after it; null to start afresh
     * @return the follower's start, or empty (and nothing subscribed) if {@code snapshot} found nothing
     */
    public Optional<Following> subscribe(String id, Consumer<ExperimentEvent> listener,
            Supplier<Optional<Experiment>> snapshot, Long after) {
        Log log = logs.computeIfAbsent(id, key -> new Log());
        synchronized (log) {
            Optional<Experiment> current = snapshot.get();
            if (current.isEmpty()) {
                if (log.listeners.isEmpty() && log.recent.isEmpty()) {
                    logs.remove(id, log);
                }
                return Optional.empty();
            }
            List<ExperimentEvent> missed = after == null ? null : log.since(after);
            if (current.get().status().isTerminal()) {
                // Nothing more will happen: the follower needs no listener, and a finished experiment no log.
                if (log.listeners.isEmpty() && log.recent.isEmpty()) {
                    logs.remove(id, log);
                }
                return Optional.of(new Following(current.get(), log.next - 1, missed, () -> { }));
            }
            log.listeners.add(listener);
            log.lastSeen = current.get();
            AutoCloseable unsubscribe = () -> {
                synchronized (log) {
                    log.listeners.remove(listener);
                }
            };
            return Optional.of(new Following(current.get(), log.next - 1, missed, unsubscribe));
        }
    }

    /**
     * How a follower starts.
     *
     * @param snapshot the experiment as it stood when the follower subscribed
     * @param lastEvent the number of the last event the snapshot includes (0 before the first)
     * @param missed when resuming: the events after the one the follower saw, to send before the live
     *     ones; null when they are no longer all kept, and the follower must start from the snapshot
     * @param subscription closes to stop following
     */
    public record Following(Experiment snapshot, long lastEvent, List<ExperimentEvent> missed,
            AutoCloseable subscription) {
    }

    /** Announces something that changed nothing stored. */
    public void publish(String id, String name, Object data) {
        record(id, name, () -> Optional.of(data), Function.identity());
    }

    /**
     * Applies a change to the store and announces it, as one step for followers: {@code change} stores
     * the change and returns what was stored (empty if nothing was, and then nothing is announced), and
     * {@code data} turns that into the event's payload.
     *
     * @return what {@code change} stored
     */
    public <T> Optional<T> record(String id, String name, Supplier<Optional<T>> change, Function<? super T, ?> data) {
        Log log = logs.computeIfAbsent(id, key -> new Log());
        synchronized (log) {
            Optional<T> stored = change.get();
            if (stored.isPresent() && stored.get() instanceof Experiment experiment) {
                log.lastSeen = experiment;
            }
            if (stored.isPresent()) {
                announce(log, id, new ExperimentEvent(log.next++, name, data.apply(stored.get())));
            }
            return stored;
        }
    }

    /**
     * Applies the change that ends an experiment and announces it: {@code lastRun}, which the same change stored,
     * as a run, then the end, with what was stored as its payload. Nothing is announced if nothing was stored.
     *
     * @return what {@code change} stored
     */
    public Optional<Experiment> recordEnd(String id, Optional<RunResult> lastRun, Supplier<Optional<Experiment>> change) {
        Log log = logs.computeIfAbsent(id, key -> new Log());
        synchronized (log) {
            Optional<Experiment> stored = change.get();
            stored.ifPresent(ended -> {
                log.lastSeen = ended;
                lastRun.ifPresent(run -> announce(log, id,
                        new ExperimentEvent(log.next++, ExperimentEvent.RUN, ExperimentEvent.RunEvent.of(run))));
                announce(log, id, new ExperimentEvent(log.next++, ExperimentEvent.END, ended));
            });
            return stored;
        }
    }

    /** Keeps the event for followers that reconnect and hands it to the current ones; under the log's lock. */
    private static void announce(Log log, String id, ExperimentEvent event) {
        log.recent.addLast(event);
        if (log.recent.size() > REPLAYABLE) {
            log.recent.removeFirst();
        }
        for (Consumer<ExperimentEvent> follower : List.copyOf(log.listeners)) {
            try {
                follower.accept(event);
            } catch (RuntimeException e) {
                // A broken follower must not stop the experiment or the other followers.
                LOG.debugf(e, "Dropping a follower of experiment %s", id);
                log.listeners.remove(follower);
            }
        }
    }

    /**
     * Announces what changed between the snapshot followers last saw of {@code id} and {@code current},
     * as read from the store: each new run, then the new status ({@code end} if it is terminal). For
     * experiments that another instance runs; called by a poll, so a change is late at worst, never lost.
     */
    public void catchUp(String id, Experiment current) {
        Log log = logs.get(id);
        if (log == null) {
            return;
        }
        synchronized (log) {
            Experiment seen = log.lastSeen;
            log.lastSeen = current;
            if (seen == null || log.listeners.isEmpty()) {
                return;
            }
            boolean sameLife = seen.status() != ExperimentStatus.QUEUED || current.status() == ExperimentStatus.QUEUED;
            int known = sameLife ? Math.min(seen.runs().size(), current.runs().size()) : 0;
            for (RunResult run : current.runs().subList(known, current.runs().size())) {
                announce(log, id, new ExperimentEvent(log.next++, ExperimentEvent.RUN, ExperimentEvent.RunEvent.of(run)));
            }
            if (current.status().isTerminal()) {
                announce(log, id, new ExperimentEvent(log.next++, ExperimentEvent.END, current));
            } else if (current.status() != seen.status()) {
                announce(log, id, new ExperimentEvent(log.next++, ExperimentEvent.STATUS,
                        ExperimentEvent.StatusEvent.of(current)));
            }
        }
    }

    /** The experiments that have followers on this instance. */
    public Set<String> followed() {
        Set<String> ids = new HashSet<>();
        logs.forEach((id, log) -> {
            synchronized (log) {
                if (!log.listeners.isEmpty()) {
                    ids.add(id);
                }
            }
        });
        return ids;
    }

    /** After the final event: nobody will hear anything more about this experiment. */
    public void forget(String id) {
        logs.remove(id);
    }

    public int followers(String id) {
        Log log = logs.get(id);
        if (log == null) {
            return 0;
        }
        synchronized (log) {
            return log.listeners.size();
        }
    }

    /** One experiment's numbered events; guarded by its own monitor. */
    private static final class Log {
        long next = 1;
        /** What the followers know of the experiment: the last snapshot stored or announced. */
        Experiment lastSeen;
        final Deque<ExperimentEvent> recent = new ArrayDeque<>();
        final List<Consumer<ExperimentEvent>> listeners = new ArrayList<>();

        /** The events after {@code seen}, or null if some of them are no longer kept (or never were). */
        List<ExperimentEvent> since(long seen) {
            if (seen < 0 || seen >= next) {
                return null; // from another experiment, an earlier life of the service, or made up
            }
            if (seen + 1 < next && (recent.isEmpty() || recent.peekFirst().id() > seen + 1)) {
                return null;
            }
            return recent.stream().filter(event -> event.id() > seen).toList();
        }
    }
}
