package dev.concurrency.playground.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Leader and followers: callers that arrive while another is doing the same kind of work leave theirs in a queue,
 * and whoever has the turn next does every work waiting as one group. The store uses it where a group costs about
 * what one work costs: one commit of the embedded file for several writes ({@link GroupCommit}), one round trip and
 * one hold of the fleet's queue lock for several admissions ({@link JdbcExperimentStore}).
 * <p>
 * A caller returns once the group holding its work is done, so it never learns of an outcome before it happened.
 * A group is formed of the oldest works waiting, in the order their callers arrived.
 *
 * @param <W> a caller's work, which the group's function completes
 */
final class Combiner<W extends Combiner.Waiting> {

    /** One caller's work; its state is read and written only while its group's turn is held. */
    abstract static class Waiting {
        private boolean done;

        /** The group's function failed unexpectedly: this work fails with it, unless it already has an outcome. */
        abstract void failIfNot(Throwable groupFailure);
    }

    private final int maxGroup;
    private final Consumer<List<W>> doGroup;
    private final ReentrantLock turn = new ReentrantLock();
    private final Queue<W> pending = new ConcurrentLinkedQueue<>();

    /**
     * @param maxGroup at most this many works share a group, so that a group's latency stays that of a few works:
     *                 a caller waits for the whole group, not only for its own work
     * @param doGroup  does a group's works and records each one's outcome in it; if it throws, every work of the
     *                 group without an outcome fails with what it threw
     */
    Combiner(int maxGroup, Consumer<List<W>> doGroup) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("a group of at least one work, not " + maxGroup);
        }
        this.maxGroup = maxGroup;
        this.doGroup = doGroup;
    }

    /** Returns once {@code mine} was done, in a group that this thread or another led. */
    void await(W mine) {
        pending.add(mine);
        turn.lock();
        try {
            // The turn's holder before us may have done our work already; otherwise we lead the next group,
            // which holds ours unless more than maxGroup were waiting ahead of it.
            while (!((Waiting) mine).done) {
                List<W> group = new ArrayList<>();
                for (W next; group.size() < maxGroup && (next = pending.poll()) != null; ) {
                    group.add(next);
                }
                try {
                    doGroup.accept(group);
                } catch (RuntimeException | Error e) {
                    group.forEach(each -> each.failIfNot(e));
                } finally {
                    group.forEach(each -> ((Waiting) each).done = true);
                }
            }
        } finally {
            turn.unlock();
        }
    }
}
