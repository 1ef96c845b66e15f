package dev.concurrency.playground.strategy;

import java.util.function.Supplier;

/**
 * Owned counters whose owner's chain of work must end in a named state (see {@link Work.Sink}), for tests outside
 * this package that run them through the engine: whether the owner did exactly the work inside it was meant to do
 * shows in the sink, with nothing counted in the owner's loop.
 */
public final class OwnerWorkTarget {

    private final Work.Sink owner;

    /** Expects the owner's chain, which starts at 0, to end in {@code expectedState}. */
    public OwnerWorkTarget(long expectedState) {
        this.owner = new Work.Sink(expectedState);
    }

    /** Counters of the owned strategy {@code counterClass} whose owners keep their work in this target's sink. */
    public Supplier<SharedCounter> counters(Class<? extends SharedCounter> counterClass) {
        if (counterClass == SingleWriterCounter.class) {
            return () -> new SingleWriterCounter(owner, new Work.Sink(), new Work.Sink());
        }
        if (counterClass == EventLoopCounter.class) {
            return () -> new EventLoopCounter(owner, new Work.Sink(), new Work.Sink());
        }
        throw new IllegalArgumentException("not an owned counter this target knows: " + counterClass);
    }

    /** Whether an owner's chain ended in the expected state. */
    public boolean reached() {
        return owner.kept == owner.target;
    }
}
