package dev.concurrency.playground.api.experiment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concurrency.playground.api.limits.FixedLimits;
import dev.concurrency.playground.config.LimitsConfig;
import dev.concurrency.playground.strategy.StrategyCatalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.config.SmallRyeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a client can get a request wrong, and what it must get back: a 4xx (never a 5xx) as
 * {@code application/problem+json} with {@code type}, {@code title}, {@code status}, a {@code detail} a
 * person can act on, the request path as {@code instance}, and, for field errors, a violation naming the
 * field.
 *
 * <p>Every row is invalid on purpose: a valid submission would queue a real experiment. Rows that probe
 * behaviour a laxer server might accept also carry an out-of-range {@code warmupTrials} (see
 * {@link #guard}), so even then nothing is queued.
 */
@QuarkusTest
@Tag("service")
class RequestValidationTest {

    private static final String EXPERIMENTS = "/api/experiments";
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final List<String> ALL_STRATEGY_IDS = new StrategyCatalog().ids();
    /** Those whose counter is in the heap: a Redis strategy also limits the threads, which these rows are not about. */
    private static final List<String> IN_HEAP_IDS = new StrategyCatalog().all().stream()
            .filter(s -> s.backend().isEmpty() && s.runsIn(dev.concurrency.playground.strategy.WorkerKind.PLATFORM))
            .map(dev.concurrency.playground.strategy.Strategy::id).toList();

    /**
     * The limits this instance enforces, as configured (application.properties, the environment): rows go
     * one past each, so they test the configured bound rather than a copy of today's default.
     */
    private static LimitsConfig limits() {
        return ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(LimitsConfig.class);
    }

    /**
     * One table row.
     *
     * @param description what the row checks; the test's display name
     * @param method HTTP method
     * @param path request path, possibly with a query string
     * @param contentType request Content-Type, or null to send none at all
     * @param body request body, or null to send none
     * @param status the expected HTTP status
     * @param field a {@code violations[].field} that must be present, or null when the problem must have no violations
     * @param accept Accept header, or null for REST Assured's default ({@code *}{@code /*})
     * @param detailContains text the {@code detail} must contain, or null
     */
    record Row(String description, String method, String path, String contentType, String body, int status,
               String field, String accept, String detailContains) {

        Row accept(String accept) {
            return new Row(description, method, path, contentType, body, status, field, accept, detailContains);
        }

        Row detailContains(String text) {
            return new Row(description, method, path, contentType, body, status, field, accept, text);
        }

        @Override
        public String toString() {
            return description;
        }
    }

    static Row row(String description, String method, String path, String contentType, String body, int status,
                   String field) {
        return new Row(description, method, path, contentType, body, status, field, null, null);
    }

    /** POST /api/experiments with a JSON body. */
    static Row post(String description, String body, int status, String field) {
        return row(description, "POST", EXPERIMENTS, JSON, body, status, field);
    }

    static Row get(String description, String path, int status, String field) {
        return row(description, "GET", path, null, null, status, field);
    }

    /** JSON written with single quotes, for readability. */
    static String j(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** The valid base body {"strategies":["atomic"],"threadCounts":[2]} with more members appended. */
    static String base(String extraMembers) {
        return j("{'strategies':['atomic'],'threadCounts':[2]," + extraMembers + "}");
    }

    static String strategies(String value) {
        return j("{'strategies':" + value + ",'threadCounts':[2]}");
    }

    static String threadCounts(String value) {
        return j("{'strategies':['atomic'],'threadCounts':" + value + "}");
    }

    static String threadCounts(String value, String extraMembers) {
        return j("{'strategies':['atomic'],'threadCounts':" + value + "," + extraMembers + "}");
    }

    /**
     * Makes a body invalid even if the server were laxer than it should be about the point a row probes
     * (type coercion, unknown or repeated fields, trailing content, media type): without it, such a
     * server would queue a real experiment. {@code warmupTrials: -1} fails bean validation, which only runs
     * once the body has been read, so it never hides the problem the row is about.
     */
    static String guard(String body) {
        return body.substring(0, body.lastIndexOf('}')) + ",\"warmupTrials\":-1}";
    }

    static String quotedList(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(",", "[", "]"));
    }

    static Stream<Arguments> invalidRequests() {
        LimitsConfig limits = limits();
        int strategyCount = ALL_STRATEGY_IDS.size();
        List<String> everyIdAndADuplicate = Stream.concat(ALL_STRATEGY_IDS.stream(), Stream.of(ALL_STRATEGY_IDS.get(0)))
                .toList();
        List<String> moreUnknownThanTheCatalogHas = IntStream.rangeClosed(1, strategyCount + 1)
                .mapToObj(i -> "nope-" + i).toList();
        String tooManyThreadCounts = IntStream.rangeClosed(1, FixedLimits.MAX_THREAD_COUNTS + 1).mapToObj(Integer::toString)
                .collect(Collectors.joining(",", "[", "]"));
        String longId = "x".repeat(10_000);
        String nameTooLong = "n".repeat(FixedLimits.MAX_NAME_LENGTH + 1);
        long platformOver = limits.maxPlatformThreads() + 1L;
        long virtualOver = limits.maxVirtualThreads() + 1L;

        return Stream.of(
                // --- strategies ---
                post("strategies missing", j("{'threadCounts':[2]}"), 400, "strategies"),
                post("strategies null", strategies("null"), 400, "strategies"),
                post("strategies empty", strategies("[]"), 400, "strategies"),
                post((strategyCount + 1) + " strategies (every id + a duplicate)",
                        strategies(quotedList(everyIdAndADuplicate)), 400, "strategies"),
                post((strategyCount + 1) + " unknown strategies", strategies(quotedList(moreUnknownThanTheCatalogHas)),
                        400, "strategies"),
                post("strategies [null]", strategies("[null]"), 400, "strategies[0]"),
                post("unknown strategy id", strategies(j("['nope']")), 400, "strategies[0]")
                        .detailContains("unsynchronized"),
                post("unknown strategy second in list", strategies(j("['atomic','nope']")), 400, "strategies[1]")
                        .detailContains("unsynchronized"),
                post("duplicate strategies", strategies(j("['atomic','atomic']")), 400, "strategies")
                        .detailContains("atomic"),
                post("strategy as a number", guard(strategies("[5]")), 400, "strategies[0]"),
                post("strategies as a string", guard(strategies(j("'atomic'"))), 400, "strategies"),
                post("strategies as an object", strategies(j("{'atomic':true}")), 400, "strategies"),
                post("10k-character strategy id", strategies("[\"" + longId + "\"]"), 400, "strategies[0]"),

                // --- threadCounts ---
                post("threadCounts missing", j("{'strategies':['atomic']}"), 400, "threadCounts"),
                post("threadCounts empty", threadCounts("[]"), 400, "threadCounts"),
                post("threadCounts [0]", threadCounts("[0]"), 400, "threadCounts[0]"),
                post("threadCounts [-1]", threadCounts("[-1]"), 400, "threadCounts[0]"),
                post(platformOver + " platform threads by default", threadCounts("[" + platformOver + "]"), 400,
                        "threadCounts[0]").detailContains("virtual"),
                post(platformOver + " platform threads explicitly",
                        threadCounts("[" + platformOver + "]", j("'threadType':'platform'")), 400, "threadCounts[0]")
                        .detailContains("virtual"),
                post(virtualOver + " virtual threads", threadCounts("[" + virtualOver + "]", j("'threadType':'virtual'")),
                        400, "threadCounts[0]"),
                post("duplicate thread counts", threadCounts("[2,2]"), 400, "threadCounts"),
                post((FixedLimits.MAX_THREAD_COUNTS + 1) + " distinct thread counts", threadCounts(tooManyThreadCounts), 400,
                        "threadCounts"),
                post("fractional thread count", guard(threadCounts("[1.5]")), 400, "threadCounts[0]"),
                post("thread count as a string", guard(threadCounts(j("['2']"))), 400, "threadCounts[0]"),
                post("threadCounts [null]", threadCounts("[null]"), 400, "threadCounts[0]"),
                post("thread count beyond int range", guard(threadCounts("[99999999999]")), 400,
                        "threadCounts[0]"),
                post("thread count as a boolean", guard(threadCounts("[true]")), 400, "threadCounts[0]"),
                post("threadCounts as a number", guard(threadCounts("2")), 400, "threadCounts"),

                // --- threadType ---
                post("threadType 'green'", guard(base(j("'threadType':'green'"))), 400, "threadType")
                        .detailContains("virtual"),
                post("threadType as a number", guard(base(j("'threadType':1"))), 400, "threadType"),
                // Enum values are matched in any case ("PLATFORM" is platform): see HostileRequestsTest.

                // --- workload ---
                post("incrementsPerThread 0", base(j("'incrementsPerThread':0")), 400, "incrementsPerThread"),
                post("incrementsPerThread -5", base(j("'incrementsPerThread':-5")), 400, "incrementsPerThread"),
                post("incrementsPerThread " + (limits.maxIncrementsPerThread() + 1),
                        base(j("'incrementsPerThread':" + (limits.maxIncrementsPerThread() + 1))), 400,
                        "incrementsPerThread"),
                post("incrementsPerThread as a string", guard(base(j("'incrementsPerThread':'1000'"))), 400,
                        "incrementsPerThread"),
                post("incrementsPerThread fractional", guard(base(j("'incrementsPerThread':1.5"))), 400,
                        "incrementsPerThread"),
                post("durationMillis 0", base(j("'durationMillis':0")), 400, "durationMillis"),
                post("durationMillis " + (limits.maxDurationMillis() + 1),
                        base(j("'durationMillis':" + (limits.maxDurationMillis() + 1))), 400, "durationMillis"),
                post("durationMillis -1", base(j("'durationMillis':-1")), 400, "durationMillis"),
                post("both incrementsPerThread and durationMillis",
                        base(j("'incrementsPerThread':1000,'durationMillis':100")), 400, "durationMillis"),

                // --- trials ---
                post("trials 0", base(j("'trials':0")), 400, "trials"),
                post("trials " + (limits.maxTrials() + 1), base(j("'trials':" + (limits.maxTrials() + 1))), 400,
                        "trials"),
                post("trials -1", base(j("'trials':-1")), 400, "trials"),
                post("trials as a string", guard(base(j("'trials':'5'"))), 400, "trials"),
                post("warmupTrials -1", base(j("'warmupTrials':-1")), 400, "warmupTrials"),
                post("warmupTrials " + (limits.maxWarmupTrials() + 1),
                        base(j("'warmupTrials':" + (limits.maxWarmupTrials() + 1))), 400, "warmupTrials"),

                // --- name ---
                post("name of " + nameTooLong.length() + " characters", base(j("'name':'" + nameTooLong + "'")), 400,
                        "name"),
                post("name as a number", guard(base(j("'name':5"))), 400, "name"),

                // --- body shape ---
                post("unknown field", guard(j("{'bogus':1,'strategies':['atomic'],'threadCounts':[2]}")), 400,
                        "bogus"),
                post("duplicate key", guard(base(j("'trials':1,'trials':2"))), 400, null),
                post("trailing garbage", guard(base(j("'trials':1"))) + " garbage", 400, null),
                post("trailing second object", guard(base(j("'trials':1"))) + "{}", 400, null),
                post("truncated JSON", j("{'strategies':['atomic'],'threadCounts':[2"), 400, null),
                post("empty body", "", 400, "body"),
                post("JSON null", "null", 400, "body"),
                post("array body", "[1,2]", 400, null),
                post("plain text in a JSON request", "hello", 400, null),
                post("2000 unclosed nested arrays", "[".repeat(2000), 400, null),
                post("2000 nested arrays", "[".repeat(2000) + "]".repeat(2000), 400, null),
                post("2000 nested arrays in a field",
                        j("{'strategies':") + "[".repeat(2000) + "]".repeat(2000) + j(",'threadCounts':[2]}"),
                        400, "strategies[0]"),
                post("JSON string body", "\"x\"", 400, null),

                // --- media types ---
                row("POST as text/plain", "POST", EXPERIMENTS, "text/plain", guard(base(j("'trials':1"))), 415, null)
                        .detailContains("application/json"),
                row("POST as application/xml", "POST", EXPERIMENTS, "application/xml", "<experiment/>", 415, null)
                        .detailContains("application/json"),
                // Quarkus REST reads a body without Content-Type with the method's @Consumes type, so this is
                // validated as JSON; the guard makes it a 400 rather than a queued experiment.
                row("POST without Content-Type", "POST", EXPERIMENTS, null, guard(base(j("'trials':1"))), 400,
                        "warmupTrials"),
                get("GET strategies accepting text/html", "/api/strategies", 406, null).accept("text/html")
                        .detailContains("application/json"),
                get("GET strategies accepting application/xml", "/api/strategies", 406, null)
                        .accept("application/xml"),

                // --- methods ---
                row("DELETE /api/strategies", "DELETE", "/api/strategies", null, null, 405, null),
                row("PUT /api/experiments", "PUT", EXPERIMENTS, JSON, guard(base(j("'trials':1"))), 405, null),
                row("PATCH /api/strategies/atomic", "PATCH", "/api/strategies/atomic", JSON, "{}", 405, null),
                row("POST /api/strategies", "POST", "/api/strategies", JSON, "{}", 405, null),
                row("DELETE an unknown experiment", "DELETE", "/api/experiments/some-id", null, null, 404, null),
                row("POST /api/experiments/some-id", "POST", "/api/experiments/some-id", JSON,
                        guard(base(j("'trials':1"))), 405, null),

                // --- unknown paths ---
                get("unknown API path", "/api/nope", 404, null),
                get("unknown strategy", "/api/strategies/nope", 404, null).detailContains("unsynchronized"),
                get("unknown experiment", "/api/experiments/does-not-exist", 404, null)
                        .detailContains("does-not-exist"),

                // --- list parameters ---
                get("limit 0", EXPERIMENTS + "?limit=0", 400, "limit"),
                get("limit " + (FixedLimits.MAX_PAGE_SIZE + 1), EXPERIMENTS + "?limit=" + (FixedLimits.MAX_PAGE_SIZE + 1), 400,
                        "limit"),
                get("limit not a number", EXPERIMENTS + "?limit=abc", 400, "limit"),
                get("limit negative", EXPERIMENTS + "?limit=-1", 400, "limit"),
                get("unknown status", EXPERIMENTS + "?status=DONE", 400, "status").detailContains("COMPLETED"),
                get("fractional limit", EXPERIMENTS + "?limit=1.5", 400, "limit"),
                get("limit beyond int range", EXPERIMENTS + "?limit=99999999999", 400, "limit"),

                // --- more paths and methods ---
                row("POST /api/limits", "POST", "/api/limits", JSON, "{}", 405, null),
                row("DELETE /api/limits", "DELETE", "/api/limits", null, null, 405, null),
                row("POST to an experiment's events", "POST", "/api/experiments/some-id/events", JSON, "{}", 405, null),
                row("PUT an experiment's export", "PUT", "/api/experiments/some-id/jmh", JSON, "{}", 405, null),
                row("POST to an experiment's chart", "POST", "/api/experiments/some-id/charts/cost.svg", JSON, "{}", 405, null),
                row("DELETE an experiment's chart", "DELETE", "/api/experiments/some-id/charts/cost.svg", null, null, 405, null),
                row("PUT a comparison chart", "PUT", "/api/comparisons/chart.svg", JSON, "{}", 405, null),
                get("a chart of an unknown experiment", "/api/experiments/nope/charts/cost.svg", 404, null),
                get("events of an unknown experiment", "/api/experiments/nope/events", 404, null),
                get("export of an unknown experiment", "/api/experiments/nope/jmh", 404, null),
                get("a path below a strategy", "/api/strategies/atomic/nope", 404, null),

                // --- size and shape attacks ---
                post("body over 64 KiB", base(j("'name':'" + "x".repeat(70_000) + "'")), 413, null)
                        .detailContains("bytes"),
                post("1000 nested objects in a field", j("{'name':") + "{\"a\":".repeat(1000) + "1"
                        + "}".repeat(1000) + j(",'strategies':['atomic'],'threadCounts':[2]}"), 400, "name"),
                post("top-level number", "5", 400, null),
                post("form-encoded body sent as JSON", "strategies=atomic&threadCounts=2", 400, null),
                post("empty object", "{}", 400, "strategies"),

                // --- values that must be read literally ---
                post("empty strategy id", strategies(j("['']")), 400, "strategies[0]"),
                post("strategy id with spaces", strategies(j("[' atomic']")), 400, "strategies[0]"),
                post("strategy id with a NUL character", strategies("[\"atomic\\u0000\"]"), 400, "strategies[0]"),
                post("expression in a strategy id is not evaluated", strategies(j("['${1+1}']")), 400,
                        "strategies[0]").detailContains("${1+1}"),
                post("message template in a strategy id is not interpolated", strategies(j("['{min}']")), 400,
                        "strategies[0]").detailContains("{min}"),
                post("name as an object", guard(base(j("'name':{}"))), 400, "name"),
                post("name as an array", guard(base(j("'name':['a']"))), 400, "name"),
                post("warmupTrials as a boolean", guard(base(j("'warmupTrials':true"))), 400, "warmupTrials"),
                post("trials beyond int range", base(j("'trials':1000000000000")), 400, "trials"),
                post("incrementsPerThread beyond long range", base(j("'incrementsPerThread':100000000000000000000")),
                        400, "incrementsPerThread"),
                post("incrementsPerThread in exponent notation", guard(base(j("'incrementsPerThread':1e3"))), 400,
                        "incrementsPerThread"),
                post("durationMillis as a string", guard(base(j("'durationMillis':'100'"))), 400, "durationMillis"),

                // --- limits on the experiment as a whole ---
                // Each field at its limit, together far beyond the limit on the whole.
                post("more increments in total than allowed",
                        j("{'strategies':" + quotedList(IN_HEAP_IDS) + ",'threadCounts':[" + limits.maxPlatformThreads()
                                + "],'incrementsPerThread':" + limits.maxIncrementsPerThread() + "}"), 400,
                        "incrementsPerThread").detailContains("max-total-increments"),
                post("a fixed-time experiment longer than allowed",
                        j("{'strategies':" + quotedList(IN_HEAP_IDS) + ",'threadCounts':[1,2],'durationMillis':"
                                + limits.maxDurationMillis() + ",'trials':" + limits.maxTrials() + "}"), 400,
                        "durationMillis").detailContains("max-experiment-wall-time"),
                post("the most virtual threads doing the most increments each",
                        threadCounts("[" + limits.maxVirtualThreads() + "]", j("'threadType':'virtual','incrementsPerThread':"
                                + limits.maxIncrementsPerThread())), 400, "incrementsPerThread"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void everyBadRequestGetsAProblem(Row row) throws Exception {
        Reply reply = send(row);
        String context = row.method() + " " + row.path() + " -> " + reply;

        assertThat("never a 5xx: " + context, reply.status(), lessThan(500));
        assertThat("status: " + context, reply.status(), equalTo(row.status()));
        assertThat("Content-Type: " + context, reply.contentType(), startsWith(PROBLEM_JSON));
        assertThat("non-empty body: " + context, reply.body(), not(emptyOrNullString()));

        JsonPath problem = new JsonPath(reply.body());
        assertThat("type: " + context, problem.getString("type"), not(emptyOrNullString()));
        assertThat("title: " + context, problem.getString("title"), not(emptyOrNullString()));
        assertThat("status member: " + context, problem.get("status"), equalTo((Object) reply.status()));
        assertThat("detail: " + context, problem.getString("detail"), notNullValue());
        assertThat("detail not blank: " + context, problem.getString("detail").isBlank(), is(false));
        assertThat("instance: " + context, problem.getString("instance"), equalTo(pathOnly(row.path())));
        if (row.field() != null) {
            List<String> fields = problem.getList("violations.field", String.class);
            assertThat("violations: " + context, fields, notNullValue());
            assertThat("violations.field: " + context, fields, hasItem(row.field()));
        } else {
            assertThat("no violations expected: " + context, problem.get("violations"), nullValue());
        }
        if (row.detailContains() != null) {
            assertThat("detail: " + context, problem.getString("detail"), containsString(row.detailContains()));
        }
        if (reply.status() == 405) {
            assertThat("Allow header on a 405: " + context, reply.allow(), not(emptyOrNullString()));
        }
    }

    static Stream<Arguments> unsupportedMethods() {
        return Stream.of(
                Arguments.of("/api/strategies", "/api/strategies", "DELETE"),
                Arguments.of("/api/strategies/atomic", "/api/strategies/{id}", "PUT"),
                Arguments.of("/api/experiments", "/api/experiments", "DELETE"),
                Arguments.of("/api/experiments/some-id", "/api/experiments/{id}", "PUT"));
    }

    /**
     * The Allow header of a 405 must list what the path really supports. The OpenAPI document is the
     * reference (the methods it documents, plus the HEAD and OPTIONS that JAX-RS adds), not Quarkus's
     * automatic OPTIONS answer, which also lists the parent path's POST on /api/experiments/{id}.
     */
    @ParameterizedTest(name = "{2} {0}: 405 Allow matches the documented methods")
    @MethodSource("unsupportedMethods")
    void allowOnA405ListsTheDocumentedMethods(String path, String template, String unsupported) throws Exception {
        JsonNode documented = new ObjectMapper().readTree(Files.readString(Path.of("openapi/openapi.json")))
                .path("paths").path(template);
        Set<String> expected = new java.util.TreeSet<>(Set.of("OPTIONS"));
        documented.fieldNames().forEachRemaining(method -> expected.add(method.toUpperCase(java.util.Locale.ROOT)));
        if (expected.contains("GET")) {
            expected.add("HEAD");
        }
        assertThat("documented methods of " + template, expected.size(), greaterThan(1));

        RequestSpecification request = given();
        if (unsupported.equals("PUT")) {
            request = request.contentType(JSON).body(guard(base(j("'trials':1"))));
        }
        Response refused = request.when().request(unsupported, path);
        String context = unsupported + " " + path + " -> " + refused.statusCode() + " Allow="
                + refused.headers().getValues("Allow") + " " + refused.asString();
        assertThat(context, refused.statusCode(), equalTo(405));
        assertThat(context, refused.contentType(), startsWith(PROBLEM_JSON));
        assertThat(context, methods(refused.headers().getValues("Allow")), equalTo(expected));
    }

    private static Set<String> methods(List<String> allowHeaders) {
        return allowHeaders.stream()
                .flatMap(header -> Arrays.stream(header.split(",")))
                .map(String::trim)
                .filter(token -> !token.isEmpty())
                .map(token -> token.toUpperCase(java.util.Locale.ROOT))
                .collect(Collectors.toSet());
    }

    private static String pathOnly(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** What came back, whichever client sent the request. */
    record Reply(int status, String contentType, String allow, String body) {
        @Override
        public String toString() {
            String shown = body == null ? "<no body>" : body.length() > 2000 ? body.substring(0, 2000) + "..." : body;
            return status + " [Content-Type: " + contentType + ", Allow: " + allow + "] " + shown;
        }
    }

    private static Reply send(Row row) throws Exception {
        if (row.contentType() == null && row.body() != null) {
            // REST Assured always labels a body with some Content-Type; send this one without any.
            return sendWithoutContentType(row);
        }
        RequestSpecification request = given();
        if (row.accept() != null) {
            request = request.accept(row.accept());
        }
        if (row.contentType() != null) {
            request = request.contentType(row.contentType());
        }
        if (row.body() != null) {
            request = request.body(row.body().getBytes(StandardCharsets.UTF_8));
        }
        Response response = request.when().request(row.method(), row.path());
        List<String> allow = response.headers().getValues("Allow");
        return new Reply(response.statusCode(), response.contentType(),
                allow.isEmpty() ? null : String.join(", ", allow), response.asString());
    }

    private static Reply sendWithoutContentType(Row row) throws Exception {
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + row.path());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .method(row.method(), HttpRequest.BodyPublishers.ofString(row.body(), StandardCharsets.UTF_8));
        if (row.accept() != null) {
            builder.header("Accept", row.accept());
        }
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().allValues("Allow").isEmpty() ? null
                            : String.join(", ", response.headers().allValues("Allow")),
                    response.body());
        }
    }
}
