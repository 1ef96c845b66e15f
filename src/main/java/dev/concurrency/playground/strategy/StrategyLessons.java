package dev.concurrency.playground.strategy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each strategy's lesson, as the API serves it in {@link Strategy#description()}.
 *
 * <p>A lesson is written once, as the class Javadoc of the strategy's counter. Javadoc does not
 * survive compilation, so a test renders it to plain text into the resource {@value #RESOURCE}
 * beside this class, which is committed (as {@code openapi/} is) and read here. The test fails when
 * the resource no longer matches the Javadoc, and says how to refresh it: {@value #REFRESH}.
 *
 * <p>The resource's format: lines starting with {@code #} before the first lesson are comments; a
 * lesson starts with a line {@code [CounterClassSimpleName]}; its paragraphs are separated by blank
 * lines and wrapped at word boundaries. A paragraph is served as its lines joined by single spaces,
 * and the paragraphs of a lesson are joined by a blank line.
 */
final class StrategyLessons {

    static final String RESOURCE = "lessons.txt";

    static final String REFRESH = "./mvnw test -Dtest=StrategyLessonsTest -Dlessons.refresh";

    private StrategyLessons() {
    }

    /** The lesson of {@code counter}'s class Javadoc: a {@link SharedCounter}, or a top-level {@link ProcessCounter}. */
    static String of(Class<?> counter) {
        String lesson = Loaded.BY_COUNTER.get(counter.getSimpleName());
        if (lesson == null) {
            throw new IllegalStateException(RESOURCE + " has no lesson for " + counter.getSimpleName()
                    + ": generate it from the class Javadoc with " + REFRESH);
        }
        return lesson;
    }

    /** Read on first use, so that {@link #parse(List)} works without the resource. */
    private static final class Loaded {
        static final Map<String, String> BY_COUNTER = load();
    }

    private static Map<String, String> load() {
        try (InputStream in = StrategyLessons.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE + ": generate it with " + REFRESH);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lessons by counter class simple name, in file order. */
    static Map<String, String> parse(List<String> lines) {
        Map<String, String> lessons = new LinkedHashMap<>();
        String counter = null;
        List<String> paragraphs = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        for (String line : lines) {
            if (counter == null && line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                end(paragraph, paragraphs);
                put(lessons, counter, paragraphs);
                counter = line.substring(1, line.length() - 1);
                paragraphs = new ArrayList<>();
            } else if (line.isBlank()) {
                end(paragraph, paragraphs);
            } else if (counter == null) {
                throw new IllegalStateException(RESOURCE + ": text before the first [CounterClass] line: " + line);
            } else {
                paragraph.append(paragraph.isEmpty() ? "" : " ").append(line.strip());
            }
        }
        end(paragraph, paragraphs);
        put(lessons, counter, paragraphs);
        return lessons;
    }

    private static void end(StringBuilder paragraph, List<String> paragraphs) {
        if (!paragraph.isEmpty()) {
            paragraphs.add(paragraph.toString());
            paragraph.setLength(0);
        }
    }

    private static void put(Map<String, String> lessons, String counter, List<String> paragraphs) {
        if (counter == null) {
            return;
        }
        if (paragraphs.isEmpty()) {
            throw new IllegalStateException(RESOURCE + ": the lesson of " + counter + " is empty");
        }
        if (lessons.put(counter, String.join("\n\n", paragraphs)) != null) {
            throw new IllegalStateException(RESOURCE + ": two lessons for " + counter);
        }
    }
}
