package dev.concurrency.playground.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real headless Chromium, used as a person would: compose and submit, watch it run,
 * read the result, open its permanent link in another browser, cancel, and never see a console error.
 * Experiments are small (fixed time, 20 to 50 ms, 2 trials), and no assertion is about time: every wait
 * ends when what it waits for is on the page.
 *
 * <p>With {@code -Ddocs.refresh=true} it also writes the README's screenshots to {@code src/docs/}.
 */
@QuarkusTest
@Tag("service")
class DashboardBrowserTest {

    private static final Pattern EXPERIMENT_URL = Pattern.compile(".*/experiments/([0-9a-f-]{36})(\\?.*)?$");
    private static final boolean REFRESH_DOCS = Boolean.getBoolean("docs.refresh");

    @TestHTTPResource("/")
    URL root;

    private String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }

    @Test
    void composeSubmitWatchAndReadAnExperiment() {
        String id;
        try (Chromium browser = Chromium.start()) {
            browser.open(url("/"));
            browser.awaitReady();
            printTimeToInteractive(browser, "first load");
            browser.open(url("/"));
            browser.awaitReady();
            printTimeToInteractive(browser, "second load");

            // For screen readers every control has a name, and from the keyboard the first Tab reaches the skip link.
            @SuppressWarnings("unchecked")
            List<String> unnamed = (List<String>) browser.script("""
                    return [...document.querySelectorAll('input, select, textarea, button')].filter((c) => {
                      const named = c.labels?.length || c.getAttribute('aria-label') || c.getAttribute('aria-labelledby')
                        || (c.tagName === 'BUTTON' && c.textContent.trim());
                      return !named && c.type !== 'hidden';
                    }).map((c) => c.outerHTML.slice(0, 120));""");
            assertEquals(List.of(), unnamed, "controls without an accessible name");
            browser.find("body").sendKeys(org.openqa.selenium.Keys.TAB);
            assertEquals("Skip to content", browser.driver().switchTo().activeElement().getText(), "the first Tab stop");

            int catalog = given().when().get("/api/strategies").then().statusCode(200).extract().jsonPath().getList("$").size();
            assertEquals(catalog, browser.findAll("#strategies details.strategy").size(), "every strategy with its lesson");
            assertEquals(catalog, browser.findAll("input[name=strategy]").size(), "every strategy can be chosen");
            browser.find("details[data-strategy=atomic] summary").click();
            assertTrue(browser.find("details[data-strategy=atomic]").getText().contains("Guarantee:"), "the lesson opens");

            fill(browser, "#name", "browser run");
            fill(browser, "#threadCounts", "1, 2");
            fill(browser, "#durationMillis", "20");
            fill(browser, "#trials", "2");
            fill(browser, "#warmupTrials", "0");
            assertTrue(browser.find("#submit").isEnabled());
            browser.find("#submit").click();

            id = awaitExperimentUrl(browser);
            browser.await(d -> "COMPLETED".equals(html(browser, "data-experiment")), "the experiment to complete");
            assertEquals("browser run", browser.find("#experiment-title").getText());
            WebElement progress = browser.find("#experiment-progress");
            assertEquals("8", progress.getDomAttribute("aria-valuenow"), "2 strategies x 2 thread counts x 2 trials");
            assertEquals("8", progress.getDomAttribute("aria-valuemax"));
            assertEquals("8 / 8 trials", browser.find("#progress-text").getText());
            assertEquals(4, browser.findAll("#verdicts li.verdict").size(), "a verdict per run");
            assertEquals(4, browser.findAll("#verdicts .badge").size());
            assertFalse(browser.find("#verdicts li.verdict .reason").getText().isBlank(), "verdicts come with their reasons");
            assertEquals(3, browser.findAll("#result-tables table").size(), "cost, threads and warm-up tables");
            for (WebElement table : browser.findAll("#result-tables table")) {
                assertEquals(4, table.findElements(By.cssSelector("tbody tr")).size(), "a row per run");
            }
            assertTrue(browser.find("#snippet-iframe").getDomProperty("value").contains("/embed/experiments/" + id));
            assertTrue(browser.find("#snippet-chart").getDomProperty("value").contains("/api/experiments/" + id + "/charts/cost.svg"));

            checkCharts(browser, id, 2, 2);
            browser.find("#chart-log").click();
            browser.await(d -> d.getCurrentUrl().contains("scale=log"), "the scale in the address");
            assertTrue(browser.find("#snippet-chart").getDomProperty("value").contains("scale=log"), "the snippet embeds the chart as shown");
            checkCharts(browser, id, 2, 2);
            new Select(browser.find("#chart-metric")).selectByValue("ops-per-second");
            browser.await(d -> d.getCurrentUrl().contains("metric=ops-per-second"), "the metric in the address");

            browser.await(d -> !browser.findAll("#history-body tr[data-id='" + id + "']").isEmpty(), "the experiment in the history");
            if (REFRESH_DOCS) {
                browser.screenshot(Path.of("src/docs/dashboard.png"));
            }
            assertNoConsoleErrors(browser);

            // The permanent link, in a browser that has never seen the experiment, restores the same view.
            String permanent = browser.driver().getCurrentUrl();
            String verdicts = browser.find("#verdicts").getText();
            String tables = browser.find("#result-tables").getText();
            try (Chromium fresh = Chromium.start()) {
                fresh.open(permanent);
                fresh.await(d -> "COMPLETED".equals(html(fresh, "data-experiment")), "the experiment in a fresh profile");
                assertEquals("browser run", fresh.find("#experiment-title").getText());
                assertEquals(verdicts, fresh.find("#verdicts").getText());
                assertEquals(tables, fresh.find("#result-tables").getText());
                assertTrue(fresh.find("#chart-log").isSelected(), "the log scale from the address");
                assertEquals("ops-per-second", new Select(fresh.find("#chart-metric")).getFirstSelectedOption().getDomAttribute("value"));
                checkCharts(fresh, id, 2, 2);

                // A browser switched to dark mode gets a dark page and charts drawn in the dark theme.
                String lightPage = (String) fresh.script("return getComputedStyle(document.body).backgroundColor");
                fresh.prefersColorScheme("dark");
                fresh.await(d -> !lightPage.equals(fresh.script("return getComputedStyle(document.body).backgroundColor")),
                        "the page in its dark colours");
                for (String chart : List.of("cost", "lost-updates", "thread-share")) {
                    fresh.await(d -> "#1b1b1f".equals(fresh.script("const r = document.querySelector('#chart-" + chart
                            + " svg rect.background'); return r && r.getAttribute('fill')")), "the " + chart + " chart in the dark theme");
                }
                assertNoConsoleErrors(fresh);
            }
        }
        embedView(id);
    }

    private void embedView(String id) {
        try (Chromium browser = Chromium.start()) {
            browser.open(url("/embed/experiments/" + id));
            browser.await(d -> "COMPLETED".equals(html(browser, "data-experiment")), "the embedded experiment");
            assertEquals("browser run", browser.find("#experiment-title").getText());
            assertEquals(4, browser.findAll("#verdicts li.verdict").size());
            assertEquals(List.of(), browser.findAll("a").stream().map(a -> a.getDomAttribute("href")).toList(), "no navigation");
            assertEquals(0, browser.findAll("button, select, input").size(), "no controls");
            checkCharts(browser, id, 2, 2);
            assertTrue(browser.findAll("#chart-thread-share").isEmpty(), "the embed view keeps to cost and losses");
            if (REFRESH_DOCS) {
                browser.screenshot(Path.of("src/docs/embed.png"));
            }
            assertNoConsoleErrors(browser);
        }
    }

    @Test
    void progressArrivesLiveAndARunningExperimentCanBeCancelled() {
        try (Chromium browser = Chromium.start()) {
            browser.open(url("/"));
            browser.awaitReady();
            fill(browser, "#name", "to be cancelled");
            browser.find("input[name=strategy][value=unsynchronized]").click(); // leaves atomic alone
            fill(browser, "#threadCounts", "2");
            fill(browser, "#durationMillis", "50");
            fill(browser, "#trials", "100");
            fill(browser, "#warmupTrials", "0");
            browser.find("#submit").click();
            awaitExperimentUrl(browser);

            browser.await(d -> Integer.parseInt(browser.find("#experiment-progress").getDomAttribute("aria-valuenow")) >= 2,
                    "trials to arrive while it runs");
            assertEquals("RUNNING", html(browser, "data-experiment"));
            assertTrue(browser.find("#now-running").getText().matches("Now running: atomic × 2 threads, trial \\d+ of 100\\."),
                    browser.find("#now-running").getText());
            assertEquals("Cancel", browser.find("#cancel").getText());
            browser.find("#cancel").click();
            browser.await(d -> "CANCELLED".equals(html(browser, "data-experiment")), "the experiment to be cancelled");
            assertEquals("cancelled", browser.find("#experiment-status").getText());
            int done = Integer.parseInt(browser.find("#experiment-progress").getDomAttribute("aria-valuenow"));
            assertTrue(done >= 2 && done < 100, "it kept the trials it completed, and stopped: " + done);
            assertNoConsoleErrors(browser);
        }
    }

    @Test
    void theFormAppliesTheLimitsAsOneTypesAndShowsWhatTheServiceRefuses() {
        int maxPlatform = given().when().get("/api/limits").then().extract().path("maxPlatformThreads");
        try (Chromium browser = Chromium.start()) {
            browser.open(url("/"));
            browser.awaitReady();
            fill(browser, "#threadCounts", "2, " + (maxPlatform + 1));
            assertTrue(browser.find("#threadCounts-error").getText().contains("1 to " + maxPlatform + " for platform threads"),
                    browser.find("#threadCounts-error").getText());
            assertEquals("true", browser.find("#threadCounts").getDomAttribute("aria-invalid"));
            assertFalse(browser.find("#submit").isEnabled(), "an invalid request cannot be sent");
            browser.find("input[name=threadType][value=virtual]").click();
            assertEquals("", browser.find("#threadCounts-error").getText(), "virtual threads may be more");
            assertTrue(browser.find("#submit").isEnabled());
            // A strategy that runs only in child processes, as its catalog entry's workerKinds say.
            browser.find("input[name=strategy][value=file-lock]").click();
            assertTrue(browser.find("#strategies-error").getText().contains("only in child processes"),
                    browser.find("#strategies-error").getText());
            assertFalse(browser.find("#submit").isEnabled());
            browser.find("input[name=threadType][value=process]").click();
            assertEquals("", browser.find("#strategies-error").getText(), "file-lock runs in processes");
            browser.find("input[name=strategy][value=file-lock]").click();
            browser.find("input[name=threadType][value=virtual]").click();
            assertTrue(browser.find("#submit").isEnabled());
            fill(browser, "#threadCounts", "2, 2");
            assertTrue(browser.find("#threadCounts-error").getText().contains("once"));
            fill(browser, "#threadCounts", "1, 2, 4");
            fill(browser, "#trials", "0");
            assertFalse(browser.find("#trials-error").getText().isBlank());
            assertFalse(browser.find("#submit").isEnabled());

            // The database selector appears with a database strategy only, and offers what the catalog says each can
            // run in: the test profile configures PostgreSQL, so both databases, db-serializable included.
            fill(browser, "#trials", "5");
            assertFalse(browser.find("[data-field=database]").isDisplayed(), "no database strategy chosen");
            browser.find("input[name=strategy][value=db-serializable]").click();
            assertTrue(browser.find("[data-field=database]").isDisplayed());
            assertEquals(List.of("embedded", "postgresql"), browser.findAll("#database option").stream()
                    .filter(org.openqa.selenium.WebElement::isEnabled).map(option -> option.getAttribute("value")).toList());
            assertEquals("", browser.find("#database-error").getText());
            new org.openqa.selenium.support.ui.Select(browser.find("#database")).selectByValue("postgresql");
            assertEquals("", browser.find("#database-error").getText());
            assertTrue(browser.find("#submit").isEnabled());
            browser.find("input[name=strategy][value=db-serializable]").click();
            assertFalse(browser.find("[data-field=database]").isDisplayed());

            // Within every bound the form knows, but hours of work: only the service's estimate refuses it.
            fill(browser, "#trials", "100");
            fill(browser, "#durationMillis", "60000");
            assertTrue(browser.find("#submit").isEnabled());
            browser.find("#submit").click();
            WebElement problem = browser.await(d -> {
                WebElement box = browser.find("#compose-problem");
                return box.isDisplayed() ? box : null;
            }, "the service's refusal");
            assertTrue(problem.getText().contains("The service refused it"), problem.getText());
            assertTrue(problem.getText().contains("durationMillis") || problem.getText().contains("minutes"), problem.getText());
            assertTrue(browser.driver().getCurrentUrl().endsWith("/"), "nothing was started");
            // The refused request is an answer of 400, which Chromium reports as a failed load, the only error here.
            assertTrue(browser.consoleErrors().stream().allMatch(e -> e.contains("/api/experiments") && e.contains("400")),
                    browser.consoleErrors().toString());
        }
    }

    @Test
    void anExperimentNamedWithMarkupShowsItAsText() {
        String name = "<img src=x onerror=alert(1)>\"'&";
        String id = finished(Map.of("strategies", List.of("atomic"), "threadCounts", List.of(2), "durationMillis", 20,
                "trials", 2, "warmupTrials", 0), name);
        try (Chromium browser = Chromium.start()) {
            browser.open(url("/experiments/" + id));
            browser.awaitReady();
            browser.await(d -> "COMPLETED".equals(html(browser, "data-experiment")), "the experiment");
            assertEquals(name, browser.find("#experiment-title").getText());
            assertEquals(name, browser.find("#history-body tr[data-id='" + id + "'] th a").getText());
            assertEquals(0, browser.findAll("main img, main [onerror]").size(), "no element was made from the name");
            String snippet = browser.find("#snippet-iframe").getDomProperty("value");
            assertTrue(snippet.contains("title=\"&lt;img src=x onerror=alert(1)&gt;&quot;'&amp;\""), snippet);
            assertEquals(name + " · concurrency-playground", browser.driver().getTitle());
            try {
                browser.driver().switchTo().alert();
                fail("the name ran as script");
            } catch (NoAlertPresentException expected) {
                // as it must be
            }
            assertNoConsoleErrors(browser);
        }
    }

    @Test
    void twoExperimentsPickedFromTheHistoryAreCompared() {
        Map<String, Object> spec = Map.of("strategies", List.of("atomic"), "threadCounts", List.of(1, 2), "durationMillis", 20,
                "trials", 2, "warmupTrials", 0);
        String baseline = finished(spec, "baseline");
        String candidate = finished(spec, "candidate");
        try (Chromium browser = Chromium.start()) {
            browser.open(url("/"));
            browser.awaitReady();
            browser.find("#history-body tr[data-id='" + baseline + "'] button[aria-label$='as the baseline']").click();
            browser.find("#history-body tr[data-id='" + candidate + "'] button[aria-label$='as the candidate']").click();
            assertEquals(baseline, browser.find("#baseline").getDomProperty("value"));
            browser.find("#compare-form button[type=submit]").click();
            WebElement table = browser.await(d -> browser.findAll("#compare-body table[data-metric=nsPerOp]").stream().findFirst()
                    .orElse(null), "the comparison");
            assertEquals(2, table.findElements(By.cssSelector("tbody tr:not(.geomean)")).size(), "a row per paired run");
            assertTrue(browser.driver().getCurrentUrl().contains("baseline=" + baseline), "the comparison in the address");
            WebElement chart = browser.await(d -> browser.findAll("#chart-comparison svg.pg-chart[data-kind=comparison]")
                    .stream().findFirst().orElse(null), "the comparison chart");
            assertEquals(2, chart.findElements(By.cssSelector("g.series rect.bar")).size(), "a bar per paired run");
            assertNoConsoleErrors(browser);
        }
    }

    @Test
    void handOffFiguresAreShownForTheStrategiesWithAnOwnerOnly() {
        String id = finished(Map.of("strategies", List.of("atomic", "single-writer"), "threadCounts", List.of(2),
                "durationMillis", 20, "trials", 2, "warmupTrials", 0), "owned");
        try (Chromium browser = Chromium.start()) {
            browser.open(url("/experiments/" + id));
            browser.await(d -> "COMPLETED".equals(html(browser, "data-experiment")), "the experiment");
            WebElement handOff = browser.await(d -> browser.findAll("#result-tables table").stream()
                    .filter(t -> t.findElement(By.tagName("caption")).getText().startsWith("Hand-off"))
                    .findFirst().orElse(null), "the hand-off table");
            List<String> rows = handOff.findElements(By.cssSelector("tbody th")).stream().map(WebElement::getText).toList();
            assertEquals(1, rows.size(), "one row, for the strategy with an owner: " + rows);
            assertTrue(rows.getFirst().startsWith("single-writer"), rows.toString());
            assertNoConsoleErrors(browser);
        }
    }

    @Test
    void aLinkToAnExperimentThatIsGoneSaysSoInTheServicesWords() {
        String gone = "00000000-0000-4000-8000-000000000000";
        String detail = given().when().get("/api/experiments/" + gone).then().statusCode(404).extract().path("detail");
        try (Chromium browser = Chromium.start()) {
            browser.open(url("/experiments/" + gone));
            browser.await(d -> "missing".equals(html(browser, "data-experiment")), "the page to find the experiment missing");
            assertEquals("Experiment not found", browser.find("#experiment-title").getText());
            assertEquals(detail, browser.find(".experiment-head .meta").getText(), "the service's detail, once");
            assertFalse(browser.find(".experiment-body").isDisplayed(), "no empty charts, verdicts or tables");
        }
    }

    /** An experiment run to its end through the API, with the given name. */
    private static String finished(Map<String, Object> spec, String name) {
        Map<String, Object> request = new java.util.HashMap<>(spec);
        request.put("name", name);
        return given().contentType(ContentType.JSON).header("Prefer", "wait=60").body(request)
                .when().post("/api/experiments").then().statusCode(200).extract().path("id");
    }

    private static void fill(Chromium browser, String css, String text) {
        WebElement input = browser.find(css);
        input.clear();
        input.sendKeys(text);
    }

    private static String html(Chromium browser, String attribute) {
        return browser.find("html").getDomAttribute(attribute);
    }

    private static String awaitExperimentUrl(Chromium browser) {
        String address = browser.await(d -> EXPERIMENT_URL.matcher(d.getCurrentUrl()).matches() ? d.getCurrentUrl() : null,
                "the address of the new experiment");
        Matcher id = EXPERIMENT_URL.matcher(address);
        assertTrue(id.matches());
        return id.group(1);
    }

    /** The charts inlined in the page: one series per strategy, one point (or bar) per thread count. */
    private void checkCharts(Chromium browser, String id, int strategies, int threadCounts) {
        WebElement cost = browser.await(d -> browser.findAll("#chart-cost svg.pg-chart[data-kind=cost]").stream().findFirst().orElse(null),
                "the cost chart");
        assertFalse(cost.findElements(By.cssSelector("title")).isEmpty(), "the chart has a title");
        assertFalse(cost.findElements(By.cssSelector("desc")).isEmpty(), "the chart has a description");
        List<WebElement> series = cost.findElements(By.cssSelector("g.series"));
        assertEquals(strategies, series.size(), "a series per strategy");
        for (WebElement one : series) {
            assertEquals(threadCounts, one.findElements(By.cssSelector("circle.point")).size(), "a point per thread count");
        }
        WebElement lost = browser.await(d -> browser.findAll("#chart-lost-updates svg.pg-chart[data-kind=lost-updates]").stream()
                .findFirst().orElse(null), "the lost-update chart");
        assertEquals(strategies * threadCounts, lost.findElements(By.cssSelector("g.series rect.bar")).size(),
                "a bar per strategy and thread count");
        if (browser.findAll("html.embed").isEmpty()) {
            WebElement shares = browser.await(d -> browser.findAll("#chart-thread-share svg.pg-chart[data-kind=thread-share]")
                    .stream().findFirst().orElse(null), "the thread-share chart");
            assertEquals(strategies, shares.findElements(By.cssSelector("g.series")).size(), "a series per strategy");
        }
    }

    private static void assertNoConsoleErrors(Chromium browser) {
        assertEquals(List.of(), browser.consoleErrors(), "the browser's console reported errors");
    }

    /** Navigation Timing and the page's own marks, from the start of the navigation, printed: a figure, not a test. */
    private static void printTimeToInteractive(Chromium browser, String which) {
        @SuppressWarnings("unchecked")
        Map<String, Object> times = (Map<String, Object>) browser.script("""
                const n = performance.getEntriesByType('navigation')[0];
                const mark = (name) => (performance.getEntriesByName(name)[0] || {startTime: -1}).startTime;
                return {domInteractive: n.domInteractive, domContentLoaded: n.domContentLoadedEventEnd,
                        interactive: mark('playground-interactive'), ready: mark('playground-ready')};""");
        System.out.printf("Dashboard time to interactive on loopback (%s): domInteractive %.0f ms, DOMContentLoaded %.0f ms, "
                + "form usable %.0f ms, ready with the history %.0f ms%n", which,
                number(times.get("domInteractive")), number(times.get("domContentLoaded")), number(times.get("interactive")),
                number(times.get("ready")));
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
