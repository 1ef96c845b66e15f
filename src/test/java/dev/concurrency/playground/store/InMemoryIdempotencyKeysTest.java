package dev.concurrency.playground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.IdempotencyKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How the in-memory store keeps {@code Idempotency-Key} bindings: bound with the experiment in one step,
 * kept for the retention on a clock the test moves, bounded in number, and outliving their experiment.
 */
class InMemoryIdempotencyKeysTest {

    private static final ExperimentSpec SPEC = new ExperimentSpec(null, List.of("atomic"), List.of(2),
            ThreadType.PLATFORM, null, 10L, 1, 0);
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final Instant START = Instant.parse("2026-12-03T09:00:00Z");

    /** A clock that moves only when told to. */
    private static final class MovableClock implements InstantSource {
        private Instant now = START;

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    private final MovableClock clock = new MovableClock();

    private InMemoryExperimentStore store(int maxKeys) {
        return new InMemoryExperimentStore(RETENTION, maxKeys, clock);
    }

    private static Experiment experiment(String id) {
        return Experiment.queued(id, SPEC, START);
    }

    private static IdempotencyKey key(String value) {
        return new IdempotencyKey(value);
    }

    @Test
    void aKeyIsBoundToItsExperimentAndFingerprintUntilTheRetentionIsOver() {
        InMemoryExperimentStore store = store(10);
        IdempotencyRecord bound = store.insert(experiment("e1"), key("k"), "fp");

        assertEquals(new IdempotencyRecord(key("k"), "fp", "e1", START.plus(RETENTION)), bound);
        assertEquals("e1", store.find("e1").orElseThrow().id(), "the experiment is stored with its key");
        assertEquals(Optional.of(bound), store.findByIdempotencyKey(key("k")));
        assertEquals(Optional.empty(), store.findByIdempotencyKey(key("K")), "keys are compared exactly");

        clock.advance(RETENTION.minusNanos(1));
        assertEquals(Optional.of(bound), store.findByIdempotencyKey(key("k")), "kept for the whole retention");
        clock.advance(Duration.ofNanos(1));
        assertEquals(Optional.empty(), store.findByIdempotencyKey(key("k")), "released once it is over");
    }

    @Test
    void aBoundKeyCannotBeBoundAgainAndTheRefusedExperimentIsNotStored() {
        InMemoryExperimentStore store = store(10);
        store.insert(experiment("e1"), key("k"), "fp");

        assertThrows(IllegalStateException.class, () -> store.insert(experiment("e2"), key("k"), "fp"));
        assertEquals(Optional.empty(), store.find("e2"));
        assertEquals("e1", store.findByIdempotencyKey(key("k")).orElseThrow().experimentId());
    }

    @Test
    void anExpiredKeyCanBeBoundAfreshAndThenExpiresAfterTheNewRetention() {
        InMemoryExperimentStore store = store(10);
        store.insert(experiment("e1"), key("k"), "fp1");
        store.insert(experiment("e2"), key("other"), "fp");
        clock.advance(RETENTION);

        IdempotencyRecord rebound = store.insert(experiment("e3"), key("k"), "fp2");
        assertEquals(START.plus(RETENTION).plus(RETENTION), rebound.expiresAt());
        assertEquals(Optional.of(rebound), store.findByIdempotencyKey(key("k")));
        assertEquals(Optional.empty(), store.findByIdempotencyKey(key("other")));
    }

    @Test
    void theBindingOutlivesItsExperiment() {
        InMemoryExperimentStore store = store(10);
        store.insert(experiment("e1"), key("k"), "fp");
        store.update("e1", e -> e.finished(ExperimentStatus.CANCELLED, START, "cancelled by request"));

        assertTrue(store.delete("e1"));
        assertEquals("e1", store.findByIdempotencyKey(key("k")).orElseThrow().experimentId(),
                "a retry must learn that its experiment is gone, not start a second one");
    }

    @Test
    void beyondTheMostKeysTheOldestAreForgottenFirst() {
        InMemoryExperimentStore store = store(3);
        for (int i = 1; i <= 5; i++) {
            store.insert(experiment("e" + i), key("k" + i), "fp");
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(Optional.empty(), store.findByIdempotencyKey(key("k1")));
        assertEquals(Optional.empty(), store.findByIdempotencyKey(key("k2")));
        for (int i = 3; i <= 5; i++) {
            assertEquals("e" + i, store.findByIdempotencyKey(key("k" + i)).orElseThrow().experimentId());
        }
        assertTrue(store.find("e1").isPresent(), "forgetting a key forgets no experiment");
    }

    @Test
    void aClockThatWentBackNeverKeepsAKeyPastItsOwnExpiry() {
        InMemoryExperimentStore store = store(10);
        clock.advance(Duration.ofHours(1));
        store.insert(experiment("e1"), key("early"), "fp");
        clock.advance(Duration.ofHours(-1)); // e.g. NTP stepped the clock back
        store.insert(experiment("e2"), key("late"), "fp");

        clock.advance(RETENTION);
        assertEquals(Optional.empty(), store.findByIdempotencyKey(key("late")),
                "expired, though it sits behind a binding that has not");
        assertEquals("e1", store.findByIdempotencyKey(key("early")).orElseThrow().experimentId());
        store.insert(experiment("e3"), key("late"), "fp2");
        assertEquals("e3", store.findByIdempotencyKey(key("late")).orElseThrow().experimentId());
    }

    @Test
    void aZeroRetentionKeepsNothingAndNoRoomForKeysIsRefused() {
        InMemoryExperimentStore store = new InMemoryExperimentStore(Duration.ZERO, 10, clock);
        store.insert(experiment("e1"), key("k"), "fp");
        assertEquals(Optional.empty(), store.findByIdempotencyKey(key("k")));
        assertThrows(IllegalArgumentException.class, () -> new InMemoryExperimentStore(RETENTION, 0, clock));
        assertThrows(IllegalArgumentException.class,
                () -> new InMemoryExperimentStore(Duration.ofSeconds(-1), 10, clock));
    }
}
