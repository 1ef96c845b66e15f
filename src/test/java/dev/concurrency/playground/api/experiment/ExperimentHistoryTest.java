package dev.concurrency.playground.api.experiment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The history a script reads: filters, and pages walked by their {@code Link}. Other tests share
 * this service, so each test names its experiments with a token of its own and filters on it.
 */
@QuarkusTest
@Tag("service")
class ExperimentHistoryTest {

    private static final String EXPERIMENTS = "/api/experiments";
    private static final Pattern NEXT = Pattern.compile("^<([^>]+)>; rel=\"next\"$");

    private static String token() {
        return "history-" + UUID.randomUUID();
    }

    /** A tiny experiment, answered once finished, so the tests do not fill the queue. */
    private static JsonPath submit(String name, String strategy) {
        return given().contentType(ContentType.JSON).header("Prefer", "wait=60")
                .body("""
                        {"name": "%s", "strategies": ["%s"], "threadCounts": [1], "incrementsPerThread": 100,
                         "trials": 1, "warmupTrials": 0}""".formatted(name, strategy))
                .when().post(EXPERIMENTS).then().statusCode(200).extract().jsonPath();
    }

    private static String submitId(String name) {
        return submit(name, "atomic").getString("id");
    }

    /** GET of a URL exactly as the service wrote it: RestAssured would otherwise encode its escapes again. */
    private static Response follow(RequestSpecification request, String url) {
        return request.urlEncodingEnabled(false).when().get(url);
    }

    /** The next page's URL from the {@code Link} header, or null on the last page. */
    private static String linkNext(Response response) {
        String link = response.header("Link");
        if (link == null) {
            return null;
        }
        Matcher next = NEXT.matcher(link);
        assertTrue(next.matches(), "a Link to the next page: " + link);
        return next.group(1);
    }

    @Test
    void theLinkWalksEveryPageOnceWhileExperimentsArrive() {
        String token = token();
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.addFirst(submitId(token + "-" + i));
        }
        List<String> seen = new ArrayList<>();
        List<String> arrived = new ArrayList<>();
        String url = null;
        Response page = given().queryParam("name", token).queryParam("limit", 2).when().get(EXPERIMENTS);
        for (int pages = 1; ; pages++) {
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("items.id"));
            String next = linkNext(page);
            assertEquals(next, page.jsonPath().getString("next"), "the next field and the Link agree");
            // A newer experiment between every two pages: an offset would show the last one seen again.
            arrived.add(submitId(token + "-late"));
            if (next == null) {
                assertEquals(3, pages, "5 experiments, 2 a page");
                break;
            }
            URI nextUri = URI.create(next);
            assertTrue(nextUri.isAbsolute(), "absolute, like Location: " + next);
            assertTrue(nextUri.getQuery().contains("name=" + token) && nextUri.getQuery().contains("limit=2"),
                    "the filter and the limit go on: " + next);
            url = next;
            page = follow(given(), url);
        }
        assertNotNull(url);
        assertEquals(submitted, seen, "each once, newest first, none that arrived meanwhile");
        List<String> all = given().queryParam("name", token).queryParam("limit", 100).when().get(EXPERIMENTS)
                .then().statusCode(200).body("next", nullValue()).extract().jsonPath().getList("items.id");
        assertEquals(8, all.size(), "a new walk sees the newcomers: " + all);
        assertTrue(all.subList(0, 3).containsAll(arrived));
    }

    @Test
    void anExperimentDeletedBetweenPagesJustDisappears() {
        String token = token();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.addFirst(submitId(token));
        }
        Response first = given().queryParam("name", token).queryParam("limit", 2).when().get(EXPERIMENTS);
        assertEquals(ids.subList(0, 2), first.jsonPath().getList("items.id"));
        given().when().delete(EXPERIMENTS + "/" + ids.get(2)).then().statusCode(204);
        follow(given(), linkNext(first)).then().statusCode(200)
                .body("items.id", equalTo(List.of(ids.get(3)))).body("next", nullValue());
    }

    @Test
    void csvPagesAreRowsWithTheNextPageInTheLinkOnly() {
        String token = token();
        String older = submitId(token);
        String newer = submitId(token);
        Response first = given().accept("text/csv").queryParam("name", token).queryParam("limit", 1)
                .when().get(EXPERIMENTS);
        first.then().statusCode(200).contentType(containsString("text/csv"));
        List<String> lines = first.asString().lines().toList();
        assertEquals(2, lines.size(), "the header and one row: " + lines);
        assertTrue(lines.get(1).startsWith(newer + ","), lines.get(1));
        String next = linkNext(first);
        assertNotNull(next);
        Response second = follow(given().accept("text/csv"), next);
        List<String> rest = second.asString().lines().toList();
        assertEquals(2, rest.size(), "" + rest);
        assertTrue(rest.get(1).startsWith(older + ","), rest.get(1));
        assertNull(second.header("Link"), "the last page");
    }

    @Test
    void filtersByStrategyStatusAndSubmissionTime() {
        String token = token();
        JsonPath atomic = submit(token, "atomic");
        JsonPath adder = submit(token, "long-adder");
        JsonPath lock = submit(token, "reentrant-lock");
        given().queryParam("name", token).queryParam("strategy", "LONG-ADDER").when().get(EXPERIMENTS)
                .then().statusCode(200).body("items.id", equalTo(List.of(adder.getString("id"))));
        given().queryParam("name", token).queryParam("strategy", "atomic").queryParam("strategy", "reentrant-lock")
                .when().get(EXPERIMENTS).then().statusCode(200)
                .body("items.id", equalTo(List.of(lock.getString("id"), atomic.getString("id"))));
        given().queryParam("name", token).queryParam("strategy", "atomic,long-adder").queryParam("status", "completed")
                .when().get(EXPERIMENTS).then().statusCode(200)
                .body("items.id", equalTo(List.of(adder.getString("id"), atomic.getString("id"))))
                .body("items.status", everyItem(equalTo("COMPLETED")));
        given().queryParam("name", token).queryParam("status", "failed").when().get(EXPERIMENTS)
                .then().statusCode(200).body("items", hasSize(0));
        // Exclusive bounds: after the first and before the last leaves the middle one.
        Instant first = Instant.parse(atomic.getString("submittedAt"));
        Instant last = Instant.parse(lock.getString("submittedAt"));
        given().queryParam("name", token.toUpperCase()).queryParam("submittedAfter", first.toString())
                .queryParam("submittedBefore", last.toString()).when().get(EXPERIMENTS).then().statusCode(200)
                .body("items.id", equalTo(List.of(adder.getString("id"))));
        given().queryParam("name", token).queryParam("submittedAfter", first.minusNanos(1).toString())
                .when().get(EXPERIMENTS).then().statusCode(200).body("items", hasSize(3));
    }

    @Test
    void theLinkKeepsEveryFilterAndItsPagesMatchThem() {
        String token = token();
        String a = submit(token, "atomic").getString("id");
        submit(token, "volatile");
        String b = submit(token, "atomic").getString("id");
        Response first = given().queryParam("name", token).queryParam("strategy", "atomic")
                .queryParam("status", "completed,failed").queryParam("submittedAfter", "2000-01-01T00:00:00+02:00")
                .queryParam("submittedBefore", "2999-01-01T00:00:00Z").queryParam("limit", 1).when().get(EXPERIMENTS);
        first.then().statusCode(200).body("items.id", equalTo(List.of(b)));
        String next = linkNext(first);
        String query = URI.create(next).getQuery();
        for (String kept : List.of("limit=1", "name=" + token, "strategy=atomic", "status=COMPLETED,FAILED",
                "submittedAfter=1999-12-31T22:00:00Z", "submittedBefore=2999-01-01T00:00:00Z", "cursor=")) {
            assertTrue(query.contains(kept), kept + " in " + next);
        }
        follow(given(), next).then().statusCode(200).body("items.id", equalTo(List.of(a))).body("next", nullValue());
    }

    @Test
    void aNameWithSpacesAndSymbolsSurvivesTheLink() {
        String token = token() + " 100% & ü+";
        submitId(token);
        String only = submitId(token);
        Response first = given().queryParam("name", token).queryParam("limit", 1).when().get(EXPERIMENTS);
        first.then().statusCode(200).body("items.id", equalTo(List.of(only)));
        follow(given(), linkNext(first)).then().statusCode(200).body("items", hasSize(1))
                .body("items[0].name", equalTo(token));
    }

    @Test
    void eachBadParameterIsNamedWithWhatItAccepts() {
        assertInvalid(given().queryParam("strategy", "atomic,nope"), List.of("strategy"), "'nope'");
        assertInvalid(given().queryParam("submittedAfter", "2025-06-01"), List.of("submittedAfter"), "ISO-8601");
        assertInvalid(given().queryParam("submittedBefore", "yesterday"), List.of("submittedBefore"), "ISO-8601");
        assertInvalid(given().queryParam("submittedAfter", "2025-06-02T00:00:00Z")
                .queryParam("submittedBefore", "2025-06-01T00:00:00Z"), List.of("submittedBefore"), "later than");
        assertInvalid(given().queryParam("name", "x".repeat(101)), List.of("name"), "at most 100");
        // All at once, in the order of the parameters.
        assertInvalid(given().queryParam("limit", 0).queryParam("status", "done").queryParam("strategy", "x")
                .queryParam("submittedAfter", "then"), List.of("limit", "status", "strategy", "submittedAfter"), "limit");
    }

    @Test
    void aCursorThatIsNotThisListingsIsRefusedWithAdviceToStartAgain() {
        String token = token();
        submitId(token);
        submitId(token);
        String next = linkNext(given().queryParam("name", token).queryParam("limit", 1).when().get(EXPERIMENTS));
        String cursor = next.substring(next.indexOf("cursor=") + "cursor=".length());
        given().queryParam("name", token).queryParam("limit", 50).queryParam("cursor", cursor).when().get(EXPERIMENTS)
                .then().statusCode(200).body("items", hasSize(1));
        assertInvalid(given().queryParam("name", token + "-other").queryParam("cursor", cursor), List.of("cursor"),
                "start again without");
        assertInvalid(given().queryParam("cursor", cursor), List.of("cursor"), "other filters");
        assertInvalid(given().queryParam("cursor", "garbage!"), List.of("cursor"), "start again without");
    }

    @Test
    void theDocumentedCursorIsOneTheServiceAccepts() {
        given().queryParam("cursor", "MXwxNzQ4Nzc5MjAwfDB8MDIxYjNiOGEwOWI1NjJmM3wzZjFjOWE1Mi03ZDRlLTRiOGEtOWM2MS0yZTVmMGE3YjhkMTM")
                .when().get(EXPERIMENTS).then().statusCode(200);
    }

    private static void assertInvalid(RequestSpecification request, List<String> fields,
            String detail) {
        request.when().get(EXPERIMENTS).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", equalTo(fields)).body("detail", containsString(detail))
                .body("instance", equalTo(EXPERIMENTS));
    }
}
