package dev.concurrency.playground.experiment;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Hands an experiment's events to whoever follows it. Listeners are called on the runner's thread,
 * so they must only hand the event on (to an SSE stream, say), never block.
 */
@ApplicationScoped
public class ExperimentEvents {

    private static final Logger LOG = Logger.getLogger(ExperimentEvents.class);

    private final Map<String, List<Consumer<ExperimentEvent>>> listeners = new ConcurrentHashMap<>();

    /** Follows an experiment until the returned handle is closed. */
    public AutoCloseable subscribe(String id, Consumer<ExperimentEvent> listener) {
        listeners.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.computeIfPresent(id, (key, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    void publish(String id, String name, Object data) {
        List<Consumer<ExperimentEvent>> followers = listeners.get(id);
        if (followers == null) {
            return;
        }
        ExperimentEvent event = new ExperimentEvent(name, data);
        for (Consumer<ExperimentEvent> follower : followers) {
            try {
                follower.accept(event);
            } catch (RuntimeException e) {
                // A broken follower must not stop the experiment or the other followers.
                LOG.debugf(e, "Dropping a follower of experiment %s", id);
            }
        }
    }

    /** After the final event: nobody will hear anything more about this experiment. */
    void forget(String id) {
        listeners.remove(id);
    }

    int followers(String id) {
        List<Consumer<ExperimentEvent>> followers = listeners.get(id);
        return followers == null ? 0 : followers.size();
    }
}
