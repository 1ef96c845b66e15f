package dev.concurrency.playground.store;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One page of a listing: which experiments, how many, and where the previous page ended. Every store
 * answers it the same way, which {@code ExperimentStoreContract} pins down:
 *
 * <ul>
 *   <li>Newest first by {@code (submittedAt, id)}, both descending; ids compare by their characters'
 *       code units (a binary collation in SQL), which for the service's lower-case UUIDs is plain order.</li>
 *   <li>The filters combine with AND; within {@code statuses} and within {@code strategies}, any one
 *       matches. An empty set does not filter.</li>
 *   <li>{@code strategies}: the experiment's spec lists at least one of these strategy ids (exactly as
 *       written, as the catalog spells them).</li>
 *   <li>{@code nameContains}: the experiment has a name that contains this text, ignoring case (both
 *       sides lower-cased by Unicode's rules, {@link Locale#ROOT}); experiments without a name never
 *       match. Null or empty does not filter.</li>
 *   <li>{@code submittedAfter}, {@code submittedBefore}: exclusive bounds, so
 *       {@code submittedAfter} = the newest {@code submittedAt} a script has seen fetches only what came
 *       since. Null does not filter.</li>
 *   <li>{@code cursor}: a {@link Page#next()} of this same query (any limit), or null for the first
 *       page. The page starts strictly after the position it records, so experiments submitted
 *       meanwhile (newer, hence before it) never shift a page, and nothing is repeated or skipped; one
 *       deleted meanwhile is simply not there.</li>
 * </ul>
 *
 * @param limit at most this many experiments (0 gives an empty page)
 */
public record ListQuery(
        Set<ExperimentStatus> statuses,
        Set<String> strategies,
        String nameContains,
        Instant submittedAfter,
        Instant submittedBefore,
        int limit,
        String cursor) {

    public ListQuery {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        strategies = Set.copyOf(strategies);
        nameContains = nameContains == null || nameContains.isEmpty() ? null : nameContains;
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
    }

    /** Every experiment, first page. */
    public static ListQuery all(int limit) {
        return new ListQuery(Set.of(), Set.of(), null, null, null, limit, null);
    }

    public ListQuery withStatuses(Set<ExperimentStatus> only) {
        return new ListQuery(only, strategies, nameContains, submittedAfter, submittedBefore, limit, cursor);
    }

    public ListQuery withStrategies(Set<String> only) {
        return new ListQuery(statuses, only, nameContains, submittedAfter, submittedBefore, limit, cursor);
    }

    public ListQuery withNameContaining(String text) {
        return new ListQuery(statuses, strategies, text, submittedAfter, submittedBefore, limit, cursor);
    }

    public ListQuery withSubmittedBetween(Instant after, Instant before) {
        return new ListQuery(statuses, strategies, nameContains, after, before, limit, cursor);
    }

    public ListQuery withLimit(int pageSize) {
        return new ListQuery(statuses, strategies, nameContains, submittedAfter, submittedBefore, pageSize, cursor);
    }

    public ListQuery withCursor(String next) {
        return new ListQuery(statuses, strategies, nameContains, submittedAfter, submittedBefore, limit, next);
    }

    /**
     * Whether {@code experiment} passes the filters (not the cursor or the limit): the reference a
     * store that filters elsewhere, in SQL say, must agree with.
     */
    public boolean matches(Experiment experiment) {
        return (statuses.isEmpty() || statuses.contains(experiment.status()))
                && (strategies.isEmpty() || experiment.spec().strategies().stream().anyMatch(strategies::contains))
                && (nameContains == null || experiment.name() != null
                        && lowerCase(experiment.name()).contains(lowerCase(nameContains)))
                && (submittedAfter == null || experiment.submittedAt().isAfter(submittedAfter))
                && (submittedBefore == null || experiment.submittedAt().isBefore(submittedBefore));
    }

    /** The filters, written the same way however they were given, so a cursor can name the query it belongs to. */
    String filters() {
        return String.join("\n", new TreeSet<>(statuses.stream().map(Enum::name).toList()).toString(),
                new TreeSet<>(strategies).toString(),
                nameContains == null ? "" : lowerCase(nameContains),
                String.valueOf(submittedAfter), String.valueOf(submittedBefore));
    }

    private static String lowerCase(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
