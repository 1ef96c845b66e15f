package dev.concurrency.playground.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the dashboard's own files must be, read from the sources: small, and free of what the CSP forbids. */
class DashboardFilesTest {

    static final Path DIRECTORY = Path.of("src/main/resources/" + DashboardPages.DIRECTORY);
    static final long BUDGET_BYTES = 100 * 1024;

    private static List<Path> files(String... extensions) throws IOException {
        try (Stream<Path> all = Files.list(DIRECTORY)) {
            return all.filter(f -> Stream.of(extensions).anyMatch(e -> f.toString().endsWith("." + e))).sorted().toList();
        }
    }

    @Test
    void ownScriptsAndStylesStayUnderTheBudget() throws IOException {
        List<Path> files = files("js", "css");
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        System.out.printf("Dashboard JS + CSS: %d bytes in %d files (budget %d)%n", total, files.size(), BUDGET_BYTES);
        assertTrue(files.size() >= 2, "reads the dashboard's files: " + files);
        assertTrue(total < BUDGET_BYTES, "the dashboard's own JavaScript and CSS are " + total + " bytes, over the budget of "
                + BUDGET_BYTES);
    }

    /** Data reaches the DOM as text nodes and attribute values only (dom.js), never as markup to parse. */
    private static final Pattern MARKUP_SINKS = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|"
            + "\\beval\\(|new Function\\(|setAttribute\\(\\s*['\"]on");

    @Test
    void noScriptParsesDataAsMarkup() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files("js")) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (MARKUP_SINKS.matcher(lines.get(i)).find()) {
                    found.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertEquals(List.of(), found, "build the DOM with dom.js's h() and textContent instead");
        assertTrue(MARKUP_SINKS.matcher("el.innerHTML = name").find(), "the pattern finds what it looks for");
    }

    /** The pages' CSP allows no inline script or style, so the pages must not need any. */
    private static final Pattern INLINE = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>|<style|\\sstyle=|\\son[a-z]+=|javascript:",
            Pattern.CASE_INSENSITIVE);

    @Test
    void pagesHaveNoInlineScriptOrStyle() throws IOException {
        List<Path> pages = files("html");
        assertEquals(2, pages.size(), "index.html and embed.html: " + pages);
        for (Path page : pages) {
            String html = Files.readString(page);
            assertFalse(INLINE.matcher(html).find(), page + " has inline script or style, which the CSP refuses");
            assertTrue(html.contains("<script type=\"module\" src=\"/dashboard/"), page + " loads its module");
        }
        assertTrue(INLINE.matcher("<script>alert(1)</script>").find(), "the pattern finds what it looks for");
    }

    /** The form checks the fixed bounds of the HTTP interface as the validator does: the same numbers. */
    @org.junit.jupiter.api.Test
    void theFormsFixedBoundsAreTheServices() throws IOException {
        String compose = Files.readString(DIRECTORY.resolve("compose.js"));
        java.util.Map<String, Integer> declared = new java.util.HashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("const (MAX_[A-Z_]+) = (\\d+);").matcher(compose);
        while (m.find()) {
            declared.put(m.group(1), Integer.valueOf(m.group(2)));
        }
        assertEquals(java.util.Map.of(
                "MAX_THREAD_COUNTS", dev.concurrency.playground.api.limits.FixedLimits.MAX_THREAD_COUNTS,
                "MAX_NAME", dev.concurrency.playground.api.limits.FixedLimits.MAX_NAME_LENGTH,
                "MAX_PARAM_VALUES", dev.concurrency.playground.api.limits.FixedLimits.MAX_PARAM_VALUES,
                "MAX_WORK_TOKENS", dev.concurrency.playground.api.limits.FixedLimits.MAX_WORK_TOKENS,
                "MAX_READ_PERCENT", (int) Math.round(dev.concurrency.playground.api.limits.FixedLimits.MAX_READ_RATIO * 100),
                "MAX_BLOCK_MICROS", dev.concurrency.playground.api.limits.FixedLimits.MAX_BLOCK_MICROS), declared);
    }
}
