package dev.concurrency.playground.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.engine.ThreadType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The digest an {@code Idempotency-Key} retry is matched on: equal for equal specs, and for nothing else. */
class ExperimentSpecFingerprintTest {

    private static final ExperimentSpec BASE = new ExperimentSpec("locks", List.of("atomic", "synchronized"),
            List.of(1, 2), ThreadType.PLATFORM, 1000L, null, 5, 1);

    /** SHA-256 of "experiment-spec/1|5:locks|#2|6:atomic|12:synchronized|#2|1:1|1:2|8:PLATFORM|4:1000|-|1:5|1:1". */
    private static final String PINNED_BEFORE_EXPLAIN = "b3dfd595b874d426e97c59cb8cfe34b417302a5cbcae728dbb73cf724ac7f3e9";

    @Test
    void equalSpecsHaveOneFingerprintAndItIsAHexSha256() {
        ExperimentSpec same = new ExperimentSpec("locks", List.of("atomic", "synchronized"), List.of(1, 2),
                ThreadType.PLATFORM, 1000L, null, 5, 1);
        assertEquals(BASE.fingerprint(), same.fingerprint());
        assertTrue(BASE.fingerprint().matches("[0-9a-f]{64}"), BASE.fingerprint());
    }

    @Test
    void everyFieldThatChangesTheExperimentChangesTheFingerprint() {
        List<ExperimentSpec> variants = List.of(
                BASE,
                new ExperimentSpec(null, BASE.strategies(), BASE.threadCounts(), ThreadType.PLATFORM, 1000L, null, 5, 1),
                new ExperimentSpec("", BASE.strategies(), BASE.threadCounts(), ThreadType.PLATFORM, 1000L, null, 5, 1),
                new ExperimentSpec("locks ", BASE.strategies(), BASE.threadCounts(), ThreadType.PLATFORM, 1000L, null, 5, 1),
                new ExperimentSpec("locks", List.of("synchronized", "atomic"), BASE.threadCounts(), ThreadType.PLATFORM,
                        1000L, null, 5, 1),
                new ExperimentSpec("locks", List.of("atomic"), BASE.threadCounts(), ThreadType.PLATFORM, 1000L, null, 5, 1),
                new ExperimentSpec("locks", BASE.strategies(), List.of(2, 1), ThreadType.PLATFORM, 1000L, null, 5, 1),
                new ExperimentSpec("locks", BASE.strategies(), List.of(12), ThreadType.PLATFORM, 1000L, null, 5, 1),
                new ExperimentSpec("locks", BASE.strategies(), BASE.threadCounts(), ThreadType.VIRTUAL, 1000L, null, 5, 1),
                new ExperimentSpec("locks", BASE.strategies(), BASE.threadCounts(), ThreadType.PLATFORM, 1001L, null, 5, 1),
                new ExperimentSpec("locks", BASE.strategies(), BASE.threadCounts(), ThreadType.PLATFORM, null, 1000L, 5, 1),
                new ExperimentSpec("locks", BASE.strategies(), BASE.threadCounts(), ThreadType.PLATFORM, 1000L, null, 6, 1),
                new ExperimentSpec("locks", BASE.strategies(), BASE.threadCounts(), ThreadType.PLATFORM, 1000L, null, 5, 0),
                new ExperimentSpec("locks", BASE.strategies(), BASE.threadCounts(), ThreadType.PLATFORM, 1000L, null, 1, 5),
                new ExperimentSpec("locks", BASE.strategies(), BASE.threadCounts(), ThreadType.PLATFORM, 1000L, null, 5, 1,
                        true));
        Set<String> fingerprints = new HashSet<>();
        variants.forEach(spec -> fingerprints.add(spec.fingerprint()));
        assertEquals(variants.size(), fingerprints.size(), "each variant is an experiment of its own");
    }

    /** A read share is part of the experiment; a spec without one keeps the digest it had before it existed. */
    @Test
    void theReadRatioListChangesTheFingerprintAndItsAbsenceDoesNot() {
        ExperimentSpec reads = new ExperimentSpec("locks", BASE.strategies(), BASE.threadCounts(), ThreadType.PLATFORM,
                1000L, null, 5, 1, dev.concurrency.playground.experiment.TrialOrder.SEQUENTIAL, false, null, null,
                List.of(0.5), null);
        ExperimentSpec otherReads = new ExperimentSpec("locks", BASE.strategies(), BASE.threadCounts(), ThreadType.PLATFORM,
                1000L, null, 5, 1, dev.concurrency.playground.experiment.TrialOrder.SEQUENTIAL, false, null, null,
                List.of(0.9), null);
        ExperimentSpec none = new ExperimentSpec("locks", BASE.strategies(), BASE.threadCounts(), ThreadType.PLATFORM,
                1000L, null, 5, 1, dev.concurrency.playground.experiment.TrialOrder.SEQUENTIAL, false, null, null,
                (List<Double>) null, null);
        assertEquals(3, Set.of(reads.fingerprint(), otherReads.fingerprint(), BASE.fingerprint()).size());
        assertEquals(PINNED_BEFORE_EXPLAIN, none.fingerprint());
    }

    /**
     * Keys stored by an earlier version keep matching retries of the same request: the digest of a spec
     * without {@code explain} is the one computed before the option existed (this value, pinned then).
     */
    @Test
    void aSpecWithoutExplainKeepsTheFingerprintItHadBeforeTheOptionExisted() {
        assertEquals(BASE.fingerprint(), new ExperimentSpec("locks", List.of("atomic", "synchronized"), List.of(1, 2),
                ThreadType.PLATFORM, 1000L, null, 5, 1, false).fingerprint());
        assertEquals(PINNED_BEFORE_EXPLAIN, BASE.fingerprint());
    }

    /**
     * The database counts only when it is not the default: a request that writes "embedded" out and one that
     * leaves it to the default ask for the same experiment, and PostgreSQL for another one.
     */
    @Test
    void theDatabaseChangesTheFingerprintOnlyWhenItIsNotTheDefault() {
        List<String> strategies = List.of("db-atomic-update");
        ExperimentSpec none = new ExperimentSpec("db", strategies, List.of(2), ThreadType.PLATFORM, null, 100L, 5, 1,
                TrialOrder.INTERLEAVED, false, null);
        ExperimentSpec embedded = new ExperimentSpec("db", strategies, List.of(2), ThreadType.PLATFORM, null, 100L, 5, 1,
                TrialOrder.INTERLEAVED, false, Database.EMBEDDED);
        ExperimentSpec postgresql = new ExperimentSpec("db", strategies, List.of(2), ThreadType.PLATFORM, null, 100L, 5, 1,
                TrialOrder.INTERLEAVED, false, Database.POSTGRESQL);
        assertEquals(none.fingerprint(), embedded.fingerprint());
        assertNotEquals(embedded.fingerprint(), postgresql.fingerprint());
    }

    @Test
    void aNameCannotImitateTheFieldsAfterIt() {
        // Without the lengths, name "a|1:b" with strategy "c" and name "a" with strategies "b", "c"
        // could be written alike.
        ExperimentSpec tricky = new ExperimentSpec("a|1:b", List.of("c"), List.of(1), ThreadType.PLATFORM, 1L, null, 1, 0);
        ExperimentSpec plain = new ExperimentSpec("a", List.of("b", "c"), List.of(1), ThreadType.PLATFORM, 1L, null, 1, 0);
        ExperimentSpec commas = new ExperimentSpec("a", List.of("b,c"), List.of(1), ThreadType.PLATFORM, 1L, null, 1, 0);
        assertNotEquals(tricky.fingerprint(), plain.fingerprint());
        assertNotEquals(plain.fingerprint(), commas.fingerprint());
    }
}
