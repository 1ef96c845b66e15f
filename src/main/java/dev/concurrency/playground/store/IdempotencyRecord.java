package dev.concurrency.playground.store;

import dev.concurrency.playground.experiment.IdempotencyKey;
import java.time.Instant;
import java.util.Objects;

/**
 * An {@code Idempotency-Key} bound to the submission that first used it: what that request asked for
 * ({@link dev.concurrency.playground.experiment.ExperimentSpec#fingerprint()}), the experiment it
 * created, and until when the binding holds. Plain values only, so a database can keep it as one row.
 */
public record IdempotencyRecord(IdempotencyKey key, String fingerprint, String experimentId, Instant expiresAt) {

    public IdempotencyRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(experimentId, "experimentId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
