package dev.concurrency.playground.api.experiment;

import dev.concurrency.playground.api.limits.FixedLimits;
import dev.concurrency.playground.api.problem.ProblemException;
import dev.concurrency.playground.api.problem.Violation;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.store.ListQuery;
import dev.concurrency.playground.strategy.StrategyCatalog;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * The query parameters of {@code GET /api/experiments}: parsed by hand, because JAX-RS answers a failed
 * conversion with 404, which would tell a script the collection does not exist rather than that its
 * parameter is wrong. Every wrong parameter is reported at once, each naming what it accepts, so a
 * script author fixes them in one go.
 */
final class ListParameters {

    /** What the problem's detail and the documentation show as a well-formed instant. */
    static final String INSTANT_EXAMPLE = "2025-06-01T12:00:00Z";

    private final List<Violation> violations = new ArrayList<>();
    private final List<String> sentences = new ArrayList<>();

    private ListParameters() {
    }

    /**
     * The listing asked for.
     *
     * @throws ProblemException 400 naming every parameter that is wrong
     */
    static ListQuery parse(String limit, List<String> status, List<String> strategy, String name,
            String submittedAfter, String submittedBefore, String cursor, StrategyCatalog catalog) {
        ListParameters parameters = new ListParameters();
        int size = parameters.limit(limit);
        Set<ExperimentStatus> statuses = parameters.statuses(status);
        Set<String> strategies = parameters.strategies(strategy, catalog);
        String nameContains = parameters.name(name);
        Instant after = parameters.instant("submittedAfter", submittedAfter);
        Instant before = parameters.instant("submittedBefore", submittedBefore);
        if (after != null && before != null && !after.isBefore(before)) {
            parameters.add("submittedBefore", "must be later than submittedAfter (both bounds are exclusive)",
                    "The submittedBefore parameter must be later than submittedAfter: both bounds are exclusive, so "
                            + "no experiment lies between " + after + " and " + before + ".");
        }
        if (!parameters.violations.isEmpty()) {
            throw ProblemException.invalid(String.join(" ", parameters.sentences), List.copyOf(parameters.violations));
        }
        return new ListQuery(statuses, strategies, nameContains, after, before, size,
                cursor == null || cursor.isEmpty() ? null : cursor);
    }

    /** The problem for a cursor the store refused: there is no way to repair one, only to start again. */
    static ProblemException invalidCursor(String why) {
        return ProblemException.invalid("The cursor parameter " + why + ". Cursors come from the next link of a "
                        + "page and hold only with the filters of that listing: start again without a cursor.",
                List.of(new Violation("cursor", "must come from the next link of this listing, with the same "
                        + "filters; start again without it")));
    }

    /**
     * The URL of the page after {@code cursor}'s: every filter and the limit as the store understood
     * them (so the same query, however it was spelled), absolute like the {@code Location} of a
     * submission, so a client follows it without resolving anything.
     */
    static URI next(URI collection, ListQuery query, String cursor) {
        StringJoiner parameters = new StringJoiner("&", "?", "");
        parameters.add("limit=" + query.limit());
        if (!query.statuses().isEmpty()) {
            parameters.add("status=" + EnumSet.copyOf(query.statuses()).stream().map(Enum::name)
                    .collect(Collectors.joining(",")));
        }
        if (!query.strategies().isEmpty()) {
            parameters.add("strategy=" + encode(query.strategies().stream().sorted().collect(Collectors.joining(","))));
        }
        if (query.nameContains() != null) {
            parameters.add("name=" + encode(query.nameContains()));
        }
        if (query.submittedAfter() != null) {
            parameters.add("submittedAfter=" + encode(query.submittedAfter().toString()));
        }
        if (query.submittedBefore() != null) {
            parameters.add("submittedBefore=" + encode(query.submittedBefore().toString()));
        }
        parameters.add("cursor=" + encode(cursor));
        return URI.create(collection + parameters.toString());
    }

    private static String encode(String value) {
        // URLEncoder writes a space as '+', which only form decoding reads as a space: %20 means it everywhere.
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return FixedLimits.DEFAULT_PAGE_SIZE;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= FixedLimits.MAX_PAGE_SIZE) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        add("limit", "must be a whole number from 1 to " + FixedLimits.MAX_PAGE_SIZE,
                "The limit parameter must be a whole number from 1 to " + FixedLimits.MAX_PAGE_SIZE + ".");
        return 0;
    }

    /**
     * The statuses asked for, empty for all. One rule for every enum parameter: several values, repeated
     * or comma-separated, matched without regard to case; an unknown value is an error, never ignored.
     */
    private Set<ExperimentStatus> statuses(List<String> values) {
        Set<ExperimentStatus> statuses = EnumSet.noneOf(ExperimentStatus.class);
        for (String one : values(values)) {
            try {
                statuses.add(ExperimentStatus.valueOf(one.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                String valid = Arrays.toString(ExperimentStatus.values());
                add("status", "must be one or more of " + valid, "The status parameter must name statuses from "
                        + valid + " (in any case); '" + ProblemException.excerpt(one) + "' is not one.");
                break;
            }
        }
        return statuses;
    }

    /**
     * Strategy ids, by the same rule as statuses. An id the catalog does not have is refused rather than
     * matching nothing, so a typo is not mistaken for "never run".
     */
    private Set<String> strategies(List<String> values, StrategyCatalog catalog) {
        Set<String> strategies = new LinkedHashSet<>();
        for (String one : values(values)) {
            String id = one.toLowerCase(Locale.ROOT);
            if (catalog.find(id).isEmpty()) {
                String valid = String.join(", ", catalog.ids());
                add("strategy", "must be one or more strategy ids: " + valid, "The strategy parameter must name "
                        + "strategies from the catalog (" + valid + "); '" + ProblemException.excerpt(one)
                        + "' is not one.");
                break;
            }
            strategies.add(id);
        }
        return strategies;
    }

    private String name(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        if (name.codePointCount(0, name.length()) > FixedLimits.MAX_NAME_LENGTH) {
            add("name", "must be at most " + FixedLimits.MAX_NAME_LENGTH + " characters, as names are",
                    "The name parameter must be at most " + FixedLimits.MAX_NAME_LENGTH
                            + " characters: no experiment's name is longer.");
        }
        return name;
    }

    private Instant instant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            add(parameter, "must be an ISO-8601 instant with a time zone, e.g. " + INSTANT_EXAMPLE,
                    "The " + parameter + " parameter must be an ISO-8601 instant with a time zone, such as "
                            + INSTANT_EXAMPLE + " or 2025-06-01T14:00:00+02:00; '" + ProblemException.excerpt(value)
                            + "' is not one.");
            return null;
        }
    }

    /** Repeated or comma-separated values, trimmed; empty ones (a trailing comma) are left out. */
    private static List<String> values(List<String> parameters) {
        List<String> values = new ArrayList<>();
        for (String parameter : parameters == null ? List.<String>of() : parameters) {
            for (String one : parameter.split(",", -1)) {
                if (!one.isBlank()) {
                    values.add(one.trim());
                }
            }
        }
        return values;
    }

    private void add(String parameter, String message, String sentence) {
        violations.add(new Violation(parameter, message));
        sentences.add(sentence);
    }
}
