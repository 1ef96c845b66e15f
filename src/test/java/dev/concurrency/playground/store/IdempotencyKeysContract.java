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
 * How every {@link ExperimentStore} keeps {@code Idempotency-Key} bindings: bound with the experiment in
 * one step, kept for the retention on a clock the test moves, bounded in number, and outliving their
 * experiment. A store's test extends this class and says how to make an empty store with given key rules.
 */
public abstract class IdempotencyKeysContract {

    /**
     * An empty store with these key rules, built with the store's public constructor (so it throws what the
     * constructor throws for rules it refuses).
     */
    protected abstract ExperimentStore emptyStore(Duration keyRetention, int maxKeys, InstantSource clock);

    private static final ExperimentSpec SPEC = new ExperimentSpec(null, List.of("atomic"), List.of(2),
            ThreadType.PLATFORM, null, 10L, 1, 0);
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final Instant START = Instant.parse("2026-12-03T09:00:00Z");

    private final MovableClock clock = new MovableClock(START);

    private ExperimentStore store(int maxKeys) {
        return emptyStore(RETENTION, maxKeys, clock);
    }

    private static Experiment experiment(String id) {
        return Experiment.queued(id, SPEC, START);
    }

    private static IdempotencyKey key(String value) {
        return new IdempotencyKey(value);
    }

    @Test
    void aKeyIsBoundToItsExperimentAndFingerprintUntilTheRetentionIsOver() {
        ExperimentStore store = store(10);
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
    void theExpiryIsKeptToTheNanosecond() {
        ExperimentStore store = store(10);
        clock.advance(Duration.ofNanos(123_456_789));
        IdempotencyRecord bound = store.insert(experiment("e1"), key("k"), "fp");
        assertEquals(START.plusNanos(123_456_789).plus(RETENTION), bound.expiresAt());
        assertEquals(Optional.of(bound), store.findByIdempotencyKey(key("k")));
        clock.set(bound.expiresAt().minusNanos(1));
        assertEquals(Optional.of(bound), store.findByIdempotencyKey(key("k")));
        clock.set(bound.expiresAt());
        assertEquals(Optional.empty(), store.findByIdempotencyKey(key("k")));
    }

    @Test
    void keysDifferingOnlyInCaseOrSpacesAreDifferentKeys() {
        ExperimentStore store = store(10);
        // Printable ASCII includes the space: a database that ignores case or trailing blanks would merge these.
        List<String> keys = List.of("k", "K", "k ", " k", "k  ", "a%", "a_", "a!");
        for (int i = 0; i < keys.size(); i++) {
            store.insert(experiment("e" + i), key(keys.get(i)), "fp" + i);
        }
        for (int i = 0; i < keys.size(); i++) {
            IdempotencyRecord bound = store.findByIdempotencyKey(key(keys.get(i))).orElseThrow();
            assertEquals("e" + i, bound.experimentId(), "'" + keys.get(i) + "'");
            assertEquals("fp" + i, bound.fingerprint(), "'" + keys.get(i) + "'");
            assertEquals(keys.get(i), bound.key().value());
        }
        assertEquals(Optional.empty(), store.findByIdempotencyKey(key("a")), "no wildcard matching");
    }

    @Test
    void theLongestKeyAndEveryPrintableCharacterAreKept() {
        ExperimentStore store = store(10);
        StringBuilder printable = new StringBuilder();
        for (char c = 0x20; c <= 0x7e; c++) {
            printable.append(c);
        }
        String longest = printable.toString().repeat(3).substring(0, IdempotencyKey.MAX_LENGTH);
        store.insert(experiment("e1"), key(longest), "f".repeat(64));
        IdempotencyRecord bound = store.findByIdempotencyKey(key(longest)).orElseThrow();
        assertEquals(longest, bound.key().value());
        assertEquals("f".repeat(64), bound.fingerprint(), "a SHA-256 in hex fits");
    }

    @Test
    void aBoundKeyCannotBeBoundAgainAndTheRefusedExperimentIsNotStored() {
        ExperimentStore store = store(10);
        store.insert(experiment("e1"), key("k"), "fp");

        assertThrows(IllegalStateException.class, () -> store.insert(experiment("e2"), key("k"), "fp"));
        assertEquals(Optional.empty(), store.find("e2"));
        assertEquals("e1", store.findByIdempotencyKey(key("k")).orElseThrow().experimentId());
        assertEquals(List.of("e1"), store.list(ListQuery.all(10)).items().stream().map(Experiment::id).toList());
    }

    @Test
    void anExpiredKeyCanBeBoundAfreshAndThenExpiresAfterTheNewRetention() {
        ExperimentStore store = store(10);
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
        ExperimentStore store = store(10);
        store.insert(experiment("e1"), key("k"), "fp");
        store.update("e1", e -> e.finished(ExperimentStatus.CANCELLED, START, "cancelled by request"));

        assertTrue(store.delete("e1"));
        assertEquals("e1", store.findByIdempotencyKey(key("k")).orElseThrow().experimentId(),
                "a retry must learn that its experiment is gone, not start a second one");
    }

    @Test
    void theBindingOutlivesItsExperimentDeletedByRetention() {
        ExperimentStore store = store(10);
        store.insert(experiment("e1"), key("k"), "fp");
        store.update("e1", e -> e.finished(ExperimentStatus.COMPLETED, START, null));

        assertEquals(1, store.deleteFinished(START.plusSeconds(1), java.util.OptionalInt.empty()));
        assertEquals("e1", store.findByIdempotencyKey(key("k")).orElseThrow().experimentId());
    }

    @Test
    void beyondTheMostKeysTheOldestAreForgottenFirst() {
        ExperimentStore store = store(3);
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

    /** Expired bindings leave first and make room: none of the living is forgotten while they can go. */
    @Test
    void expiredBindingsMakeRoomBeforeALivingOneIsForgotten() {
        ExperimentStore store = store(3);
        store.insert(experiment("e1"), key("k1"), "fp");
        store.insert(experiment("e2"), key("k2"), "fp");
        store.insert(experiment("e3"), key("k3"), "fp");
        clock.advance(RETENTION);
        for (int i = 4; i <= 6; i++) {
            store.insert(experiment("e" + i), key("k" + i), "fp");
            clock.advance(Duration.ofSeconds(1));
        }
        for (int i = 4; i <= 6; i++) {
            assertEquals("e" + i, store.findByIdempotencyKey(key("k" + i)).orElseThrow().experimentId());
        }
        // Three living keys: one more, and the oldest goes.
        store.insert(experiment("e7"), key("k7"), "fp");
        assertEquals(Optional.empty(), store.findByIdempotencyKey(key("k4")));
        for (int i = 5; i <= 7; i++) {
            assertEquals("e" + i, store.findByIdempotencyKey(key("k" + i)).orElseThrow().experimentId());
        }
    }

    @Test
    void aKeyForgottenForRoomCanBeBoundAgain() {
        ExperimentStore store = store(1);
        store.insert(experiment("e1"), key("k1"), "fp");
        clock.advance(Duration.ofSeconds(1));
        store.insert(experiment("e2"), key("k2"), "fp");
        assertEquals(Optional.empty(), store.findByIdempotencyKey(key("k1")));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("e3", store.insert(experiment("e3"), key("k1"), "fp").experimentId());
        assertEquals(Optional.empty(), store.findByIdempotencyKey(key("k2")), "one key at most");
    }

    @Test
    void aClockThatWentBackNeverKeepsAKeyPastItsOwnExpiry() {
        ExperimentStore store = store(10);
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
        ExperimentStore store = emptyStore(Duration.ZERO, 10, clock);
        store.insert(experiment("e1"), key("k"), "fp");
        assertEquals(Optional.empty(), store.findByIdempotencyKey(key("k")));
        store.insert(experiment("e2"), key("k"), "fp");
        assertEquals("e2", store.find("e2").orElseThrow().id(), "an expired binding does not block its key");
        assertThrows(IllegalArgumentException.class, () -> emptyStore(RETENTION, 0, clock));
        assertThrows(IllegalArgumentException.class, () -> emptyStore(Duration.ofSeconds(-1), 10, clock));
    }
}
