package dev.concurrency.playground.store;

/** The store's database cannot be reached (or failed): nothing was read or changed, try again later. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
