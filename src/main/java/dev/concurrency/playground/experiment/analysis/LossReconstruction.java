package dev.concurrency.playground.experiment.analysis;

import dev.concurrency.playground.experiment.analysis.LossExplanation.ErasureCount;
import dev.concurrency.playground.experiment.analysis.LossExplanation.Interleaving;
import dev.concurrency.playground.experiment.analysis.LossExplanation.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reconstructs a racy trial's lost updates from its per-thread logs alone (and the counter's final
 * value), as {@link LossExplanation} describes.
 *
 * <p>Memory: besides the logs (16 bytes per increment), a sorted copy of every value written (8 bytes
 * per increment); {@link #BYTES_PER_INCREMENT} is what the explain limit divides by.
 */
public final class LossReconstruction {

    /** Log (a value read and a value written) and the analysis's sorted copy of the values written. */
    public static final int BYTES_PER_INCREMENT = 24;

    /** Bytes of log per recorded increment. */
    static final int LOG_BYTES_PER_INCREMENT = 16;

    /** Duplicated values looked at for an example of two threads writing the same value. */
    private static final int EXAMPLE_CANDIDATES = 64;

    private LossReconstruction() {
    }

    /**
     * How many increments each of {@code threads} threads makes in an explain trial of at most
     * {@code maxBytes}: as many as the run asked for in fixed-work mode ({@code asked}), fewer if the memory
     * allows fewer; 0 when it allows not even one.
     */
    public static long incrementsPerThread(long maxBytes, int threads, Long asked) {
        // All threads' writes are sorted in one array, so their sum must fit one too.
        long fits = Math.min(maxBytes / BYTES_PER_INCREMENT, Integer.MAX_VALUE - 8) / threads;
        return asked == null ? fits : Math.min(asked, fits);
    }

    /**
     * @param reads per thread, the value each increment read, in the thread's order
     * @param writes per thread, the value each increment wrote
     * @param finalCount the counter's value after the trial
     * @param incrementsPerThread what each thread was asked to do
     * @param nsPerOp the recording trial's time per increment, if known
     * @param measuredNsPerOp the mean time per increment of the run's measured trials, if known
     */
    public static LossExplanation explain(long[][] reads, long[][] writes, long finalCount, long incrementsPerThread,
            Double nsPerOp, Double measuredNsPerOp) {
        if (reads.length != writes.length) {
            throw new IllegalArgumentException("one log of reads and one of writes per thread");
        }
        long recorded = 0;
        for (int t = 0; t < reads.length; t++) {
            if (reads[t].length != writes[t].length) {
                throw new IllegalArgumentException("thread " + t + " read " + reads[t].length + " times but wrote "
                        + writes[t].length + " times");
            }
            recorded += writes[t].length;
        }

        // Every write should store the value read plus one.
        long notPlusOne = 0;
        long[] written = new long[Math.toIntExact(recorded)];
        int next = 0;
        for (int t = 0; t < writes.length; t++) {
            for (int i = 0; i < writes[t].length; i++) {
                if (writes[t][i] != reads[t][i] + 1) {
                    notPlusOne++;
                }
                written[next++] = writes[t][i];
            }
        }
        Arrays.sort(written);
        long distinct = 0;
        List<Long> duplicated = new ArrayList<>();
        for (int i = 0; i < written.length; i++) {
            if (i == 0 || written[i] != written[i - 1]) {
                distinct++;
            } else if (duplicated.size() < EXAMPLE_CANDIDATES
                    && (duplicated.isEmpty() || duplicated.getLast() != written[i])) {
                duplicated.add(written[i]);
            }
        }
        long highest = written.length == 0 ? 0 : written[written.length - 1];
        boolean fromOne = written.length == 0 || written[0] == 1;
        long duplicates = recorded - distinct;
        long lost = recorded - finalCount;
        long rollBack = highest - finalCount;
        boolean noGap = fromOne && distinct == highest;
        boolean reconciled = notPlusOne == 0 && noGap && duplicates + rollBack == lost && finalCount >= 0
                && finalCount <= highest;

        // A thread that reads below its own previous write: a stale write took the counter back.
        long staleWrites = 0;
        long largest = 0;
        int largestThread = -1;
        int largestIndex = -1;
        Map<Long, long[]> buckets = new TreeMap<>();
        for (int t = 0; t < reads.length; t++) {
            for (int i = 1; i < reads[t].length; i++) {
                long erased = writes[t][i - 1] - reads[t][i];
                if (erased > 0) {
                    staleWrites++;
                    long from = erased < 4 ? erased : Long.highestOneBit(erased);
                    long to = erased < 4 ? erased : 2 * from - 1;
                    buckets.computeIfAbsent(from, f -> new long[] {to, 0})[1]++;
                    if (erased > largest) {
                        largest = erased;
                        largestThread = t;
                        largestIndex = i;
                    }
                }
            }
        }
        List<ErasureCount> erasures = new ArrayList<>();
        buckets.forEach((from, toAndTimes) -> erasures.add(new ErasureCount(from, toAndTimes[0], toAndTimes[1])));

        List<Interleaving> examples = new ArrayList<>();
        Interleaving sameRead = sameValueRead(reads, writes, duplicated);
        if (sameRead != null) {
            examples.add(sameRead);
        }
        if (largestThread >= 0) {
            Interleaving erasure = staleWrite(reads, writes, largestThread, largestIndex);
            if (erasure != null) {
                examples.add(erasure);
            }
        }

        String reconciliation = String.format(java.util.Locale.ROOT,
                "lost %d = %d duplicate writes + %d final roll-back (the counter ended at %d, the highest value written "
                        + "was %d): %s", lost, duplicates, rollBack, finalCount, highest,
                reconciled ? "holds" : "does not hold" + (notPlusOne > 0 ? "; " + notPlusOne
                        + " writes did not store the value read plus one" : "") + (noGap ? "" : "; the values written "
                        + "are not 1.." + highest + " without a gap"));
        Double overhead = nsPerOp != null && measuredNsPerOp != null && measuredNsPerOp > 0 ? nsPerOp / measuredNsPerOp : null;
        return new LossExplanation(reads.length, incrementsPerThread, recorded, finalCount, lost, highest, duplicates,
                rollBack, reconciled, reconciliation, staleWrites, largest, erasures, examples, nsPerOp, overhead,
                recorded * LOG_BYTES_PER_INCREMENT);
    }

    /** Two threads that wrote the same value, having both read the one below it. */
    private static Interleaving sameValueRead(long[][] reads, long[][] writes, List<Long> duplicated) {
        if (duplicated.isEmpty()) {
            return null;
        }
        // Per candidate value, the first thread seen writing it and a second, other thread.
        Map<Long, int[]> writers = new TreeMap<>();
        for (Long value : duplicated) {
            writers.put(value, new int[] {-1, -1});
        }
        for (int t = 0; t < writes.length; t++) {
            for (int i = 0; i < writes[t].length; i++) {
                int[] pair = writers.get(writes[t][i]);
                if (pair != null) {
                    if (pair[0] < 0) {
                        pair[0] = t;
                    } else if (pair[1] < 0 && pair[0] != t) {
                        pair[1] = t;
                    }
                }
            }
        }
        for (Map.Entry<Long, int[]> candidate : writers.entrySet()) {
            int a = candidate.getValue()[0];
            int b = candidate.getValue()[1];
            if (a >= 0 && b >= 0) {
                long value = candidate.getKey();
                return new Interleaving("Two threads read the same value", List.of(a, b), List.of(
                        new Step(a, "read " + (value - 1)),
                        new Step(b, "read " + (value - 1)),
                        new Step(a, "write " + value),
                        new Step(b, "write " + value)),
                        "both wrote " + value + ": two increments, one count; one increment lost");
            }
        }
        return null;
    }

    /**
     * Thread {@code t}'s increment {@code i} read below its previous write: some other thread's write of the
     * value read landed late, having read before {@code t}'s increments.
     */
    private static Interleaving staleWrite(long[][] reads, long[][] writes, int t, int i) {
        long ownWrite = writes[t][i - 1];
        long ownRead = reads[t][i - 1];
        long readAfter = reads[t][i];
        for (int other = 0; other < writes.length; other++) {
            if (other == t) {
                continue;
            }
            for (int x = 0; x < writes[other].length; x++) {
                if (writes[other][x] == readAfter && reads[other][x] == readAfter - 1) {
                    List<Step> steps = new ArrayList<>();
                    steps.add(new Step(other, "read " + (readAfter - 1)));
                    if (ownRead > readAfter - 1) {
                        steps.add(new Step(t, "… " + (ownRead - (readAfter - 1)) + " increments …"));
                    }
                    steps.add(new Step(t, "read " + ownRead));
                    steps.add(new Step(t, "write " + ownWrite));
                    steps.add(new Step(other, "write " + readAfter));
                    steps.add(new Step(t, "read " + readAfter));
                    return new Interleaving("A stale write", List.of(other, t), steps,
                            "the write of " + readAfter + ", read before the increments up to " + ownWrite
                                    + ", took the counter back: " + (ownWrite - readAfter) + " increments erased");
                }
            }
        }
        return null;
    }
}
