package dev.concurrency.playground.engine;

/** A worker failed (for example the JVM could not create a thread); the trial measured nothing. */
public final class TrialFailedException extends RuntimeException {

    public TrialFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
