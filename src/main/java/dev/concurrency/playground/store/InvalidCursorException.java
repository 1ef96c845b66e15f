package dev.concurrency.playground.store;

/** A cursor that no store issued for the query it came with: garbled, cut short, or from other filters. */
public final class InvalidCursorException extends RuntimeException {

    public InvalidCursorException(String message) {
        super(message, null, false, false);
    }
}
