package dev.concurrency.playground;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) in a process of its own, as users
 * start it, on a port the OS picks: for tests that kill, stop and restart instances, which
 * {@code @QuarkusIntegrationTest} cannot do.
 */
final class PackagedInstance implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private PackagedInstance(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread.ofPlatform().daemon(true).name(name + "-output").start(this::readOutput);
    }

    /** Starts an instance with these {@code -D} settings and waits until it is ready. */
    static PackagedInstance start(String name, Map<String, String> settings) throws Exception {
        PackagedInstance instance = launch(name, settings);
        try {
            instance.port.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            instance.kill();
            fail(name + " did not start within 60 s; its output:\n" + String.join("\n", instance.output));
        }
        instance.awaitReady();
        return instance;
    }

    /** Starts an instance that is expected to give up: its exit code, and what it printed. */
    static Map.Entry<Integer, String> startExpectingExit(String name, Map<String, String> settings) throws Exception {
        PackagedInstance instance = launch(name, settings);
        if (!instance.process.waitFor(60, TimeUnit.SECONDS)) {
            instance.kill();
            fail(name + " was expected to exit, and still ran after 60 s: " + String.join("\n", instance.output));
        }
        Thread.sleep(200); // the output reader may lag the exit by a moment
        return Map.entry(instance.process.exitValue(), String.join("\n", instance.output));
    }

    private static PackagedInstance launch(String name, Map<String, String> settings) throws Exception {
        Path jar = Path.of(System.getProperty("buildDir", "target"), "quarkus-app", "quarkus-run.jar");
        assertTrue(jar.toFile().isFile(), "the packaged app " + jar + " exists (run ./mvnw package)");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Dquarkus.http.port=0");
        command.add("-Dquarkus.http.host=127.0.0.1");
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new PackagedInstance(name, process);
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    port.complete(Integer.parseInt(listening.group(1)));
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
        port.completeExceptionally(new IllegalStateException(name + " exited"));
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(100);
        }
        fail(name + " is not ready after 60 s; its output:\n" + String.join("\n", output));
    }

    String base() {
        return "http://127.0.0.1:" + port.join();
    }

    String name() {
        return name;
    }

    List<String> output() {
        return List.copyOf(output);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Submits an experiment; {@code waitSeconds} > 0 asks to wait for its end. */
    JsonNode submit(String body, int waitSeconds) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/api/experiments"))
                .timeout(Duration.ofSeconds(waitSeconds + 30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (waitSeconds > 0) {
            request.header("Prefer", "wait=" + waitSeconds);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() == 200 || response.statusCode() == 202,
                name + " accepted the experiment: " + response.statusCode() + " " + response.body());
        return JSON.readTree(response.body());
    }

    JsonNode experiment(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/experiments/" + id);
        assertTrue(response.statusCode() == 200, name + " has experiment " + id + ": " + response.statusCode() + " "
                + response.body());
        return JSON.readTree(response.body());
    }

    /** Polls until the experiment satisfies {@code condition}; fails after {@code max}. */
    JsonNode await(String id, Predicate<JsonNode> condition, Duration max, String what) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = experiment(id);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        return fail(name + ": experiment " + id + " did not become " + what + " within " + max + "; last seen: " + last);
    }

    /** SIGTERM, and waits for the process to end. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(name + " did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL: the process dies at once, as in a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
