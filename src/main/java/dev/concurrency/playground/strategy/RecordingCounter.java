package dev.concurrency.playground.strategy;

/**
 * A counter that can also increment while recording, for every increment, the value it read and the
 * value it wrote: what the {@code explain} option reconstructs lost updates from.
 *
 * <p>A separate loop beside the measured one, so that the measured loop stays exactly as it was: the
 * recording loop stores two longs per increment into the calling thread's own arrays, which costs time
 * and changes the timing of the race. Only racy strategies offer it: a thread-safe strategy never loses
 * an update, so there is nothing to explain.
 */
public interface RecordingCounter {

    /**
     * Performs {@code n} increments on the calling thread, as {@link SharedCounter#incrementTimesCountingCasFailures}
     * does, and records the {@code i}-th one's value read in {@code reads[from + i]} and value written in
     * {@code writes[from + i]}. The arrays are the calling thread's own.
     */
    void incrementTimesRecording(int n, long[] reads, long[] writes, int from);
}
