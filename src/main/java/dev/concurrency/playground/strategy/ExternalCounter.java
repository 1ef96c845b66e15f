package dev.concurrency.playground.strategy;

/**
 * A counter kept outside the JVM, in a database row or a key-value store, that every worker increments
 * through a connection of its own, as the clients of one row do in a real system.
 *
 * <p>The engine calls, in this order, none of it timed: {@link #open(Backends)} once before any worker
 * starts, which connects and resets the count to zero; {@link #threadStarting()} on each worker thread
 * before it reaches the start gate, which opens that worker's own connection; then the workers' batches,
 * each ending with {@link #threadFinished()}; and {@link #finish()} always, once every worker has ended,
 * also after a cancellation or a failure, which reads the final count (if the trial got that far) and
 * lets go of every connection. {@link #total()} then answers what {@code finish} read.
 *
 * <p>Increments that fail (a connection lost, a statement refused) are not retried by the engine: the
 * worker's batch throws and the trial fails with the backend's own message, because a count that silently
 * skipped failed increments would be a lie.
 */
public abstract class ExternalCounter extends SharedCounter {

    /** Round trips take tens of microseconds: a small batch keeps a stop request prompt. */
    protected static final int ROUND_TRIP_BATCH = 16;

    /** Connects for the trial and resets the count to zero; called once, before any worker starts. */
    public abstract void open(Backends backends) throws Exception;

    /**
     * Reads the final count and releases every connection; called once, after every worker has ended, also
     * when {@link #open} failed or was never called.
     *
     * @throws Exception if the final count could not be read
     */
    public abstract void finish() throws Exception;

    @Override
    public int batchSize() {
        return ROUND_TRIP_BATCH;
    }
}
