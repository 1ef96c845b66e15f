package dev.concurrency.playground.experiment.analysis;

import java.util.List;

/**
 * Why a racy run lost updates, reconstructed from one extra trial in which every thread recorded, for
 * every increment it made, the value it read and the value it wrote. The trial is not one of the
 * measured trials and takes no part in any statistic.
 *
 * <p>Every write stores "value read + 1", and a value read is 0 or one that some write stored, so the
 * distinct values written are exactly 1..{@code highestWritten}. Of {@code recordedIncrements} writes,
 * {@code highestWritten} stored a new value; each of the others stored a value already written: two
 * increments read the same value and one of them is lost. The counter ends at the value of the last write
 * to land, which a stale write may have taken below the highest: that is the final roll-back. So
 * {@code lostUpdates = duplicateWrites + finalRollBack}, which {@code reconciled} checks.
 *
 * @param threads threads of the trial
 * @param incrementsPerThread what each thread did: a fixed amount, small enough that every increment was recorded
 * @param recordedIncrements increments recorded, all threads together; equal to the threads' own count
 * @param finalCount the counter's value after the trial
 * @param lostUpdates {@code recordedIncrements - finalCount}
 * @param highestWritten the highest value any thread wrote
 * @param duplicateWrites writes that stored a value another write had stored already: each is two
 *     increments that read the same value, one of them lost
 * @param finalRollBack {@code highestWritten - finalCount}: how far the last stale write to land took the
 *     counter back
 * @param reconciled whether {@code lostUpdates == duplicateWrites + finalRollBack}, every write stored the
 *     value read plus one, and the values written are 1..{@code highestWritten} without a gap
 * @param reconciliation the check in words, with its numbers
 * @param staleWrites times a thread read a value lower than its own previous write: another thread's
 *     stale write had erased its increments
 * @param largestErasure the most increments one such stale write erased (0 when there was none)
 * @param erasures how often a stale write erased k increments, by ranges of k
 * @param examples concrete interleavings consistent with the logs, ending in a lost increment
 * @param nsPerOp the recording trial's time per increment
 * @param overhead {@code nsPerOp} over the mean {@code nsPerOp} of the run's measured trials: what
 *     recording cost (the recording trial is fixed-work, so compare within one mode); absent when the run
 *     has no measured figure
 * @param logBytes memory the logs took: 16 bytes per recorded increment (a value read and a value written)
 */
public record LossExplanation(
        int threads,
        long incrementsPerThread,
        long recordedIncrements,
        long finalCount,
        long lostUpdates,
        long highestWritten,
        long duplicateWrites,
        long finalRollBack,
        boolean reconciled,
        String reconciliation,
        long staleWrites,
        long largestErasure,
        List<ErasureCount> erasures,
        List<Interleaving> examples,
        Double nsPerOp,
        Double overhead,
        long logBytes) {

    public LossExplanation {
        erasures = List.copyOf(erasures);
        examples = List.copyOf(examples);
    }

    /** Stale writes that erased between {@code fromIncrements} and {@code toIncrements} increments (inclusive). */
    public record ErasureCount(long fromIncrements, long toIncrements, long times) {
    }

    /**
     * One interleaving, in the manner of Lincheck: a column per thread, one step per row, in an order the
     * logs allow.
     *
     * @param title what it shows
     * @param threads the threads' numbers, one per column
     * @param steps the rows, top to bottom
     * @param outcome what was lost
     */
    public record Interleaving(String title, List<Integer> threads, List<Step> steps, String outcome) {

        public Interleaving {
            threads = List.copyOf(threads);
            steps = List.copyOf(steps);
        }
    }

    /**
     * One row of an interleaving.
     *
     * @param thread the thread's number (a column of {@link Interleaving#threads()})
     * @param action {@code read 41}, {@code write 42}, or a few words for steps left out
     */
    public record Step(int thread, String action) {
    }
}
