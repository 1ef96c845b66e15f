package dev.concurrency.playground.api.experiment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concurrency.playground.experiment.event.ExperimentEvents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Cancellation, removal and live progress of experiments. */
@QuarkusTest
@Tag("service")
class ExperimentLifecycleTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    ExperimentEvents experimentEvents;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aQueuedExperimentCanBeCancelledAndARunningOneStopsPromptlyKeepingItsTrials() throws Exception {
        // 100 trials of 200 ms: 20 s, long enough that only the cancellation can end it soon.
        String running = submit(Map.of("strategies", List.of("fair-lock"), "threadCounts", List.of(2),
                "durationMillis", 200, "trials", 100, "warmupTrials", 0, "name", "long"));
        String queued = submit(Map.of("strategies", List.of("atomic"), "threadCounts", List.of(1),
                "incrementsPerThread", 1000, "trials", 1));
        awaitStatus(running, "RUNNING");
        given().when().delete("/api/experiments/" + queued).then().statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("statusReason", equalTo("cancelled by request"))
                .body("runs.size()", equalTo(0));

        awaitTrialEvents(running, 3);
        JsonPath cancelled = given().when().delete("/api/experiments/" + running).then().statusCode(200)
                .body("status", equalTo("CANCELLED")).extract().jsonPath();
        Duration ran = Duration.between(Instant.parse(cancelled.getString("startedAt")),
                Instant.parse(cancelled.getString("finishedAt")));
        assertTrue(ran.compareTo(Duration.ofSeconds(15)) < 0, "a 20 s experiment stopped after " + ran);
        int kept = cancelled.getInt("runs[0].summary.measuredTrials");
        assertTrue(kept >= 3, "the trials completed before the cancellation are kept: " + kept);
        assertEquals(kept, cancelled.getList("runs[0].trials").size());

        // Finished experiments are removed by DELETE; then they are gone.
        given().when().delete("/api/experiments/" + running).then().statusCode(204);
        given().when().get("/api/experiments/" + running).then().statusCode(404);
        given().when().delete("/api/experiments/" + running).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theEventStreamTellsTheWholeStoryAndEnds() throws Exception {
        String id = submit(Map.of("strategies", List.of("atomic", "volatile"), "threadCounts", List.of(1, 2),
                "durationMillis", 20, "trials", 3, "warmupTrials", 0));
        List<Event> events = follow(id);
        List<String> names = events.stream().map(Event::name).toList();
        assertEquals("state", names.getFirst(), names.toString());
        assertEquals("end", names.getLast(), names.toString());
        assertEquals("COMPLETED", events.getLast().data().path("status").asText());
        assertEquals(4, events.getLast().data().path("runs").size());
        // A follower that joins late may miss early events, but never gets more than there were.
        assertTrue(names.stream().filter("trial"::equals).count() <= 12, names.toString());
        assertTrue(names.stream().filter("run"::equals).count() <= 4, names.toString());

        // Following an experiment that has finished: its state, then the end.
        List<Event> late = follow(id);
        assertEquals(List.of("state", "end"), late.stream().map(Event::name).toList());
    }

    @Test
    void aFollowerFromTheStartSeesEveryTrialAndRun() throws Exception {
        // The blocker runs until it is deleted, and it is deleted only once the follower is in: the
        // experiment is certainly still queued when it is subscribed to, however loaded the machine.
        // (A 500 ms blocker could end first, and then the follower missed the first trials.)
        String blocker = submit(Map.of("strategies", List.of("atomic"), "threadCounts", List.of(1),
                "durationMillis", 1000, "trials", 60, "warmupTrials", 0));
        String id = submit(Map.of("strategies", List.of("long-adder", "cas-loop"), "threadCounts", List.of(2),
                "durationMillis", 20, "trials", 4, "warmupTrials", 1));
        CompletableFuture<List<Event>> following = CompletableFuture.supplyAsync(() -> {
            try {
                return follow(id);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        for (int i = 0; i < 600 && experimentEvents.followers(id) == 0 && !following.isDone(); i++) {
            pause();
        }
        assertEquals(1, experimentEvents.followers(id), "the follower subscribed while the experiment was queued");
        given().when().delete("/api/experiments/" + blocker).then().statusCode(200);
        List<Event> events = following.get(120, TimeUnit.SECONDS);
        List<String> names = events.stream().map(Event::name).toList();
        assertEquals("state", names.getFirst(), names.toString());
        assertEquals("QUEUED", events.getFirst().data().path("status").asText(), names.toString());
        assertTrue(names.contains("status"), "a queued experiment is seen to start: " + names);
        assertEquals(8, names.stream().filter("trial"::equals).count(), names.toString());
        assertEquals(2, names.stream().filter("run"::equals).count(), names.toString());
        Event firstTrial = events.stream().filter(e -> e.name().equals("trial")).findFirst().orElseThrow();
        assertEquals("long-adder", firstTrial.data().path("strategy").asText());
        assertEquals(1, firstTrial.data().path("trial").path("trial").asInt());
        Event firstRun = events.stream().filter(e -> e.name().equals("run")).findFirst().orElseThrow();
        assertTrue(firstRun.data().path("summary").path("nsPerOp").has("mean"));
        assertTrue(firstRun.data().has("verdict"));
        given().when().get("/api/experiments/" + blocker).then().body("status", equalTo("CANCELLED"));
    }

    @Test
    void followingAnUnknownExperimentIsAProblem() {
        given().accept("text/event-stream").when().get("/api/experiments/nope/events").then().statusCode(404)
                .contentType("application/problem+json");
    }

    record Event(String name, JsonNode data) {
    }

    private List<Event> follow(String id) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/experiments/" + id + "/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(120)).build();
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        List<Event> events = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, json.readTree(data.toString())));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        }
        return events;
    }

    private static String submit(Map<String, Object> request) {
        return given().contentType(ContentType.JSON).body(request).when().post("/api/experiments")
                .then().statusCode(202).extract().path("id");
    }

    private static void awaitStatus(String id, String status) {
        for (int i = 0; i < 600; i++) {
            if (status.equals(given().when().get("/api/experiments/" + id).path("status"))) {
                return;
            }
            pause();
        }
        throw new AssertionError(id + " never reached " + status);
    }

    /** Follows the experiment's events in the background until it has reported that many trials. */
    private void awaitTrialEvents(String id, int trials) throws Exception {
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/experiments/" + id + "/events"))
                .header("Accept", "text/event-stream").build();
        var stream = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body()
                        .filter(line -> line.equals("event:trial"))
                        .takeWhile(line -> seen.incrementAndGet() < trials)
                        .forEach(line -> { }));
        stream.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(seen.get() >= trials, "saw " + seen.get() + " trials");
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
