package dev.concurrency.playground.experiment;

/**
 * The system outside the JVM that a run's counter lived in, as it described itself when the run began.
 *
 * @param product what it is, e.g. {@code Redis}
 * @param version its version, as the server reports it
 * @param isolationLevel the transaction isolation the run's statements ran at, for a database; null otherwise
 */
public record BackendInfo(String product, String version, String isolationLevel) {
}
