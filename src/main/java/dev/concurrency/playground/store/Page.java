package dev.concurrency.playground.store;

import dev.concurrency.playground.experiment.Experiment;
import java.util.List;
import java.util.Optional;

/**
 * A page of a listing.
 *
 * @param next the cursor of the following page, absent when this page is the last: a store looks one
 *     experiment past the limit, so a client never fetches an empty page to learn it is done
 */
public record Page(List<Experiment> items, Optional<String> next) {

    public Page {
        items = List.copyOf(items);
    }
}
