package dev.concurrency.playground.api.experiment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.config.RunnerConfig;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@Tag("service")
class ExperimentResourceTest {

    private static final StrategyCatalog CATALOG = new StrategyCatalog();
    /**
     * The strategies whose counter is in the heap, which these tests run by the million; those with a backend
     * cost a round trip per increment and are run end to end by RedisExperimentTest.
     */
    private static final List<Strategy> IN_HEAP = CATALOG.all().stream()
            .filter(s -> s.backend().isEmpty() && s.runsIn(dev.concurrency.playground.strategy.WorkerKind.PLATFORM)).toList();
    /** How long a racy strategy is given to show a lost update before the test says it never races. */
    private static final Duration RACE_BUDGET = Duration.ofSeconds(60);
    private static final List<String> THREAD_SAFE = IN_HEAP.stream().filter(Strategy::threadSafe)
            .map(Strategy::id).toList();

    @Inject
    RunnerConfig config;

    @Test
    void aSubmissionIsAcceptedWithItsLocationAndCanBePolledToCompletion() {
        Response accepted = given().contentType(ContentType.JSON)
                .body("""
                        {"name": "poll me", "strategies": ["atomic"], "threadCounts": [2], "incrementsPerThread": 1000, "trials": 2}""")
                .when().post("/api/experiments")
                .then().statusCode(202)
                .contentType(ContentType.JSON)
                .header("Location", notNullValue())
                .body("status", oneOf("QUEUED", "RUNNING", "COMPLETED"))
                .body("name", equalTo("poll me"))
                .body("spec.threadType", equalTo("platform"))
                .body("spec.incrementsPerThread", equalTo(1000))
                .body("spec.trials", equalTo(2))
                .body("spec.warmupTrials", equalTo(1))
                .body("progress.totalRuns", equalTo(1))
                .extract().response();
        String id = accepted.path("id");
        String location = accepted.header("Location");
        assertTrue(location.endsWith("/api/experiments/" + id), location);

        JsonPath finished = poll(location);
        assertEquals("COMPLETED", finished.getString("status"));
        assertEquals(1, finished.getInt("progress.completedRuns"));
        assertEquals(2, finished.getInt("runs[0].summary.measuredTrials"));
        assertEquals(List.of(1, 2), finished.getList("runs[0].trials.trial"));
        assertTrue(finished.getString("environment.javaVersion").length() > 0);
        assertTrue(finished.getInt("environment.availableProcessors") >= 1);
        assertTrue(finished.getList("environment.garbageCollectors").size() >= 1);
        assertEquals("0.1.0-SNAPSHOT", finished.getString("environment.playgroundVersion"));
        assertTrue(finished.getString("environment.quarkusVersion").startsWith("3."));
    }

    @Test
    void everyThreadSafeStrategyLosesNothingAtOneTwoAndFourThreads() {
        JsonPath experiment = submitAndWait(Map.of(
                "strategies", THREAD_SAFE,
                "threadCounts", List.of(1, 2, 4),
                "incrementsPerThread", 20_000,
                "trials", 3,
                "warmupTrials", 0));
        assertEquals("COMPLETED", experiment.getString("status"));
        List<Map<String, Object>> runs = experiment.getList("runs");
        assertEquals(THREAD_SAFE.size() * 3, runs.size());
        for (int r = 0; r < runs.size(); r++) {
            String run = "runs[" + r + "]";
            int threads = experiment.getInt(run + ".threads");
            String strategy = experiment.getString(run + ".strategy");
            assertTrue(experiment.getBoolean(run + ".threadSafe"), strategy);
            assertEquals(0, experiment.getInt(run + ".summary.corruptedTrials"), strategy + " at " + threads);
            String verdict = experiment.getString(run + ".verdict");
            if (threads == 1) {
                assertEquals("INCONCLUSIVE", verdict, "one thread cannot race");
            } else {
                assertTrue(List.of("NO_CORRUPTION_OBSERVED", "INCONCLUSIVE").contains(verdict), verdict);
            }
            // The sentences themselves are pinned in JudgementTest; here, that the run's own figures reached it.
            String reason = experiment.getString(run + ".verdictReason");
            assertTrue(!reason.contains("not thread-safe"), "a thread-safe strategy is never called unsafe: " + reason);
            assertTrue(threads == 1 ? reason.startsWith("A single thread cannot race")
                    : reason.contains("all " + threads + " threads"), reason);
            assertEquals(threads > experiment.getInt("environment.availableProcessors"),
                    experiment.getBoolean(run + ".oversubscribed"));
            for (Map<String, Object> trial : experiment.<Map<String, Object>>getList(run + ".trials")) {
                assertEquals(0, ((Number) trial.get("lostUpdates")).longValue(), strategy + " at " + threads);
                assertEquals(threads * 20_000L, ((Number) trial.get("expectedCount")).longValue());
                assertOverlapAndCountsAreSane(trial);
                assertEquals(strategy.equals("cas-loop"), trial.containsKey("casFailures"), strategy);
            }
        }
    }

    /**
     * Whether one trial catches a race depends on scheduling, so the assertion is over many trials: in
     * fixed-time mode both threads increment for the whole 50 ms, and among twenty such trials at
     * least one must show a lost update. On a machine busy with other work the two threads may be given
     * the same core in turns for a whole experiment, so experiments are repeated until one catches a
     * race or a generous time budget is spent; a racy counter that loses nothing in all of them would
     * mean the harness does not run the threads together, or the JIT has folded the loop, and the
     * failure says how much the threads really overlapped and ran in parallel so one can tell which.
     */
    @Test
    void racyStrategiesLoseUpdatesInFixedTimeMode() {
        List<String> racy = IN_HEAP.stream().filter(s -> !s.threadSafe()).map(Strategy::id).toList();
        assertFalse(racy.isEmpty(), "the catalog has no racy strategy to test");
        for (String strategy : racy) {
            long deadline = System.nanoTime() + RACE_BUDGET.toNanos();
            int experiments = 0;
            double bestOverlap = 0;
            double bestParallelism = 0;
            JsonPath caught = null;
            do {
                JsonPath experiment = submitAndWait(Map.of(
                        "strategies", List.of(strategy),
                        "threadCounts", List.of(2),
                        "durationMillis", 50,
                        "trials", 20,
                        "warmupTrials", 1));
                experiments++;
                for (Map<String, Object> trial : experiment.<Map<String, Object>>getList("runs[0].trials")) {
                    assertOverlapAndCountsAreSane(trial);
                    bestOverlap = Math.max(bestOverlap, ((Number) trial.get("overlap")).doubleValue());
                    if (trial.get("parallelism") != null) {
                        bestParallelism = Math.max(bestParallelism, ((Number) trial.get("parallelism")).doubleValue());
                    }
                }
                if (experiment.getInt("runs[0].summary.corruptedTrials") >= 1) {
                    caught = experiment;
                }
            } while (caught == null && System.nanoTime() < deadline);
            assertNotNull(caught, String.format(Locale.ROOT, "%s lost no update in %d experiments of 20 fixed-time "
                    + "trials at 2 threads (%s); the best trial overlapped %.2f and kept %.2f cores busy", strategy,
                    experiments, RACE_BUDGET, bestOverlap, bestParallelism));
            assertEquals("CORRUPTED", caught.getString("runs[0].verdict"));
            assertSummaryMatchesTheTrials(caught);
        }
    }

    /** The run's statistics, computed here again from its trials: JMH's mean and 99.9 % Student-t error. */
    private static void assertSummaryMatchesTheTrials(JsonPath experiment) {
        double[] nsPerOp = experiment.<Number>getList("runs[0].trials.nsPerOp").stream()
                .mapToDouble(Number::doubleValue).toArray();
        assertEquals(20, nsPerOp.length);
        assertEquals(20, experiment.getInt("runs[0].summary.nsPerOp.n"));
        double mean = java.util.Arrays.stream(nsPerOp).average().orElseThrow();
        double squares = java.util.Arrays.stream(nsPerOp).map(v -> (v - mean) * (v - mean)).sum();
        // t(0.9995; 19 degrees of freedom) from a printed table of Student's t.
        double error = 3.8834 * Math.sqrt(squares / (nsPerOp.length - 1)) / Math.sqrt(nsPerOp.length);
        assertEquals(mean, experiment.getDouble("runs[0].summary.nsPerOp.mean"), mean * 1e-6 + 1e-9);
        assertEquals(error, experiment.getDouble("runs[0].summary.nsPerOp.error"), error * 1e-3 + 1e-9);
        double[] sorted = nsPerOp.clone();
        java.util.Arrays.sort(sorted);
        double p50 = experiment.getDouble("runs[0].summary.nsPerOp.p50");
        assertTrue(p50 >= sorted[9] && p50 <= sorted[10], "the median of 20 lies between the 10th and 11th: " + p50);
    }

    @Test
    void everyStrategyOnVirtualThreadsNeverCountsMoreThanExpected() {
        JsonPath experiment = submitAndWait(Map.of(
                "strategies", List.of("unsynchronized", "volatile", "synchronized", "atomic", "thread-local"),
                "threadCounts", List.of(1, 3, 2_000),
                "threadType", "virtual",
                "incrementsPerThread", 500,
                "trials", 2,
                "warmupTrials", 0));
        assertEquals("COMPLETED", experiment.getString("status"));
        for (Map<String, Object> trial : experiment.<Map<String, Object>>getList("runs.trials.flatten()")) {
            assertOverlapAndCountsAreSane(trial);
        }
        assertEquals(List.of("virtual"), experiment.getList("runs.threadType").stream().distinct().toList());
    }

    @Test
    void preferWaitAnswersWithTheFinishedExperiment() {
        given().contentType(ContentType.JSON).header("Prefer", "wait=60")
                .body("""
                        {"strategies": ["long-adder"], "threadCounts": [1, 2], "incrementsPerThread": 1000}""")
                .when().post("/api/experiments")
                .then().statusCode(200)
                .header("Preference-Applied", "wait=60")
                .header("Location", notNullValue())
                .body("status", equalTo("COMPLETED"))
                .body("runs", hasSize(2))
                .body("runs.summary.corruptedTrials", everyItem(is(0)));
    }

    @Test
    void preferWaitThatRunsOutAnswersWithTheExperimentStillInProgress() {
        Response response = given().contentType(ContentType.JSON).header("Prefer", "respond-async, wait=1")
                .body("""
                        {"strategies": ["fair-lock"], "threadCounts": [2], "durationMillis": 1500, "trials": 1, "warmupTrials": 0}""")
                .when().post("/api/experiments")
                .then().statusCode(202)
                .header("Preference-Applied", "wait=1")
                .body("status", oneOf("QUEUED", "RUNNING"))
                .extract().response();
        assertEquals("COMPLETED", poll(response.header("Location")).getString("status"));
    }

    @Test
    void manyClientsCanWaitAtOnce() throws Exception {
        // More waiting clients than the default worker pool has threads (20): waiting must not hold one
        // each. Fewer than the queue's capacity, so none is refused.
        int clients = 28;
        assertTrue(clients < config.queue().capacity(), "the configured queue must take them all: " + config.queue().capacity());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                statuses.add(pool.submit(() -> given().contentType(ContentType.JSON).header("Prefer", "wait=120")
                        .body("""
                                {"strategies": ["atomic"], "threadCounts": [1], "incrementsPerThread": 100, "trials": 1, "warmupTrials": 0}""")
                        .when().post("/api/experiments").statusCode()));
            }
            given().when().get("/api/strategies").then().statusCode(200);
            for (Future<Integer> status : statuses) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listingShowsNewestFirstAndFiltersByStatus() {
        String first = submitAndWait(Map.of("name", "older", "strategies", List.of("atomic"), "threadCounts", List.of(1),
                "incrementsPerThread", 10, "trials", 1)).getString("id");
        String second = submitAndWait(Map.of("name", "newer", "strategies", List.of("atomic"), "threadCounts", List.of(1),
                "incrementsPerThread", 10, "trials", 1)).getString("id");
        List<String> ids = given().queryParam("limit", 100).when().get("/api/experiments")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertTrue(ids.indexOf(second) < ids.indexOf(first), "newest first: " + ids);

        given().queryParam("limit", 1).when().get("/api/experiments")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].runs", nullValue());
        given().queryParam("status", "completed").queryParam("limit", 100).when().get("/api/experiments")
                .then().statusCode(200).body("items.status", everyItem(equalTo("COMPLETED")));
    }

    @Test
    void theCatalogListsEveryStrategyWithItsLesson() {
        given().when().get("/api/strategies").then().statusCode(200)
                .body("id", contains(CATALOG.ids().toArray()))
                .body("family", contains(CATALOG.all().stream().map(s -> s.family().name().toLowerCase(Locale.ROOT)).toArray()))
                .body("description", everyItem(notNullValue()));
        given().when().get("/api/strategies/thread-local").then().statusCode(200)
                .body("family", equalTo("confinement"))
                .body("threadSafe", equalTo(true))
                .body("javaApi", notNullValue())
                .body("summary", notNullValue());
        given().when().get("/api/strategies/unsynchronized").then().statusCode(200)
                .body("threadSafe", equalTo(false))
                .body("description", org.hamcrest.Matchers.containsString("JIT"));
    }

    @Test
    void theCatalogSaysWhereEachStrategyRunsAndWhetherItIsSafeThere() {
        given().when().get("/api/strategies/synchronized").then().statusCode(200)
                .body("threadSafe", equalTo(true))
                .body("workerKinds.kind", contains("platform", "virtual", "process"))
                .body("workerKinds.threadSafe", contains(true, true, false));
        given().when().get("/api/strategies/atomic").then().statusCode(200)
                .body("workerKinds.threadSafe", contains(true, true, true));
        given().when().get("/api/strategies/long-adder").then().statusCode(200)
                .body("workerKinds.kind", contains("platform", "virtual"));
    }

    /**
     * One experiment in child processes, end to end: the safe strategy loses nothing, the in-JVM lock (each
     * process has its own) is judged by its safety across processes, and the runs say they ran in processes,
     * warmed up in the children.
     */
    @Test
    void anExperimentInChildProcessesRunsAndIsJudgedByTheSafetyAcrossProcesses() {
        JsonPath done = given().contentType(ContentType.JSON).header("Prefer", "wait=120")
                .body("""
                        {"strategies": ["atomic", "synchronized"], "threadCounts": [2], "threadType": "process",
                         "incrementsPerThread": 100000, "trials": 1}""")
                .when().post("/api/experiments")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        assertEquals("process", done.getString("spec.threadType"));
        assertEquals(List.of("process", "process"), done.getList("runs.threadType"));
        assertEquals(List.of(true, false), done.getList("runs.threadSafe"));
        assertEquals(200_000L, done.getLong("runs[0].trials[0].expectedCount"));
        assertEquals(200_000L, done.getLong("runs[0].trials[0].actualCount"));
        assertTrue(done.getLong("runs[1].trials[0].actualCount") <= 200_000L);
        assertEquals(Integer.valueOf(100), done.get("runs[0].warmup.childWarmupCpuMillis"));
        given().contentType(ContentType.JSON)
                .body("""
                        {"strategies": ["long-adder"], "threadCounts": [2], "threadType": "process"}""")
                .when().post("/api/experiments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("strategies[0]"));
    }

    @Test
    void anUnknownExperimentIsAProblem() {
        given().when().get("/api/experiments/no-such-id").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("instance", endsWith("/api/experiments/no-such-id"));
    }

    private static void assertOverlapAndCountsAreSane(Map<String, Object> trial) {
        long expected = ((Number) trial.get("expectedCount")).longValue();
        long actual = ((Number) trial.get("actualCount")).longValue();
        double overlap = ((Number) trial.get("overlap")).doubleValue();
        assertTrue(actual <= expected, "counted " + actual + " of " + expected);
        assertEquals(expected - actual, ((Number) trial.get("lostUpdates")).longValue());
        assertTrue(overlap >= 0.0 && overlap <= 1.0, "overlap " + overlap);
    }

    private static JsonPath submitAndWait(Map<String, Object> request) {
        return given().contentType(ContentType.JSON).header("Prefer", "wait=300").body(request)
                .when().post("/api/experiments")
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath poll(String location) {
        for (int attempt = 0; attempt < 600; attempt++) {
            JsonPath experiment = given().when().get(location).then().statusCode(200).extract().jsonPath();
            if (!List.of("QUEUED", "RUNNING").contains(experiment.getString("status"))) {
                return experiment;
            }
            sleep(100);
        }
        throw new AssertionError("experiment at " + location + " did not finish within a minute");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
