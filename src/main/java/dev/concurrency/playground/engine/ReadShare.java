package dev.concurrency.playground.engine;

/**
 * The share of a trial's operations that read the counter instead of incrementing it, in whole percent: each
 * worker runs its operations in blocks of {@value #BLOCK}, every block's reads first and then its increments,
 * and takes the time only at the two phase boundaries, so that it knows how long it spent reading and how long
 * writing without a clock read per operation. {@link #NONE}, no reads, runs each strategy's plain loop.
 *
 * <p>The pattern is fixed, so the number of reads among a worker's first {@code n} operations is known
 * beforehand ({@link #readsAmong}): a fixed-work trial's reads can be checked against it exactly.
 */
public record ReadShare(int percent) {

    /** Increments only. */
    public static final ReadShare NONE = new ReadShare(0);

    /**
     * Operations per block: two clock reads per thousand operations cost well under one percent even of the
     * cheapest read, and a block holds every whole percent exactly.
     */
    public static final int BLOCK = 1000;

    public ReadShare {
        if (percent < 0 || percent > 99) {
            throw new IllegalArgumentException("the read share is a whole percentage from 0 to 99, not " + percent);
        }
    }

    /** Whether any operation reads. */
    public boolean any() {
        return percent > 0;
    }

    /** The reads at the start of every full block. */
    public int readsPerBlock() {
        return percent * BLOCK / 100;
    }

    /** How many of a worker's first {@code operations} operations are reads: each block's first ones. */
    public long readsAmong(long operations) {
        long perBlock = readsPerBlock();
        return operations / BLOCK * perBlock + Math.min(operations % BLOCK, perBlock);
    }
}
