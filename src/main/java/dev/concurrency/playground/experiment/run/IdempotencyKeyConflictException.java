package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.store.IdempotencyRecord;

/**
 * A submission whose {@code Idempotency-Key} is bound to something it cannot be answered with; nothing
 * was stored or queued.
 */
public final class IdempotencyKeyConflictException extends RuntimeException {

    /** Why the key could not be honoured. */
    public enum Reason {
        /** The key was first used for a different request. */
        REUSED,
        /** The key's experiment has been deleted or evicted; running it again would make a second one. */
        EXPERIMENT_GONE
    }

    private final Reason reason;
    private final IdempotencyRecord binding;

    IdempotencyKeyConflictException(Reason reason, IdempotencyRecord binding) {
        super(reason + " " + binding.key().value(), null, false, false);
        this.reason = reason;
        this.binding = binding;
    }

    public Reason reason() {
        return reason;
    }

    /** The key's binding: whose experiment, and when the key can be used again. */
    public IdempotencyRecord binding() {
        return binding;
    }
}
