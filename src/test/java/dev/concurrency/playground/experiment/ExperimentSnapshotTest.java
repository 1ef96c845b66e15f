package dev.concurrency.playground.experiment;

import dev.concurrency.playground.experiment.TestInstance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.Workload;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import dev.concurrency.playground.experiment.event.ExperimentEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An experiment's life as snapshots: what each step changes, and what it keeps. */
class ExperimentSnapshotTest {

    private static final ExperimentSpec SPEC = new ExperimentSpec("three by two", List.of("atomic", "volatile", "fair-lock"),
            List.of(1, 4), ThreadType.PLATFORM, 1_000L, null, 3, 1);
    private static final Instant SUBMITTED = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final Instant STARTED = SUBMITTED.plusSeconds(1);
    private static final Instant FINISHED = SUBMITTED.plusSeconds(5);

    private static RunResult run(String strategy, int measuredTrials) {
        List<TrialResult> trials = new ArrayList<>();
        for (int i = 1; i <= measuredTrials; i++) {
            trials.add(new TrialResult(i, 1000, 1000, 0, 1000, 1.0, 1e9, 1, 1000, 1000, 2.0, null, null, null, null));
        }
        return RunResult.of(strategy, 4, ThreadType.PLATFORM, true, false, 2, trials);
    }

    @Test
    void aQueuedExperimentHasEveryRunStillToDo() {
        Experiment queued = Experiment.queued("id-1", SPEC, SUBMITTED);
        assertEquals("id-1", queued.id());
        assertEquals("three by two", queued.name());
        assertEquals(ExperimentStatus.QUEUED, queued.status());
        assertEquals(SUBMITTED, queued.submittedAt());
        assertNull(queued.startedAt());
        assertNull(queued.finishedAt());
        assertEquals(SPEC, queued.spec());
        // Three strategies at two thread counts.
        assertEquals(new Progress(0, 6), queued.progress());
        assertNull(queued.environment());
        assertEquals(List.of(), queued.runs());
        assertNull(queued.statusReason());
    }

    @Test
    void startingRecordsWhenAndWhere() {
        Environment here = Environment.current(TestInstance.ONE);
        Experiment started = Experiment.queued("id-1", SPEC, SUBMITTED).started(STARTED, here);
        assertEquals(ExperimentStatus.RUNNING, started.status());
        assertEquals(SUBMITTED, started.submittedAt());
        assertEquals(STARTED, started.startedAt());
        assertNull(started.finishedAt());
        assertEquals(here, started.environment());
        assertEquals(new Progress(0, 6), started.progress());
    }

    @Test
    void onlyARunWithAllItsTrialsCountsAsCompleted() {
        Experiment started = Experiment.queued("id-1", SPEC, SUBMITTED).started(STARTED, Environment.current(TestInstance.ONE));
        RunResult full = run("atomic", SPEC.trials());
        RunResult partial = run("volatile", SPEC.trials() - 1);

        Experiment one = started.withRun(full);
        assertEquals(new Progress(1, 6), one.progress());
        assertEquals(List.of(full), one.runs());
        assertEquals(ExperimentStatus.RUNNING, one.status());
        assertEquals(STARTED, one.startedAt());

        Experiment stoppedPartWay = one.withRun(partial);
        assertEquals(new Progress(1, 6), stoppedPartWay.progress(), "a run stopped part-way is kept, not completed");
        assertEquals(List.of(full, partial), stoppedPartWay.runs());
        assertEquals(List.of(full), one.runs(), "a snapshot never changes");
    }

    @Test
    void aRunStoredAgainTakesThePlaceOfItsEarlierSnapshot() {
        Experiment started = Experiment.queued("id-1", SPEC, SUBMITTED).started(STARTED, Environment.current(TestInstance.ONE));
        RunResult atomicSoFar = run("atomic", 1);
        RunResult volatileSoFar = run("volatile", 1);
        RunResult atomicWhole = run("atomic", SPEC.trials());

        Experiment checkpointed = started.withRun(atomicSoFar).withRun(volatileSoFar);
        Experiment later = checkpointed.withRun(atomicWhole);

        assertEquals(List.of(atomicWhole, volatileSoFar), later.runs(), "in its place, not appended");
        assertEquals(new Progress(1, 6), later.progress());
        assertEquals(new Progress(0, 6), checkpointed.withRun(run("atomic", 2)).progress(),
                "a longer partial run is still not completed");
    }

    @Test
    void finishingKeepsTheRunsAndSaysWhy() {
        RunResult full = run("atomic", SPEC.trials());
        Experiment running = Experiment.queued("id-1", SPEC, SUBMITTED).started(STARTED, Environment.current(TestInstance.ONE))
                .withRun(full);
        Experiment ended = running.finished(ExperimentStatus.TIMED_OUT, FINISHED, "too long");
        assertEquals(ExperimentStatus.TIMED_OUT, ended.status());
        assertEquals(FINISHED, ended.finishedAt());
        assertEquals(STARTED, ended.startedAt());
        assertEquals("too long", ended.statusReason());
        assertEquals(List.of(full), ended.runs());
        assertEquals(new Progress(1, 6), ended.progress());
        assertEquals(running.environment(), ended.environment());
    }

    @Test
    void onlyQueuedAndRunningAreNotTerminal() {
        for (ExperimentStatus status : ExperimentStatus.values()) {
            assertEquals(!EnumSet.of(ExperimentStatus.QUEUED, ExperimentStatus.RUNNING).contains(status),
                    status.isTerminal(), status.name());
        }
    }

    @Test
    void aSpecHasExactlyOneModeAndARunPerStrategyAndThreadCount() {
        assertEquals(new Workload.FixedWork(1_000), SPEC.workload());
        ExperimentSpec fixedTime = new ExperimentSpec(null, List.of("atomic"), List.of(1, 2, 3, 4), ThreadType.VIRTUAL,
                null, 20L, 1, 0);
        assertEquals(new Workload.FixedTime(20), fixedTime.workload());
        assertEquals(4, fixedTime.totalRuns());
        assertThrows(IllegalArgumentException.class, () -> new ExperimentSpec(null, List.of("atomic"), List.of(1),
                ThreadType.PLATFORM, 1L, 1L, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ExperimentSpec(null, List.of("atomic"), List.of(1),
                ThreadType.PLATFORM, null, null, 1, 0));
    }

    @Test
    void eventsCarryTheRunAndTheStatusAsTheyWere() {
        RunResult full = run("atomic", SPEC.trials());
        assertEquals(new ExperimentEvent.RunEvent("atomic", 4, "platform", null, true, true, full.verdict(),
                full.verdictReason(), full.summary()), ExperimentEvent.RunEvent.of(full));
        Experiment ended = Experiment.queued("id-1", SPEC, SUBMITTED).finished(ExperimentStatus.CANCELLED, FINISHED, "why");
        assertEquals(new ExperimentEvent.StatusEvent("id-1", ExperimentStatus.CANCELLED, new Progress(0, 6), "why"),
                ExperimentEvent.StatusEvent.of(ended));
    }

    @Test
    void theEnvironmentIsTheRunningJvms() {
        Environment here = Environment.current(TestInstance.ONE);
        assertEquals(System.getProperty("java.version"), here.javaVersion());
        assertEquals(System.getProperty("java.vm.name"), here.vmName());
        assertEquals(Runtime.getRuntime().availableProcessors(), here.availableProcessors());
        assertEquals(System.getProperty("os.arch"), here.osArch());
        assertTrue(here.garbageCollectors().size() > 0, "some collector is active");
    }

    @Test
    void theCpuModelIsTheFirstOneTheOperatingSystemNames() throws Exception {
        java.nio.file.Path cpuinfo = java.nio.file.Path.of("/proc/cpuinfo");
        String expected = null;
        if (java.nio.file.Files.isReadable(cpuinfo)) {
            var model = java.util.regex.Pattern.compile("^model name\\s*:\\s*(.*?)\\s*$");
            for (String line : java.nio.file.Files.readAllLines(cpuinfo)) {
                var match = model.matcher(line);
                if (match.matches()) {
                    expected = match.group(1);
                    break;
                }
            }
        }
        assertEquals(expected, Environment.current(TestInstance.ONE).cpuModel());
    }

    @Test
    void theVersionsAreTheOnesTheBuildWroteDown() throws Exception {
        java.util.Properties build = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/playground-build.properties")) {
            if (in != null) {
                build.load(in);
            }
        }
        Environment here = Environment.current(TestInstance.ONE);
        assertEquals(build.getProperty("playground.version", "unknown"), here.playgroundVersion());
        assertEquals(build.getProperty("quarkus.version", "unknown"), here.quarkusVersion());
    }
}
