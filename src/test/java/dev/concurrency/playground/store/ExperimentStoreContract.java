package dev.concurrency.playground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ExperimentStore} does, whatever keeps the experiments: a store's test extends
 * this class and says how to make an empty store. Listing is the part a durable store writes in its
 * own terms (SQL), so most of it is here: the order, each filter alone and together, and cursors that
 * hold while experiments come and go.
 */
public abstract class ExperimentStoreContract {

    /** A store with nothing in it, keeping everything the tests insert (they insert fewer than 100). */
    protected abstract ExperimentStore emptyStore();

    protected ExperimentStore store;

    @BeforeEach
    void startEmpty() {
        store = emptyStore();
    }

    static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    static ExperimentSpec spec(String name, String... strategies) {
        return new ExperimentSpec(name, List.of(strategies), List.of(2), ThreadType.PLATFORM, null, 10L, 1, 0);
    }

    /** Submitted {@code second} seconds after {@link #T0}. */
    static Experiment queued(String id, long second, String name, String... strategies) {
        return Experiment.queued(id, spec(name, strategies.length == 0 ? new String[] {"atomic"} : strategies),
                T0.plusSeconds(second));
    }

    static Experiment completed(Experiment experiment) {
        return experiment.finished(ExperimentStatus.COMPLETED, experiment.submittedAt().plusSeconds(1), null);
    }

    static List<String> ids(Page page) {
        return page.items().stream().map(Experiment::id).toList();
    }

    /** Every id of the listing, page by page, with {@code between} run after each page. */
    List<List<String>> walk(ListQuery first, Runnable between) {
        List<List<String>> pages = new ArrayList<>();
        ListQuery query = first;
        while (true) {
            Page page = store.list(query);
            pages.add(ids(page));
            between.run();
            if (page.next().isEmpty()) {
                return pages;
            }
            query = query.withCursor(page.next().orElseThrow());
            assertTrue(pages.size() < 100, "the walk ends");
        }
    }

    @Test
    void findsUpdatesAndDeletesOnlyWhatIsStored() {
        store.insert(queued("a", 0, null));
        Experiment started = store.update("a", e -> e.started(T0, null)).orElseThrow();
        assertEquals(ExperimentStatus.RUNNING, started.status());
        assertEquals(started, store.find("a").orElseThrow());
        assertTrue(store.update("nope", e -> e.started(T0, null)).isEmpty());
        assertTrue(store.find("nope").isEmpty());
        assertTrue(store.delete("a"));
        assertFalse(store.delete("a"), "already gone");
        assertTrue(store.find("a").isEmpty());
        assertEquals(List.of(), ids(store.list(ListQuery.all(10))));
    }

    @Test
    void listsNewestFirstBySubmissionTimeThenId() {
        // Inserted out of order: the order is the submission time's, not the insertion's.
        store.insert(queued("b", 2, null));
        store.insert(queued("a", 3, null));
        store.insert(queued("z", 1, null));
        // Same instant: the larger id first.
        store.insert(queued("c", 2, null));
        assertEquals(List.of("a", "c", "b", "z"), ids(store.list(ListQuery.all(10))));
        store.update("z", ExperimentStoreContract::completed);
        assertEquals(List.of("a", "c", "b", "z"), ids(store.list(ListQuery.all(10))), "an update keeps the place");
    }

    @Test
    void filtersByStatusesAnyOfThem() {
        store.insert(completed(queued("a", 1, null)));
        store.insert(queued("b", 2, null));
        store.insert(completed(queued("c", 3, null)));
        store.insert(queued("d", 4, null));
        store.update("d", e -> e.started(T0, null));
        assertEquals(List.of("c", "a"), ids(store.list(ListQuery.all(10).withStatuses(Set.of(ExperimentStatus.COMPLETED)))));
        assertEquals(List.of("d", "b"), ids(store.list(ListQuery.all(10)
                .withStatuses(Set.of(ExperimentStatus.QUEUED, ExperimentStatus.RUNNING)))));
        assertEquals(List.of(), ids(store.list(ListQuery.all(10).withStatuses(Set.of(ExperimentStatus.FAILED)))));
        assertEquals(List.of("d", "c", "b", "a"), ids(store.list(ListQuery.all(10).withStatuses(Set.of()))),
                "no statuses: all");
    }

    @Test
    void filtersByStrategiesTheSpecLists() {
        store.insert(queued("a", 1, null, "atomic"));
        store.insert(queued("b", 2, null, "synchronized", "long-adder"));
        store.insert(queued("c", 3, null, "long-adder", "atomic"));
        store.insert(queued("d", 4, null, "volatile"));
        assertEquals(List.of("c", "a"), ids(store.list(ListQuery.all(10).withStrategies(Set.of("atomic")))));
        assertEquals(List.of("c", "b"), ids(store.list(ListQuery.all(10).withStrategies(Set.of("long-adder")))));
        assertEquals(List.of("d", "c", "a"),
                ids(store.list(ListQuery.all(10).withStrategies(Set.of("atomic", "volatile")))), "any of them");
        assertEquals(List.of(), ids(store.list(ListQuery.all(10).withStrategies(Set.of("cas-loop")))));
        assertEquals(List.of(), ids(store.list(ListQuery.all(10).withStrategies(Set.of("atom")))),
                "whole ids, not prefixes");
    }

    @Test
    void filtersByNameContainingTheTextInAnyCase() {
        store.insert(queued("a", 1, "Locks vs atomics"));
        store.insert(queued("b", 2, "LOCKS ONLY"));
        store.insert(queued("c", 3, null));
        store.insert(queued("d", 4, "100% of 5_cores"));
        store.insert(queued("e", 5, "Ärger mit Zählern"));
        assertEquals(List.of("b", "a"), ids(store.list(ListQuery.all(10).withNameContaining("locks"))));
        assertEquals(List.of("a"), ids(store.list(ListQuery.all(10).withNameContaining("S VS A"))));
        assertEquals(List.of("e"), ids(store.list(ListQuery.all(10).withNameContaining("ZÄHL"))), "beyond ASCII");
        // SQL's LIKE wildcards are text like any other here.
        assertEquals(List.of("d"), ids(store.list(ListQuery.all(10).withNameContaining("0%"))));
        assertEquals(List.of("d"), ids(store.list(ListQuery.all(10).withNameContaining("5_c"))));
        assertEquals(List.of(), ids(store.list(ListQuery.all(10).withNameContaining("_x"))));
        assertEquals(List.of("d"), ids(store.list(ListQuery.all(10).withNameContaining("%"))), "a % matches only a %");
        assertEquals(List.of("e", "d", "c", "b", "a"), ids(store.list(ListQuery.all(10).withNameContaining(""))),
                "empty: no filter, unnamed ones included");
    }

    @Test
    void filtersBySubmissionTimeWithExclusiveBounds() {
        for (int second = 1; second <= 5; second++) {
            store.insert(queued("s" + second, second, null));
        }
        assertEquals(List.of("s5", "s4"),
                ids(store.list(ListQuery.all(10).withSubmittedBetween(T0.plusSeconds(3), null))));
        assertEquals(List.of("s2", "s1"),
                ids(store.list(ListQuery.all(10).withSubmittedBetween(null, T0.plusSeconds(3)))));
        assertEquals(List.of("s3"),
                ids(store.list(ListQuery.all(10).withSubmittedBetween(T0.plusSeconds(2), T0.plusSeconds(4)))));
        assertEquals(List.of("s3"), ids(store.list(ListQuery.all(10)
                .withSubmittedBetween(T0.plusSeconds(3).minusNanos(1), T0.plusSeconds(3).plusNanos(1)))),
                "to the nanosecond");
        assertEquals(List.of(), ids(store.list(ListQuery.all(10).withSubmittedBetween(T0.plusSeconds(5), null))));
    }

    @Test
    void filtersCombine() {
        store.insert(completed(queued("a", 1, "locks", "atomic")));
        store.insert(completed(queued("b", 2, "locks", "volatile")));
        store.insert(queued("c", 3, "locks", "atomic"));
        store.insert(completed(queued("d", 4, "atomics", "atomic")));
        store.insert(completed(queued("e", 5, "locks again", "atomic")));
        ListQuery query = ListQuery.all(10).withStatuses(Set.of(ExperimentStatus.COMPLETED))
                .withStrategies(Set.of("atomic")).withNameContaining("LOCK")
                .withSubmittedBetween(T0, T0.plusSeconds(5));
        assertEquals(List.of("a"), ids(store.list(query)));
        assertEquals(List.of("e", "a"), ids(store.list(query.withSubmittedBetween(null, null))));
    }

    @Test
    void theLimitCutsPagesAndTheLastHasNoNext() {
        for (int second = 1; second <= 5; second++) {
            store.insert(queued("s" + second, second, null));
        }
        assertEquals(List.of(List.of("s5", "s4"), List.of("s3", "s2"), List.of("s1")),
                walk(ListQuery.all(2), () -> { }));
        assertEquals(List.of(List.of("s5", "s4", "s3", "s2", "s1")), walk(ListQuery.all(5), () -> { }),
                "exactly the limit left: no next page to fetch empty");
        assertEquals(List.of(List.of("s5", "s4", "s3", "s2", "s1")), walk(ListQuery.all(100), () -> { }));
        assertEquals(List.of(List.of("s5"), List.of("s4"), List.of("s3"), List.of("s2"), List.of("s1")),
                walk(ListQuery.all(1), () -> { }));
        Page none = store.list(ListQuery.all(0));
        assertEquals(List.of(), ids(none));
        assertEquals(Optional.empty(), none.next());
        assertEquals(Optional.empty(), emptyStore().list(ListQuery.all(10)).next(), "an empty store: one empty page");
    }

    @Test
    void pagesAfterACursorFilterLikeTheFirst() {
        for (int second = 1; second <= 8; second++) {
            store.insert(second % 2 == 0 ? completed(queued("s" + second, second, null)) : queued("s" + second, second, null));
        }
        assertEquals(List.of(List.of("s8", "s6"), List.of("s4", "s2")),
                walk(ListQuery.all(2).withStatuses(Set.of(ExperimentStatus.COMPLETED)), () -> { }));
    }

    @Test
    void experimentsSubmittedDuringAWalkNeitherShiftNorRepeatIt() {
        for (int second = 1; second <= 6; second++) {
            store.insert(queued("s" + second, second, null));
        }
        int[] newer = {100};
        // After each page, an experiment newer than all: an offset would shift every later page by one.
        List<List<String>> pages = walk(ListQuery.all(2), () -> store.insert(queued("n" + newer[0], newer[0]++, null)));
        assertEquals(List.of(List.of("s6", "s5"), List.of("s4", "s3"), List.of("s2", "s1")), pages);
        assertEquals(List.of("n102", "n101", "n100", "s6"), ids(store.list(ListQuery.all(4))),
                "the newcomers are there for the next walk");
    }

    @Test
    void anExperimentSharingTheLastInstantIsNotSkipped() {
        store.insert(queued("a", 1, null));
        store.insert(queued("b", 1, null));
        store.insert(queued("c", 1, null));
        assertEquals(List.of(List.of("c", "b"), List.of("a")), walk(ListQuery.all(2), () -> { }));
    }

    @Test
    void anExperimentDeletedDuringAWalkJustDisappears() {
        for (int second = 1; second <= 6; second++) {
            store.insert(queued("s" + second, second, null));
        }
        Page first = store.list(ListQuery.all(2));
        assertEquals(List.of("s6", "s5"), ids(first));
        store.delete("s5"); // the last one seen: the cursor still knows where it was
        store.delete("s3");
        Page second = store.list(ListQuery.all(2).withCursor(first.next().orElseThrow()));
        assertEquals(List.of("s4", "s2"), ids(second));
        assertEquals(List.of("s1"), ids(store.list(ListQuery.all(2).withCursor(second.next().orElseThrow()))));
    }

    @Test
    void aCursorHoldsWithAnotherLimitButNotWithOtherFilters() {
        for (int second = 1; second <= 5; second++) {
            store.insert(completed(queued("s" + second, second, "run " + second)));
        }
        ListQuery query = ListQuery.all(2).withStatuses(Set.of(ExperimentStatus.COMPLETED)).withNameContaining("Run");
        String cursor = store.list(query).next().orElseThrow();
        assertEquals(List.of("s3", "s2", "s1"), ids(store.list(query.withLimit(10).withCursor(cursor))));
        // The same filters written differently are the same listing.
        assertEquals(List.of("s3", "s2"), ids(store.list(query.withNameContaining("RUN").withCursor(cursor))));
        for (ListQuery other : List.of(ListQuery.all(2), query.withStatuses(Set.of()), query.withNameContaining("run 1"),
                query.withStrategies(Set.of("atomic")), query.withSubmittedBetween(T0, null),
                query.withSubmittedBetween(null, T0.plusSeconds(9)))) {
            assertThrows(InvalidCursorException.class, () -> store.list(other.withCursor(cursor)), other.toString());
        }
    }

    @Test
    void aMalformedCursorIsRefused() {
        store.insert(queued("a", 1, null));
        for (String cursor : List.of("x", "not base64 !", "%%%", base64("1|1|0|0000000000000000|a"),
                base64("2|1|0|" + digestOfAll() + "|a"), base64("1|one|0|" + digestOfAll() + "|a"),
                base64("1|1|0|" + digestOfAll() + "|"), base64("1|1|0"), "A".repeat(Cursors.MAX_LENGTH + 1))) {
            assertThrows(InvalidCursorException.class, () -> store.list(ListQuery.all(2).withCursor(cursor)), cursor);
        }
    }

    /** The filter digest of an unfiltered listing, read from a cursor the store issued. */
    private String digestOfAll() {
        store.insert(queued("zz", 0, null));
        String issued = store.list(ListQuery.all(1)).next().orElseThrow();
        store.delete("zz");
        return new String(Base64.getUrlDecoder().decode(issued), StandardCharsets.UTF_8).split("\\|")[3];
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

}
