package dev.concurrency.playground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The leader and followers under {@link GroupCommit} and the fleet's grouped admissions: who waits together is
 * done together, in groups of at most the maximum, in the order they came, and a group that fails fails each of its
 * works. A first work holds the turn until the others wait for it.
 */
class CombinerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A work that records the group it was done in, or what failed it. */
    private static final class Work extends Combiner.Waiting {
        final int number;
        List<Integer> group;
        Throwable failure;

        Work(int number) {
            this.number = number;
        }

        @Override
        void failIfNot(Throwable groupFailure) {
            if (failure == null) {
                failure = groupFailure;
            }
        }
    }

    private final List<List<Integer>> groups = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    /** Records each group; the first one waits for {@link #release}. */
    private void doGroup(List<Work> group) {
        List<Integer> numbers = group.stream().map(work -> work.number).toList();
        group.forEach(work -> work.group = numbers);
        groups.add(numbers);
        if (groups.size() == 1) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Work 0 takes the turn and holds it; works 1 to {@code followers} then wait for it, one after the other. */
    private List<Work> startWaiting(Combiner<Work> combiner, int followers) throws InterruptedException {
        List<Work> works = new ArrayList<>();
        for (int i = 0; i <= followers; i++) {
            Work work = new Work(i);
            works.add(work);
            Thread thread = Thread.ofPlatform().start(() -> combiner.await(work));
            threads.add(thread);
            long deadline = System.nanoTime() + WAIT.toNanos();
            // The first waits in doGroup (for the latch), the others for the turn: both park.
            while (thread.getState() != Thread.State.WAITING) {
                if (System.nanoTime() > deadline || !thread.isAlive()) {
                    fail("work " + i + " did not wait within " + WAIT);
                }
                Thread.sleep(1);
            }
        }
        return works;
    }

    private void finish() throws InterruptedException {
        release.countDown();
        for (Thread thread : threads) {
            thread.join(WAIT);
            if (thread.isAlive()) {
                fail("a work was not done within " + WAIT);
            }
        }
    }

    @Test
    void worksThatWaitTogetherAreDoneTogetherInTheirOrderAtMostMaxGroupAtATime() throws InterruptedException {
        Combiner<Work> combiner = new Combiner<>(3, this::doGroup);
        startWaiting(combiner, 5);
        finish();
        assertEquals(List.of(List.of(0), List.of(1, 2, 3), List.of(4, 5)), groups);
    }

    @Test
    void aGroupThatFailsFailsEachOfItsWorksAndTheNextGroupIsDone() throws InterruptedException {
        IllegalStateException broken = new IllegalStateException("broken");
        Combiner<Work> combiner = new Combiner<>(2, group -> {
            doGroup(group);
            if (group.getFirst().number == 1) {
                throw broken;
            }
        });
        List<Work> works = startWaiting(combiner, 3);
        finish();
        assertEquals(List.of(List.of(0), List.of(1, 2), List.of(3)), groups);
        assertEquals(null, works.get(0).failure);
        assertSame(broken, works.get(1).failure);
        assertSame(broken, works.get(2).failure);
        assertEquals(null, works.get(3).failure);
    }

    @Test
    void aGroupHoldsAtLeastOneWork() {
        assertThrows(IllegalArgumentException.class, () -> new Combiner<Work>(0, group -> { }));
        Work alone = new Work(7);
        new Combiner<Work>(1, group -> group.forEach(work -> work.group = List.of(work.number))).await(alone);
        assertEquals(List.of(7), alone.group);
    }
}
