package dev.concurrency.playground.experiment.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.experiment.analysis.LossExplanation.ErasureCount;
import dev.concurrency.playground.experiment.analysis.LossExplanation.Interleaving;
import dev.concurrency.playground.experiment.analysis.LossExplanation.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reconstruction on logs built by hand from interleavings written down step by step, with known answers. */
class LossReconstructionTest {

    /**
     * Two threads, in this global order (the counter's value after each write in brackets):
     * <ol>
     * <li>T0 reads 0, T1 reads 0, T0 writes 1 [1], T1 writes 1 [1]: a duplicate of 1.
     * <li>T1 reads 1 and is held up.
     * <li>T0 reads 1 writes 2, reads 2 writes 3, reads 3 writes 4 [4].
     * <li>T1's stale write of 2 lands [2].
     * <li>T0 reads 2 (two below its own write of 4: erased 2) writes 3, reads 3 writes 4 [4]: duplicates of 2, 3, 4.
     * <li>T1 reads 4 writes 5 [5]; T0 reads 5 and is held up; T1 reads 5 writes 6, reads 6 writes 7 [7].
     * <li>T0's stale write of 6 lands last [6]: a duplicate of 6, and a final roll-back of 1.
     * </ol>
     * 12 increments, counter 6: 6 lost = 5 duplicate writes (1, 2, 3, 4, 6) + 1 final roll-back (7 to 6).
     */
    static final long[][] READS = {{0, 1, 2, 3, 2, 3, 5}, {0, 1, 4, 5, 6}};
    static final long[][] WRITES = {{1, 2, 3, 4, 3, 4, 6}, {1, 2, 5, 6, 7}};

    @Test
    void reconstructsDuplicatesAndRollBacksOfAHandBuiltLog() {
        LossExplanation explained = LossReconstruction.explain(READS, WRITES, 6, 7, 3.0, 1.5);

        assertEquals(2, explained.threads());
        assertEquals(12, explained.recordedIncrements());
        assertEquals(6, explained.finalCount());
        assertEquals(6, explained.lostUpdates());
        assertEquals(7, explained.highestWritten());
        assertEquals(5, explained.duplicateWrites());
        assertEquals(1, explained.finalRollBack());
        assertTrue(explained.reconciled(), explained.reconciliation());
        assertEquals("lost 6 = 5 duplicate writes + 1 final roll-back (the counter ended at 6, the highest value "
                + "written was 7): holds", explained.reconciliation());
        // T0 read 2 after writing 4; T1 never read again after T0's last stale write.
        assertEquals(1, explained.staleWrites());
        assertEquals(2, explained.largestErasure());
        assertEquals(List.of(new ErasureCount(2, 2, 1)), explained.erasures());
        assertEquals(2.0, explained.overhead());
        assertEquals(12 * 16, explained.logBytes());

        assertEquals(new Interleaving("Two threads read the same value", List.of(0, 1), List.of(
                new Step(0, "read 0"), new Step(1, "read 0"), new Step(0, "write 1"), new Step(1, "write 1")),
                "both wrote 1: two increments, one count; one increment lost"), explained.examples().get(0));
        assertEquals(new Interleaving("A stale write", List.of(1, 0), List.of(
                new Step(1, "read 1"), new Step(0, "… 2 increments …"), new Step(0, "read 3"), new Step(0, "write 4"),
                new Step(1, "write 2"), new Step(0, "read 2")),
                "the write of 2, read before the increments up to 4, took the counter back: 2 increments erased"),
                explained.examples().get(1));
    }

    @Test
    void oneThreadAloneLosesNothingAndNeedsNoExample() {
        LossExplanation explained = LossReconstruction.explain(new long[][] {{0, 1, 2}}, new long[][] {{1, 2, 3}}, 3, 3,
                null, 1.0);
        assertEquals(0, explained.lostUpdates());
        assertEquals(0, explained.duplicateWrites());
        assertEquals(0, explained.finalRollBack());
        assertEquals(0, explained.staleWrites());
        assertEquals(0, explained.largestErasure());
        assertEquals(List.of(), explained.erasures());
        assertEquals(List.of(), explained.examples());
        assertTrue(explained.reconciled());
        assertNull(explained.overhead(), "no recording time, no overhead");
    }

    /** Two threads taking strict turns: the values interleave, but nothing is read twice. */
    @Test
    void threadsTakingTurnsShowNoDuplicate() {
        LossExplanation explained = LossReconstruction.explain(new long[][] {{0, 2, 4}, {1, 3}},
                new long[][] {{1, 3, 5}, {2, 4}}, 5, 3, null, null);
        assertEquals(0, explained.duplicateWrites());
        assertEquals(0, explained.staleWrites(), "each thread reads above its own last write");
        assertEquals(0, explained.lostUpdates());
        assertTrue(explained.reconciled());
    }

    /** The check can fail: a log that misses increments, or writes that are not the value read plus one. */
    @Test
    void aLogThatDoesNotAddUpIsNotReconciled() {
        // The increment that wrote 2 was not recorded: a gap, and the counter's 3 is more than the log explains.
        LossExplanation gap = LossReconstruction.explain(new long[][] {{0, 2}}, new long[][] {{1, 3}}, 3, 2, null, null);
        assertFalse(gap.reconciled(), gap.reconciliation());
        assertTrue(gap.reconciliation().endsWith("does not hold; the values written are not 1..3 without a gap"),
                gap.reconciliation());
        // A write of two more than was read.
        LossExplanation skip = LossReconstruction.explain(new long[][] {{0, 1}}, new long[][] {{1, 3}}, 3, 2, null, null);
        assertFalse(skip.reconciled());
        assertTrue(skip.reconciliation().contains("1 writes did not store the value read plus one"), skip.reconciliation());
        // A counter that says more than was written.
        assertFalse(LossReconstruction.explain(new long[][] {{0}}, new long[][] {{1}}, 2, 1, null, null).reconciled());
    }

    /** Erasures grouped by k: 1, 2 and 3 on their own, then powers of two. */
    @Test
    void erasuresAreCountedByRangesOfK() {
        // One thread whose reads fall below its previous writes by 1, 2, 3, 4, 7, 8 and 100 (not a log that
        // reconciles; only the stale reads count here).
        // Each read is compared with the write before it.
        long[] writes = {10, 10, 10, 10, 10, 10, 102, 3};
        long[] reads = {0, 9, 8, 7, 6, 3, 2, 2};
        LossExplanation explained = LossReconstruction.explain(new long[][] {reads}, new long[][] {writes}, 0, 8, null,
                null);
        assertEquals(7, explained.staleWrites());
        assertEquals(100, explained.largestErasure());
        assertEquals(List.of(new ErasureCount(1, 1, 1), new ErasureCount(2, 2, 1), new ErasureCount(3, 3, 1),
                new ErasureCount(4, 7, 2), new ErasureCount(8, 15, 1), new ErasureCount(64, 127, 1)),
                explained.erasures());
    }

    @Test
    void readsAndWritesMustPair() {
        assertThrows(IllegalArgumentException.class,
                () -> LossReconstruction.explain(new long[][] {{0}}, new long[][] {{1, 2}}, 2, 1, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> LossReconstruction.explain(new long[][] {{0}}, new long[0][], 0, 1, null, null));
    }
}
