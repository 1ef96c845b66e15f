package dev.concurrency.playground.api.chart;

import dev.concurrency.playground.api.chart.svg.Theme;
import dev.concurrency.playground.api.problem.ProblemException;
import dev.concurrency.playground.api.problem.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a chart is drawn, parsed from the query and checked against what its kind allows.
 *
 * @param metric one of the kind's metrics
 * @param log whether the value axis is logarithmic
 * @param title the heading; null for the default (the experiment's name)
 */
public record ChartOptions(ChartKind kind, String metric, boolean log, int width, int height, Theme theme,
        String title) {

    public static final int MIN_WIDTH = 240;
    public static final int MAX_WIDTH = 2400;
    public static final int DEFAULT_WIDTH = 720;
    public static final int MIN_HEIGHT = 160;
    public static final int MAX_HEIGHT = 1600;
    public static final int DEFAULT_HEIGHT = 400;
    public static final int MAX_TITLE_LENGTH = 200;
    /** The options every chart takes, as query parameters. */
    public static final List<String> NAMES = List.of("metric", "scale", "width", "height", "theme", "title");

    /** The defaults for {@code kind}. */
    public static ChartOptions defaults(ChartKind kind) {
        return new ChartOptions(kind, kind.metrics().getFirst(), false, DEFAULT_WIDTH, DEFAULT_HEIGHT, Theme.LIGHT, null);
    }

    /**
     * The options in {@code query}, or a 400 naming every parameter that is wrong and what it accepts.
     *
     * @param others parameters the resource takes besides the options (a comparison's ids); any other
     *     parameter is refused, so that a misspelt option is not silently ignored
     * @param problems wrong parameters found by the caller, reported with these
     */
    public static ChartOptions parse(ChartKind kind, Map<String, List<String>> query, Set<String> others,
            List<Violation> problems) {
        List<Violation> violations = new ArrayList<>(problems);
        Set<String> unknown = new TreeSet<>(query.keySet());
        unknown.removeAll(NAMES);
        unknown.removeAll(others);
        for (String name : unknown) {
            List<String> known = new ArrayList<>(others);
            known.addAll(NAMES);
            violations.add(new Violation(ProblemException.excerpt(name), "is not a parameter of this chart; it takes "
                    + String.join(", ", known)));
        }
        String metric = kind.metrics().getFirst();
        String given = single(query, "metric", violations);
        if (given != null) {
            if (kind.metrics().contains(given)) {
                metric = given;
            } else {
                violations.add(new Violation("metric", "must be " + oneOf(kind.metrics()) + " for a " + kind.id()
                        + " chart; '" + ProblemException.excerpt(given) + "' is not one"));
            }
        }
        boolean log = false;
        String scale = single(query, "scale", violations);
        List<String> scales = kind.logAllowed() ? List.of("linear", "log") : List.of("linear");
        if (scale != null) {
            if (scales.contains(scale)) {
                log = scale.equals("log");
            } else {
                violations.add(new Violation("scale", "must be " + oneOf(scales) + " for a " + kind.id() + " chart"
                        + (kind.logAllowed() ? "" : " (its values include zero, which a logarithmic axis cannot show)")
                        + "; '" + ProblemException.excerpt(scale) + "' is not one"));
            }
        }
        int width = size(query, "width", MIN_WIDTH, MAX_WIDTH, DEFAULT_WIDTH, violations);
        int height = size(query, "height", MIN_HEIGHT, MAX_HEIGHT, DEFAULT_HEIGHT, violations);
        Theme theme = Theme.LIGHT;
        String themeName = single(query, "theme", violations);
        if (themeName != null) {
            if (themeName.equals("light") || themeName.equals("dark")) {
                theme = Theme.valueOf(themeName.toUpperCase(Locale.ROOT));
            } else {
                violations.add(new Violation("theme", "must be light or dark; '" + ProblemException.excerpt(themeName)
                        + "' is not one"));
            }
        }
        String title = single(query, "title", violations);
        if (title != null) {
            title = title.strip();
            if (title.isEmpty()) {
                violations.add(new Violation("title", "must not be blank; leave it out for the default title"));
            } else if (title.codePointCount(0, title.length()) > MAX_TITLE_LENGTH) {
                violations.add(new Violation("title", "must be at most " + MAX_TITLE_LENGTH + " characters; it has "
                        + title.codePointCount(0, title.length())));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("The chart cannot be drawn with these parameters. Its options are metric ("
                    + oneOf(kind.metrics()) + "), scale (" + oneOf(scales) + "), width (" + MIN_WIDTH + ".." + MAX_WIDTH
                    + " pixels), height (" + MIN_HEIGHT + ".." + MAX_HEIGHT + "), theme (light or dark) and title (at most "
                    + MAX_TITLE_LENGTH + " characters), each given at most once; see violations.", violations);
        }
        return new ChartOptions(kind, metric, log, width, height, theme, title);
    }

    /** The option's one value; null when absent, and a violation when given more than once. */
    private static String single(Map<String, List<String>> query, String name, List<Violation> violations) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            violations.add(new Violation(name, "must be given once; it was given " + values.size() + " times"));
            return null;
        }
        return values.getFirst();
    }

    private static int size(Map<String, List<String>> query, String name, int min, int max, int otherwise,
            List<Violation> violations) {
        String value = single(query, name, violations);
        if (value == null) {
            return otherwise;
        }
        // Digits only: "1e3", "NaN", "+720" and "720.0" are refused rather than guessed at.
        if (value.matches("[0-9]{1,5}")) {
            int pixels = Integer.parseInt(value);
            if (pixels >= min && pixels <= max) {
                return pixels;
            }
        }
        violations.add(new Violation(name, "must be a whole number of pixels from " + min + " to " + max + "; '"
                + ProblemException.excerpt(value) + "' is not one"));
        return otherwise;
    }

    private static String oneOf(List<String> values) {
        return values.size() == 1 ? values.getFirst()
                : String.join(", ", values.subList(0, values.size() - 1)) + " or " + values.getLast();
    }
}
