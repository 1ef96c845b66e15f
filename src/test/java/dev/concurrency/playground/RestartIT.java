package dev.concurrency.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store across restarts of the packaged app, on one store directory: what finished stays
 * byte for byte, what was queued runs after the restart, what was running when the process was killed
 * ends FAILED with its completed runs, and what was running at a graceful shutdown is queued again
 * and runs whole after the restart.
 */
class RestartIT {

    /**
     * Four runs of three trials, interleaved: rounds of 1.2 s, longer than the checkpoint interval (1 s), so
     * the runs are stored part-way after the first round while two rounds are still to come.
     */
    private static final String LONG = """
            {"name":"long","strategies":["atomic","volatile"],"threadCounts":[1,2],"durationMillis":300,
             "trials":3,"warmupTrials":0,"trialOrder":"interleaved"}""";
    private static final String TINY = """
            {"name":"tiny","strategies":["atomic"],"threadCounts":[1],"incrementsPerThread":1000,
             "trials":1,"warmupTrials":0}""";

    @TempDir
    Path store;

    private Map<String, String> settings() {
        return Map.of("playground.store.directory", store.toString());
    }

    @Test
    void aKilledInstanceLeavesFinishedExperimentsIntactRunsTheQueuedOnesAndFailsTheRunningOne() throws Exception {
        String finishedId;
        String finishedJson;
        String runningId;
        String queuedId;
        try (PackagedInstance first = PackagedInstance.start("first", settings())) {
            finishedId = first.submit(TINY, 60).get("id").asText();
            finishedJson = first.get("/api/experiments/" + finishedId).body();
            runningId = first.submit(LONG, 0).get("id").asText();
            queuedId = first.submit(TINY, 0).get("id").asText();
            first.await(runningId, e -> e.path("runs").size() >= 1, Duration.ofSeconds(60),
                    "running with its runs stored part-way");
            first.kill();
        }
        assertTrue(Files.exists(store.resolve("experiments.mv.db")), "the store is a file in the configured directory");
        try (PackagedInstance second = PackagedInstance.start("second", settings())) {
            assertEquals(finishedJson, second.get("/api/experiments/" + finishedId).body(),
                    "a finished experiment reads byte for byte as before");
            JsonNode orphan = second.experiment(runningId);
            assertEquals("FAILED", orphan.get("status").asText(), orphan.toString());
            assertTrue(orphan.get("statusReason").asText().startsWith("the instance running it stopped"), orphan.toString());
            assertEquals(4, orphan.get("runs").size(), "the runs stored part-way before the kill are kept: " + orphan);
            for (JsonNode run : orphan.get("runs")) {
                assertTrue(run.get("trials").size() >= 1, "with the trials of the rounds stored: " + orphan);
            }
            JsonNode queued = second.await(queuedId, e -> e.get("status").asText().equals("COMPLETED"),
                    Duration.ofSeconds(60), "COMPLETED after the restart");
            assertEquals(1, queued.get("runs").size());
            assertEquals(second.experiment(queuedId).path("environment").path("instanceId").asText(),
                    queued.path("environment").path("instanceId").asText());
        }
    }

    @Test
    void aGracefulShutdownQueuesTheRunningExperimentAgainAndTheRestartRunsItWhole() throws Exception {
        String runningId;
        String queuedId;
        try (PackagedInstance first = PackagedInstance.start("first", settings())) {
            runningId = first.submit(LONG, 0).get("id").asText();
            queuedId = first.submit(TINY, 0).get("id").asText();
            first.await(runningId, e -> e.path("runs").size() >= 1, Duration.ofSeconds(60),
                    "running with its runs stored part-way");
            first.stop();
            assertTrue(first.output().stream().noneMatch(line -> line.contains("ERROR")),
                    "a clean shutdown: " + String.join("\n", first.output()));
        }
        try (PackagedInstance second = PackagedInstance.start("second", settings())) {
            JsonNode rerun = second.await(runningId, e -> e.get("status").asText().equals("COMPLETED"),
                    Duration.ofSeconds(60), "COMPLETED after the restart");
            assertEquals(4, rerun.get("runs").size(), "it ran whole, from its first run: " + rerun);
            for (JsonNode run : rerun.get("runs")) {
                assertEquals(3, run.get("trials").size(), "every run with all its trials, none twice: " + rerun);
            }
            assertTrue(rerun.path("statusReason").isMissingNode() || rerun.get("statusReason").isNull(), rerun.toString());
            JsonNode queued = second.await(queuedId, e -> e.get("status").asText().equals("COMPLETED"),
                    Duration.ofSeconds(60), "COMPLETED after the restart");
            assertTrue(queued.get("startedAt").asText().compareTo(rerun.get("startedAt").asText()) >= 0,
                    "the queue keeps its order: the requeued experiment, submitted first, ran first");
        }
    }

    @Test
    void aSecondProcessOnTheSameEmbeddedStoreGivesUpAndSaysWhy() throws Exception {
        try (PackagedInstance first = PackagedInstance.start("first", settings())) {
            Map.Entry<Integer, String> second = PackagedInstance.startExpectingExit("second", settings());
            assertEquals(1, second.getKey(), second.getValue());
            assertTrue(second.getValue().contains("Is another instance using it?"), second.getValue());
            assertEquals(200, first.get("/q/health/ready").statusCode(), "the first carries on");
        }
    }
}
