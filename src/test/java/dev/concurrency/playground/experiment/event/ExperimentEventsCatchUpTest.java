package dev.concurrency.playground.experiment.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialMeasurement;
import dev.concurrency.playground.experiment.Environment;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.TestInstance;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Followers of an experiment that another instance runs: the differences between what they last saw
 * and what the store now holds become the events a local runner would have sent (but trials).
 */
class ExperimentEventsCatchUpTest {

    private static final ExperimentSpec SPEC = new ExperimentSpec(null, List.of("atomic", "volatile"), List.of(1),
            ThreadType.PLATFORM, 1000L, null, 1, 0);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final ExperimentEvents events = new ExperimentEvents();
    private final List<ExperimentEvent> seen = new ArrayList<>();
    private final Experiment queued = Experiment.queued("x", SPEC, T0);
    private final Experiment running = queued.started(T0.plusSeconds(1), Environment.current(TestInstance.ONE));

    private static RunResult run(String strategy) {
        TrialResult trial = TrialResult.of(1, 1, new TrialMeasurement(1000, 1000, 1_000_000, 900_000, 1_000_000, 1.0, null, null, null));
        return RunResult.of(strategy, 1, ThreadType.PLATFORM, true, false, 2, List.of(trial));
    }

    private List<String> names() {
        return seen.stream().map(ExperimentEvent::name).toList();
    }

    /** The runner's end, which also stores the last run: the run is announced first, then the end; nothing without a change. */
    @Test
    void anEndThatStoresTheLastRunAnnouncesTheRunAndThenTheEnd() {
        events.subscribe("x", seen::add, () -> Optional.of(running), null);
        RunResult last = run("atomic");
        assertTrue(events.recordEnd("x", Optional.of(last), Optional::empty).isEmpty());
        assertEquals(List.of(), seen, "nothing stored, nothing announced");

        Experiment ended = running.withRun(last).finished(ExperimentStatus.COMPLETED, T0.plusSeconds(2), null);
        assertEquals(Optional.of(ended), events.recordEnd("x", Optional.of(last), () -> Optional.of(ended)));
        assertEquals(List.of(new ExperimentEvent(1, ExperimentEvent.RUN, ExperimentEvent.RunEvent.of(last)),
                new ExperimentEvent(2, ExperimentEvent.END, ended)), seen);
    }

    @Test
    void newRunsThenTheEndAreAnnouncedOnceEach() {
        events.subscribe("x", seen::add, () -> Optional.of(running), null);
        Experiment oneRun = running.withRun(run("atomic"));
        events.catchUp("x", oneRun);
        events.catchUp("x", oneRun);
        assertEquals(List.of(ExperimentEvent.RUN), names(), "one new run, announced once however often it is read");

        Experiment done = oneRun.withRun(run("volatile")).finished(ExperimentStatus.COMPLETED, T0.plusSeconds(2), null);
        events.catchUp("x", done);
        assertEquals(List.of(ExperimentEvent.RUN, ExperimentEvent.RUN, ExperimentEvent.END), names());
        assertEquals(List.of(1L, 2L, 3L), seen.stream().map(ExperimentEvent::id).toList());
        assertEquals(done, seen.getLast().data(), "the end carries the experiment as it ended");
        assertEquals("volatile", ((ExperimentEvent.RunEvent) seen.get(1).data()).strategy());
    }

    @Test
    void aChangeOfStatusWithoutRunsIsAStatusEvent() {
        events.subscribe("x", seen::add, () -> Optional.of(queued), null);
        events.catchUp("x", running);
        assertEquals(List.of(ExperimentEvent.STATUS), names());
        assertEquals(ExperimentStatus.RUNNING, ((ExperimentEvent.StatusEvent) seen.getFirst().data()).status());
    }

    @Test
    void anExperimentQueuedAgainStartsItsRunsAfresh() {
        Experiment oneRun = running.withRun(run("atomic"));
        events.subscribe("x", seen::add, () -> Optional.of(oneRun), null);
        Experiment requeued = oneRun.requeued("put back");
        events.catchUp("x", requeued);
        assertEquals(List.of(ExperimentEvent.STATUS), names(), "no run is announced for the dropped one");
        Experiment again = requeued.started(T0.plusSeconds(5), Environment.current(TestInstance.ONE)).withRun(run("atomic"));
        events.catchUp("x", again);
        assertEquals(List.of(ExperimentEvent.STATUS, ExperimentEvent.RUN, ExperimentEvent.STATUS), names(),
                "its first run of the new life is new");
    }

    @Test
    void withoutFollowersNothingIsAnnounced() {
        events.catchUp("x", running);
        assertTrue(seen.isEmpty());
        assertTrue(events.followed().isEmpty());
        events.subscribe("x", seen::add, () -> Optional.of(running), null);
        assertEquals(java.util.Set.of("x"), events.followed());
    }
}
