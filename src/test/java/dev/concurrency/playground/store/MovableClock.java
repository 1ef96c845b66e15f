package dev.concurrency.playground.store;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that moves only when a test tells it to; safe to read from any thread. */
final class MovableClock implements InstantSource {

    private volatile Instant now;

    MovableClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    void set(Instant to) {
        now = to;
    }
}
