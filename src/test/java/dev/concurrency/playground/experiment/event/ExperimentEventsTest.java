package dev.concurrency.playground.experiment.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Numbered events, resuming after the last one a follower saw, and followers that come and go. */
class ExperimentEventsTest {

    private static final ExperimentSpec SPEC = new ExperimentSpec(null, List.of("atomic"), List.of(2),
            ThreadType.PLATFORM, null, 10L, 1, 0);

    private final ExperimentEvents events = new ExperimentEvents();
    private final AtomicReference<Experiment> stored = new AtomicReference<>(
            Experiment.queued("x", SPEC, Instant.EPOCH));

    private Optional<ExperimentEvents.Following> follow(List<ExperimentEvent> into, Long after) {
        return events.subscribe("x", into::add, () -> Optional.ofNullable(stored.get()), after);
    }

    private void publish(int count) {
        for (int i = 0; i < count; i++) {
            events.publish("x", ExperimentEvent.TRIAL, "trial " + i);
        }
    }

    private static List<Long> ids(List<ExperimentEvent> events) {
        return events.stream().map(ExperimentEvent::id).toList();
    }

    @Test
    void eventsAreNumberedFromOneInTheOrderTheyHappened() {
        List<ExperimentEvent> seen = new ArrayList<>();
        ExperimentEvents.Following following = follow(seen, null).orElseThrow();
        assertEquals(0, following.lastEvent(), "nothing happened before");
        assertNull(following.missed(), "a fresh follower resumes nothing");
        assertEquals(stored.get(), following.snapshot());

        publish(3);
        assertEquals(List.of(1L, 2L, 3L), ids(seen));
        assertEquals(List.of("trial 0", "trial 1", "trial 2"), seen.stream().map(ExperimentEvent::data).toList());
        assertEquals(ExperimentEvent.TRIAL, seen.get(0).name());
        // Another experiment counts on its own.
        List<ExperimentEvent> other = new ArrayList<>();
        events.subscribe("y", other::add, () -> Optional.ofNullable(stored.get()), null);
        events.publish("y", ExperimentEvent.RUN, "run");
        assertEquals(List.of(1L), ids(other));
        assertEquals(3, seen.size(), "a follower of x hears nothing of y");
    }

    @Test
    void aLateFollowerStartsAfterTheEventsItsSnapshotIncludes() {
        publish(4);
        ExperimentEvents.Following following = follow(new ArrayList<>(), null).orElseThrow();
        assertEquals(4, following.lastEvent());
    }

    @Test
    void aChangeIsStoredAndAnnouncedAsOneStepAndNothingIsAnnouncedWithoutOne() {
        List<ExperimentEvent> seen = new ArrayList<>();
        follow(seen, null);
        Optional<Experiment> started = events.record("x", ExperimentEvent.STATUS,
                () -> Optional.of(stored.updateAndGet(e -> e.started(Instant.EPOCH, null))),
                ExperimentEvent.StatusEvent::of);
        assertEquals(ExperimentStatus.RUNNING, started.orElseThrow().status());
        assertEquals(List.of(new ExperimentEvent(1, ExperimentEvent.STATUS, ExperimentEvent.StatusEvent.of(started.get()))),
                seen);

        Optional<Experiment> nothing = events.record("x", ExperimentEvent.STATUS, Optional::empty, Function.identity());
        assertTrue(nothing.isEmpty());
        publish(1);
        assertEquals(List.of(1L, 2L), ids(seen), "no number is used up by a change that stored nothing");
    }

    @Test
    void aFollowerThatReconnectsGetsWhatItMissed() {
        publish(5);
        ExperimentEvents.Following resumed = follow(new ArrayList<>(), 2L).orElseThrow();
        assertEquals(List.of(3L, 4L, 5L), ids(resumed.missed()));
        assertEquals(5, resumed.lastEvent());
        assertEquals(List.of(), follow(new ArrayList<>(), 5L).orElseThrow().missed(), "saw everything, missed nothing");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ids(follow(new ArrayList<>(), 0L).orElseThrow().missed()),
                "saw nothing yet, missed everything kept");
    }

    @Test
    void anIdThisLogNeverGaveOutResumesNothing() {
        publish(3);
        assertNull(follow(new ArrayList<>(), 4L).orElseThrow().missed(), "from the future");
        assertNull(follow(new ArrayList<>(), 3_000_000L).orElseThrow().missed(), "from another life of the service");
        assertNull(follow(new ArrayList<>(), -1L).orElseThrow().missed(), "made up");
    }

    @Test
    void onlyTheMostRecentEventsAreKeptForResuming() {
        int kept = ExperimentEvents.REPLAYABLE;
        publish(kept + 2); // the first two are no longer kept
        assertNull(follow(new ArrayList<>(), 0L).orElseThrow().missed(), "event 1 is gone: start from the snapshot");
        assertNull(follow(new ArrayList<>(), 1L).orElseThrow().missed(), "event 2 is gone: start from the snapshot");
        List<ExperimentEvent> missed = follow(new ArrayList<>(), 2L).orElseThrow().missed();
        assertEquals(LongStream.rangeClosed(3, kept + 2).boxed().toList(), ids(missed),
                "everything after event 2 is still kept");
    }

    @Test
    void aFollowerThatLeavesHearsNothingMoreAndTheOthersCarryOn() throws Exception {
        List<ExperimentEvent> leaving = new ArrayList<>();
        List<ExperimentEvent> staying = new ArrayList<>();
        ExperimentEvents.Following first = follow(leaving, null).orElseThrow();
        follow(staying, null);
        assertEquals(2, events.followers("x"));
        publish(1);
        first.subscription().close();
        assertEquals(1, events.followers("x"));
        publish(1);
        assertEquals(List.of(1L), ids(leaving));
        assertEquals(List.of(1L, 2L), ids(staying));
    }

    @Test
    void aBrokenFollowerIsDroppedWithoutDisturbingTheOthers() {
        List<ExperimentEvent> before = new ArrayList<>();
        List<ExperimentEvent> after = new ArrayList<>();
        follow(before, null);
        events.subscribe("x", event -> {
            throw new IllegalStateException("connection reset");
        }, () -> Optional.of(stored.get()), null);
        follow(after, null);
        assertEquals(3, events.followers("x"));
        publish(2);
        assertEquals(List.of(1L, 2L), ids(before));
        assertEquals(List.of(1L, 2L), ids(after), "the follower after the broken one still hears everything");
        assertEquals(2, events.followers("x"), "the broken one is gone");
    }

    @Test
    void aFinishedExperimentIsFollowedWithoutAListener() {
        publish(2);
        stored.set(stored.get().finished(ExperimentStatus.COMPLETED, Instant.EPOCH, null));
        List<ExperimentEvent> seen = new ArrayList<>();
        ExperimentEvents.Following following = follow(seen, 1L).orElseThrow();
        assertEquals(ExperimentStatus.COMPLETED, following.snapshot().status());
        assertEquals(2, following.lastEvent());
        assertEquals(List.of(2L), ids(following.missed()), "it still gets what it missed");
        assertEquals(0, events.followers("x"), "nothing more will happen, so nobody listens");
    }

    @Test
    void anUnknownExperimentCannotBeFollowedAndLeavesNothingBehind() {
        stored.set(null);
        List<ExperimentEvent> seen = new ArrayList<>();
        assertTrue(follow(seen, null).isEmpty());
        assertEquals(0, events.followers("x"));
        // Nothing was subscribed: an experiment that later appears under that id starts numbering afresh.
        stored.set(Experiment.queued("x", SPEC, Instant.EPOCH));
        assertEquals(0, follow(seen, null).orElseThrow().lastEvent());
    }

    @Test
    void aSnapshotThatFindsNothingKeepsALogThatOthersStillUse() {
        List<ExperimentEvent> seen = new ArrayList<>();
        follow(seen, null);
        publish(2);
        Experiment current = stored.getAndSet(null);
        assertTrue(follow(new ArrayList<>(), null).isEmpty());
        stored.set(current);
        publish(1);
        assertEquals(List.of(1L, 2L, 3L), ids(seen), "the follower keeps its numbering");
        assertEquals(3, follow(new ArrayList<>(), null).orElseThrow().lastEvent());
    }

    @Test
    void aFollowerWhoSawNothingOfAnExperimentWithoutEventsMissedNothing() {
        assertEquals(List.of(), follow(new ArrayList<>(), 0L).orElseThrow().missed());
    }

    @Test
    void aLookupThatFindsNothingOrAFinishedExperimentKeepsALogThatStillHasFollowers() {
        List<ExperimentEvent> seen = new ArrayList<>();
        follow(seen, null); // listening, no event yet
        Experiment queued = stored.getAndSet(null);
        assertTrue(follow(new ArrayList<>(), null).isEmpty());
        stored.set(queued.finished(ExperimentStatus.CANCELLED, Instant.EPOCH, "cancelled"));
        follow(new ArrayList<>(), null).orElseThrow();
        assertEquals(1, events.followers("x"), "the first follower still listens");
        publish(1);
        assertEquals(List.of(1L), ids(seen));
    }

    @Test
    void aLookupThatFindsNothingOrAFinishedExperimentKeepsALogThatStillHasEvents() {
        publish(2); // nobody listening yet
        Experiment queued = stored.getAndSet(null);
        assertTrue(follow(new ArrayList<>(), null).isEmpty());
        stored.set(queued);
        assertEquals(2, follow(new ArrayList<>(), null).orElseThrow().lastEvent(), "the numbering went on");
        events.forget("x");
        publish(2);
        stored.set(queued.finished(ExperimentStatus.COMPLETED, Instant.EPOCH, null));
        follow(new ArrayList<>(), null).orElseThrow();
        assertEquals(List.of(1L, 2L), ids(follow(new ArrayList<>(), 0L).orElseThrow().missed()),
                "a finished experiment's events are still there to resume from");
    }

    @Test
    void forgettingAnExperimentDropsItsFollowersAndItsHistory() {
        List<ExperimentEvent> seen = new ArrayList<>();
        follow(seen, null);
        publish(3);
        events.forget("x");
        assertEquals(0, events.followers("x"));
        assertEquals(0, follow(new ArrayList<>(), null).orElseThrow().lastEvent(), "numbering starts afresh");
        assertNull(follow(new ArrayList<>(), 1L).orElseThrow().missed(), "the old events are gone");
    }
}
