package dev.concurrency.playground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.strategy.Safety;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import dev.concurrency.playground.strategy.WorkerKind;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Trials in child processes: what must hold on every run. Safe strategies lose nothing across processes,
 * racy ones (the in-JVM locks among them: each process has its own) are caught losing updates, nothing
 * counts more than was done, the children's clock is the parent's, and however a trial ends no child is
 * left alive. Every child is a JVM that takes a few hundred milliseconds to start, so the trials are few.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ProcessTrialsTest {

    private static final StrategyCatalog CATALOG = new StrategyCatalog();

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** The children of the tests need the test's stand-in loops too, so they get both class directories. */
    private static final String CLASS_PATH = ProcessTrials.classPathEntryOf(ProcessChild.class) + File.pathSeparator
            + ProcessTrials.classPathEntryOf(ProcessTrialsTest.class);

    private final TrialEngine engine = new TrialEngine(EventLoops.NONE, new ProcessTrials(START_TIMEOUT, CLASS_PATH));

    static Stream<String> safeInProcesses() {
        return CATALOG.all().stream().filter(s -> s.safeIn(WorkerKind.PROCESS)).map(Strategy::id);
    }

    static Stream<String> racyInProcesses() {
        return CATALOG.all().stream().filter(s -> s.safetyIn(WorkerKind.PROCESS).orElse(null) == Safety.RACY)
                .map(Strategy::id);
    }

    @AfterEach
    void noChildIsLeft() {
        assertEquals(List.of(), children(), "child processes outlived their trial");
    }

    /** The JVMs this one started to run {@link ProcessChild}, still alive. */
    private static List<String> children() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(ProcessChild.class.getName()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
    }

    @Test
    void theCatalogSaysWhichStrategiesRunInProcessesAndTheLocksAreRacyThere() {
        assertEquals(List.of("file-lock", "atomic", "cas-loop", "thread-local"), safeInProcesses().toList());
        assertEquals(List.of("unsynchronized", "volatile", "unshared-copy", "synchronized", "reentrant-lock", "fair-lock",
                "read-write-lock", "stamped-lock", "semaphore"), racyInProcesses().toList());
        for (String id : List.of("long-adder", "single-writer", "event-loop")) {
            assertFalse(CATALOG.find(id).orElseThrow().runsIn(WorkerKind.PROCESS), id);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("safeInProcesses")
    void safeStrategiesLoseNothingAcrossFourProcesses(String id) throws Exception {
        // A file lock costs two system calls per increment, and sleeps in the kernel when contended: fewer of them.
        long perChild = id.equals("file-lock") ? 20_000 : 250_000;
        long wallStart = System.nanoTime();
        TrialMeasurement m = run(id, 4, new Workload.FixedWork(perChild));
        long wall = System.nanoTime() - wallStart;
        assertEquals(4 * perChild, m.expectedCount(), "every child does all its work");
        assertEquals(4 * perChild, m.actualCount(), id + " lost updates across processes");
        // The children's nanoTime is the parent's clock: each child's own span lies within the gate's opening
        // and the last end, which lie within the test's own wall time.
        assertTrue(m.maxThreadNanos() <= m.durationNanos(), m.maxThreadNanos() + " > " + m.durationNanos());
        assertTrue(m.durationNanos() > 0 && m.durationNanos() < wall, m.durationNanos() + " vs wall " + wall);
        assertTrue(m.overlap() >= 0 && m.overlap() <= 1);
        assertTrue(m.parallelism() != null && m.parallelism() > 0, "children report their CPU time");
        assertEquals(id.equals("cas-loop"), m.casFailures() != null, "only cas-loop reports CAS failures");
    }

    /**
     * Racy strategies, the in-JVM locks among them, lose updates in at least one of several fixed-time
     * trials of two children, and never count more than was done.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("racyInProcesses")
    void racyStrategiesAndInJvmLocksLoseUpdatesAcrossProcesses(String id) throws Exception {
        boolean lost = false;
        for (int trial = 0; trial < 8 && !lost; trial++) {
            TrialMeasurement m = run(id, 2, new Workload.FixedTime(100));
            assertTrue(m.actualCount() <= m.expectedCount(), id + " counted more than was done: " + m);
            lost = m.lostUpdates() > 0;
        }
        assertTrue(lost, id + " lost no update across processes in 8 fixed-time trials");
    }

    /**
     * The file lock keeps processes apart in fixed-time trials too, where the stop flag can catch a child holding
     * the lock: it finishes that increment, so the count is exactly what the children report having done.
     */
    @Test
    void theFileLockLosesNothingAndCountsNothingExtraInFixedTime() throws Exception {
        TrialMeasurement m = run("file-lock", 3, new Workload.FixedTime(100));
        assertTrue(m.expectedCount() > 0, "the children incremented");
        assertEquals(m.expectedCount(), m.actualCount(), "file-lock lost or invented updates: " + m);
    }

    /**
     * Each child increments a copy of its own: the shared count never moves, whatever the number of processes
     * (one included, where nothing can race) and the mode, so every update is lost and none is invented.
     */
    @Test
    void theUnsharedCopyLosesEveryUpdate() throws Exception {
        TrialMeasurement alone = run("unshared-copy", 1, new Workload.FixedWork(10_000));
        assertEquals(10_000, alone.expectedCount());
        assertEquals(0, alone.actualCount(), "a child's own copy reached the shared count");
        TrialMeasurement two = run("unshared-copy", 2, new Workload.FixedTime(50));
        assertTrue(two.expectedCount() > 0, "the children incremented");
        assertEquals(0, two.actualCount(), "a child's own copy reached the shared count");
        assertEquals(two.expectedCount(), two.lostUpdates());
    }

    @Test
    void aChildThatDiesFailsTheTrialWithItsStatusAndLastLines() {
        TrialFailedException failure = assertThrows(TrialFailedException.class, () -> engine.run(
                new TrialPlan(MisbehavingChildren.strategy("crashing", MisbehavingChildren.Crashing.class),
                        ThreadType.PROCESS, 3, new Workload.FixedTime(60_000)), new CancellationToken()));
        assertTrue(failure.getMessage().contains("exited with status 7"), failure.getMessage());
        assertTrue(failure.getMessage().contains("about to crash on purpose"), failure.getMessage());
    }

    @Test
    void aChildThatDoesNotReachTheGateInTimeFailsTheTrial() {
        TrialEngine impatient = new TrialEngine(EventLoops.NONE, new ProcessTrials(Duration.ofSeconds(3), CLASS_PATH));
        TrialFailedException failure = assertThrows(TrialFailedException.class, () -> impatient.run(
                new TrialPlan(MisbehavingChildren.strategy("never-ready", MisbehavingChildren.NeverReady.class),
                        ThreadType.PROCESS, 2, new Workload.FixedWork(1)), new CancellationToken()));
        assertTrue(failure.getMessage().contains("0 of the 2 child processes"), failure.getMessage());
        assertTrue(failure.getMessage().contains("playground.limits.process-start-timeout"), failure.getMessage());
    }

    @Test
    void cancellingATrialEndsEveryChild() throws Exception {
        CancellationToken token = new CancellationToken();
        CompletableFuture<Object> trial = CompletableFuture.supplyAsync(() -> outcome(() -> engine.run(
                new TrialPlan(MisbehavingChildren.strategy("stuck", MisbehavingChildren.Stuck.class), ThreadType.PROCESS,
                        3, new Workload.FixedTime(1)), token)));
        awaitChildren(3);
        token.cancel();
        assertTrue(trial.get(30, TimeUnit.SECONDS) instanceof TrialCancelledException);
    }

    @Test
    void interruptingTheTrialAsAShutdownDoesEndsEveryChild() throws Exception {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread runner = Thread.ofPlatform().start(() -> outcome.complete(outcome(() -> engine.run(
                new TrialPlan(MisbehavingChildren.strategy("stuck", MisbehavingChildren.Stuck.class), ThreadType.PROCESS,
                        2, new Workload.FixedWork(1_000)), new CancellationToken()))));
        awaitChildren(2);
        runner.interrupt();
        assertTrue(outcome.get(30, TimeUnit.SECONDS) instanceof InterruptedException);
        runner.join();
    }

    /** A child whose parent goes away (its standard input ends, as when the parent is killed) halts itself. */
    @Test
    void aChildWhoseParentIsGoneHaltsItself() throws Exception {
        Path file = Files.createTempFile("orphan-", ".memory");
        try {
            Files.write(file, new byte[ProcessMemory.bytes(1)]);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", CLASS_PATH, ProcessChild.class.getName(), file.toString(), "0",
                    MisbehavingChildren.Stuck.class.getName(), "1").redirectErrorStream(true).start();
            child.getOutputStream().close();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the orphan is still running");
            assertEquals(ProcessChild.ORPHANED, child.exitValue());
        } finally {
            Files.delete(file);
        }
    }

    /**
     * In fixed time a child stops at the deadline by its own clock, without waiting for the parent's stop flag
     * (a parent waiting for a core raised it up to 75 ms late): here the flag is never raised.
     */
    @Test
    void aChildStopsAtTheDeadlineWithoutTheStopFlag() throws Exception {
        Path file = Files.createTempFile("deadline-", ".memory");
        try {
            Files.write(file, new byte[ProcessMemory.bytes(1)]);
            long deadline;
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                    java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.MappedByteBuffer memory = channel.map(java.nio.channels.FileChannel.MapMode.READ_WRITE, 0,
                        ProcessMemory.bytes(1));
                deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
                ProcessMemory.write(memory, ProcessMemory.DEADLINE, deadline);
                ProcessMemory.write(memory, ProcessMemory.GATE, 1);
                Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", CLASS_PATH, ProcessChild.class.getName(), file.toString(), "0",
                        CATALOG.find("atomic").orElseThrow().processCounterClass().orElseThrow().getName(),
                        Long.toString(Long.MAX_VALUE)).redirectErrorStream(true).start();
                try {
                    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child ran past its deadline");
                    assertEquals(0, child.exitValue());
                } finally {
                    child.destroyForcibly();
                }
                assertEquals(1, ProcessMemory.read(memory, ProcessMemory.slot(0) + ProcessMemory.DONE));
                assertEquals(0, ProcessMemory.read(memory, ProcessMemory.STOP), "nobody raised the stop flag");
                assertTrue(ProcessMemory.read(memory, ProcessMemory.slot(0) + ProcessMemory.END) - deadline >= 0,
                        "the child stopped before its deadline");
                assertEquals(ProcessMemory.read(memory, ProcessMemory.slot(0) + ProcessMemory.INCREMENTS),
                        ProcessMemory.read(memory, ProcessMemory.COUNTER));
            }
        } finally {
            Files.delete(file);
        }
    }

    /**
     * A child that is done does not exit while another is still incrementing (a JVM's shutdown would take a
     * core from it), and it counts itself among those that began and those that finished. Here the other child
     * of a two-child file never comes, so this one waits until the test says the other finished.
     */
    @Test
    void aFinishedChildWaitsForTheOthersBeforeItExits() throws Exception {
        Path file = Files.createTempFile("finished-", ".memory");
        try {
            Files.write(file, new byte[ProcessMemory.bytes(2)]);
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                    java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.MappedByteBuffer memory = channel.map(java.nio.channels.FileChannel.MapMode.READ_WRITE, 0,
                        ProcessMemory.bytes(2));
                ProcessMemory.write(memory, ProcessMemory.GATE, 1);
                Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", CLASS_PATH, ProcessChild.class.getName(), file.toString(), "0",
                        CATALOG.find("atomic").orElseThrow().processCounterClass().orElseThrow().getName(),
                        "1000").redirectErrorStream(true).start();
                try {
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (ProcessMemory.read(memory, ProcessMemory.slot(0) + ProcessMemory.DONE) == 0) {
                        assertTrue(System.nanoTime() - until < 0, "the child never finished its 1,000 increments");
                        Thread.sleep(10);
                    }
                    assertEquals(1, ProcessMemory.read(memory, ProcessMemory.STARTED));
                    assertEquals(1, ProcessMemory.read(memory, ProcessMemory.FINISHED));
                    assertFalse(child.waitFor(500, TimeUnit.MILLISECONDS), "the child exited before the other finished");
                    ProcessMemory.LONGS.getAndAdd(memory, ProcessMemory.FINISHED, 1L);
                    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not exit once all had finished");
                    assertEquals(0, child.exitValue());
                } finally {
                    child.destroyForcibly().waitFor();
                }
                assertEquals(1000, ProcessMemory.read(memory, ProcessMemory.COUNTER));
            }
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void recordedTrialsAreRefusedInProcesses() {
        assertThrows(IllegalArgumentException.class, () -> engine.runRecorded(new TrialPlan(
                CATALOG.find("unsynchronized").orElseThrow(), ThreadType.PROCESS, 2, new Workload.FixedWork(10)),
                new CancellationToken()));
    }

    @Test
    void aStrategyThatDoesNotRunInProcessesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> engine.run(new TrialPlan(
                CATALOG.find("long-adder").orElseThrow(), ThreadType.PROCESS, 2, new Workload.FixedWork(10)),
                new CancellationToken()));
    }

    private static void awaitChildren(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (children().size() < n) {
            assertTrue(System.nanoTime() < deadline, "the children never started");
            Thread.sleep(20);
        }
        Thread.sleep(500); // let them map the file and reach their loop
    }

    private TrialMeasurement run(String id, int processes, Workload workload) throws Exception {
        return engine.run(new TrialPlan(CATALOG.find(id).orElseThrow(), ThreadType.PROCESS, processes, workload),
                new CancellationToken());
    }

    @FunctionalInterface
    private interface Body {
        Object call() throws Exception;
    }

    private static Object outcome(Body body) {
        try {
            return body.call();
        } catch (Exception e) {
            return e;
        }
    }
}
