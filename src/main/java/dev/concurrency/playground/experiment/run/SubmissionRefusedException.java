package dev.concurrency.playground.experiment.run;

/** A valid submission that the service cannot take now; nothing was stored or queued. */
public final class SubmissionRefusedException extends RuntimeException {

    /** Why the submission was refused. */
    public enum Reason {
        /** The queue is at capacity; retry later. */
        QUEUE_FULL,
        /** The service is stopping and takes no new work. */
        SHUTTING_DOWN
    }

    private final Reason reason;
    private final long retryAfterSeconds;

    SubmissionRefusedException(Reason reason, long retryAfterSeconds, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Reason reason() {
        return reason;
    }

    /** A rough estimate of when the work ahead will be done. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
