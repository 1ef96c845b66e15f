package dev.concurrency.playground.experiment;

/** Instances for tests: fixed identities, so figures that include them are reproducible. */
public final class TestInstance {

    public static final Instance ONE = new Instance("0000aaaa", "test-host");

    private TestInstance() {
    }
}
