package dev.concurrency.playground.strategy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each strategy's lesson is written once, as its counter's class Javadoc; the API serves the same text
 * as the strategy's description. The Javadoc reaches the running service through a committed resource
 * (see {@link StrategyLessons}) that these tests regenerate and compare: they fail when the two drift
 * apart, and say how to refresh it.
 */
class StrategyLessonsTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/concurrency/playground/strategy");

    private static final Path COMMITTED =
            Path.of("src/main/resources/dev/concurrency/playground/strategy", StrategyLessons.RESOURCE);

    /** With {@code -Dlessons.refresh}, the committed resource is rewritten instead of compared. */
    private static final boolean REFRESH = System.getProperty("lessons.refresh") != null;

    private static final int WIDTH = 100;

    @Test
    void theCommittedLessonsAreTheJavadocOfEveryCounter() throws IOException {
        String generated = render(lessonsInSources());
        if (REFRESH) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
            return;
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        assertEquals(generated, committed, COMMITTED + " is stale: a strategy's class Javadoc changed. Run "
                + StrategyLessons.REFRESH + " and commit the result.");
    }

    /** What the API serves is exactly the Javadoc, so nobody writes a lesson a second time by hand. */
    @Test
    void everyStrategyServesItsCountersJavadocAsItsDescription() throws IOException {
        // Refreshing also mends a resource the catalog cannot even load from (a new counter's lesson missing).
        assumeFalse(REFRESH, "the resource was just rewritten; the next build serves it");
        Map<String, List<String>> javadoc = lessonsInSources();
        assertAll(new StrategyCatalog().all().stream().map(strategy -> () -> {
            // A strategy that runs only in processes has no counter for threads: its process loop is the lesson.
            String counter = (strategy.runsIn(WorkerKind.PLATFORM) ? strategy.newCounter().getClass()
                    : strategy.processCounterClass().orElseThrow()).getSimpleName();
            assertEquals(String.join("\n\n", javadoc.get(counter)), strategy.description(),
                    strategy.id() + ": the description must be " + counter + "'s class Javadoc; declare it with"
                            + " descriptionFromJavadocOf(" + counter + ".class) and run " + StrategyLessons.REFRESH);
        }));
    }

    /** The Javadoc of every counter for threads, and of every top-level counter that runs only in processes. */
    private static Map<String, List<String>> lessonsInSources() throws IOException {
        Map<String, List<String>> lessons = new java.util.TreeMap<>(JavadocText.classJavadocOfSubclasses(SOURCES, "SharedCounter"));
        lessons.putAll(JavadocText.classJavadocOfSubclasses(SOURCES, "ProcessCounter"));
        return lessons;
    }

    @Test
    void javadocBecomesPlainText(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Sample.java"), """
                package sample;

                /**
                 * A {@code long} {@literal <field>} with {@link java.util.concurrent.atomic.AtomicLong},
                 * {@link #total()}, {@link Other#get(int)} and {@link Other a label}; braces: {@code a { b } c}.
                 *
                 * <p><b>Guarantee:</b> &lt;none&gt; &amp; <i>no</i>   promises,
                 *     spread over lines.
                 * <p>
                 * Last.
                 *
                 * @see Other
                 */
                public final class Sample extends SharedCounter {
                }

                /** Not a counter. */
                class Other {
                }
                """);
        assertEquals(Map.of("Sample", List.of(
                        "A long <field> with java.util.concurrent.atomic.AtomicLong, total(), Other.get(int) and a"
                                + " label; braces: a { b } c.",
                        "Guarantee: <none> & no promises, spread over lines.",
                        "Last.")),
                JavadocText.classJavadocOfSubclasses(dir, "SharedCounter"));
    }

    @Test
    void javadocWithoutAPlainTextFormIsRefusedNotDropped(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Listed.java"), """
                /** Either <ul><li>this</li><li>that</li></ul>. */
                final class Listed extends SharedCounter {
                }
                """);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> JavadocText.classJavadocOfSubclasses(dir, "SharedCounter"));
        assertTrue(refused.getMessage().contains("<ul>"), refused.getMessage());
    }

    /** The resource's format, read back by {@link StrategyLessons#parse(List)} exactly as written. */
    @Test
    void theResourceReadsBackAsWritten() {
        Map<String, List<String>> lessons = Map.of("LongCounter", List.of(
                "word ".repeat(60).strip(), "A second paragraph, short.", "x".repeat(WIDTH + 20) + " tail"));
        Map<String, String> read = StrategyLessons.parse(render(lessons).lines().toList());
        assertEquals(Map.of("LongCounter", String.join("\n\n", lessons.get("LongCounter"))), read);
    }

    /** Lessons follow each other with or without a blank line between them, and none swallows the next. */
    @Test
    void eachHeaderEndsTheLessonBeforeIt() {
        Map<String, String> read = StrategyLessons.parse(List.of("# a comment", "[First]", "one", "two", "", "three",
                "[Second]", "four"));
        assertEquals(Map.of("First", "one two\n\nthree", "Second", "four"), read);
        assertEquals(List.of("First", "Second"), List.copyOf(read.keySet()), "file order is kept");
        assertThrows(IllegalStateException.class, () -> StrategyLessons.parse(List.of("[A]", "x", "[A]", "y")),
                "two lessons for one counter");
        assertThrows(IllegalStateException.class, () -> StrategyLessons.parse(List.of("[A]", "", "[B]", "y")),
                "an empty lesson");
    }

    /** What a counter's strategy is given is its entry in the committed file, read here on its own. */
    @Test
    void aCounterGetsItsOwnLessonAndAnUnknownOneIsRefused() throws IOException {
        Map<String, String> file = StrategyLessons.parse(Files.readAllLines(
                Path.of("src/main/resources/dev/concurrency/playground/strategy/lessons.txt"), StandardCharsets.UTF_8));
        assertEquals(file.get("CasLoopCounter"), StrategyLessons.of(CasLoopCounter.class));
        assertEquals(file.get("AtomicCounter"), StrategyLessons.of(AtomicCounter.class));
        IllegalStateException unknown = assertThrows(IllegalStateException.class,
                () -> StrategyLessons.of(NoLessonCounter.class));
        assertTrue(unknown.getMessage().contains(StrategyLessons.REFRESH), unknown.getMessage());
    }

    /** A counter the file has no lesson for. */
    private static final class NoLessonCounter extends SharedCounter {
        @Override
        public long incrementTimesCountingCasFailures(int n) {
            return 0;
        }

        @Override
        public long total() {
            return 0;
        }
    }

    /** The lessons in the resource's format (see {@link StrategyLessons}), in name order. */
    static String render(Map<String, List<String>> lessons) {
        StringBuilder out = new StringBuilder();
        out.append("# Generated from the class Javadoc of each SharedCounter in dev.concurrency.playground.strategy by\n")
                .append("# StrategyLessonsTest; the API serves each lesson as the strategy's description. Do not edit:\n")
                .append("# edit the Javadoc, run ").append(StrategyLessons.REFRESH).append("\n")
                .append("# and commit this file.\n");
        lessons.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(lesson -> {
            out.append("\n[").append(lesson.getKey()).append("]\n");
            List<String> paragraphs = lesson.getValue();
            for (int i = 0; i < paragraphs.size(); i++) {
                if (i > 0) {
                    out.append('\n');
                }
                for (String line : wrap(paragraphs.get(i))) {
                    if (line.startsWith("[") || line.startsWith("#")) {
                        throw new IllegalArgumentException(lesson.getKey() + ": a line of the resource cannot start"
                                + " with [ or #: " + line);
                    }
                    out.append(line).append('\n');
                }
            }
        });
        return out.toString();
    }

    /** Greedy word wrap; a word longer than the width gets a line of its own. */
    private static List<String> wrap(String paragraph) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
