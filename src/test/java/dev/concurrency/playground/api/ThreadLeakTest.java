package dev.concurrency.playground.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Every trial creates its own threads; none may survive it, however many experiments run. */
@QuarkusTest
@Tag("service")
class ThreadLeakTest {

    @Test
    void hundredsOfExperimentsLeaveNoThreadBehind() {
        runSmallExperiments(20); // let the HTTP and JIT thread pools reach their working size first
        int baseline = liveThreads();
        runSmallExperiments(300);
        assertEquals(List.of(), trialThreads(), "trial threads (workers, owners, event loops) still alive");
        int after = liveThreads();
        // Pools may grow by a few idle threads under a new load pattern; 300 experiments of 10 workers and
        // 4 owners each would leak thousands.
        assertTrue(after <= baseline + 10, "live threads grew from " + baseline + " to " + after);
    }

    private static void runSmallExperiments(int count) {
        for (int i = 0; i < count; i++) {
            String threadType = i % 2 == 0 ? "platform" : "virtual";
            given().contentType(ContentType.JSON).header("Prefer", "wait=60")
                    .body("{\"strategies\": [\"thread-local\", \"synchronized\", \"single-writer\", \"event-loop\"],"
                            + " \"threadCounts\": [1, 4],"
                            + " \"threadType\": \"" + threadType + "\", \"incrementsPerThread\": 50, \"trials\": 1,"
                            + " \"warmupTrials\": 0}")
                    .when().post("/api/experiments").then().statusCode(200);
        }
    }

    private static int liveThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).count();
    }

    private static List<String> trialThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().startsWith("trial-worker-") || t.getName().startsWith("trial-owner-")))
                .map(Thread::getName).toList();
    }
}
