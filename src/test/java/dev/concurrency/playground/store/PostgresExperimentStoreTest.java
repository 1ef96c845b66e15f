package dev.concurrency.playground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import java.time.InstantSource;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract, kept by the JDBC store on PostgreSQL, the store a fleet shares: a schema of its own
 * per test (see {@link PostgresSchemas}), all dropped afterwards. Fails, rather than skips, without a server.
 */
class PostgresExperimentStoreTest extends ExperimentStoreContract {

    private static PostgresSchemas schemas;

    @BeforeAll
    static void connect() {
        schemas = PostgresSchemas.open();
    }

    @Override
    protected ExperimentStore emptyStore(InstantSource clock) {
        return new JdbcExperimentStore(schemas.fresh(), Dialect.POSTGRESQL, KEY_RETENTION, MAX_KEYS, clock);
    }

    @AfterEach
    void dropSchemas() {
        schemas.close();
    }

    @AfterAll
    static void disconnect() {
        if (schemas != null) {
            schemas.close();
        }
    }

    /**
     * Two instances of a fleet on one database: a list or a read shows at once what the other instance changed or
     * deleted, although each keeps the finished experiments it has seen (they never change) rather than fetch
     * their documents again.
     */
    @Test
    void aListOrAReadShowsAtOnceWhatAnotherInstanceChangedOrDeleted() {
        DataSource shared = schemas.fresh();
        ExperimentStore here = new JdbcExperimentStore(shared, Dialect.POSTGRESQL, KEY_RETENTION, MAX_KEYS, clock);
        ExperimentStore there = new JdbcExperimentStore(shared, Dialect.POSTGRESQL, KEY_RETENTION, MAX_KEYS, clock);
        there.insert(completed(queued("done", 1, null)));
        there.insert(queued("waiting", 2, null));
        there.insert(completed(queued("kept", 3, null)));
        assertEquals(List.of("kept", "waiting", "done"), ids(here.list(ListQuery.all(10))));

        there.update("waiting", startOn("b"));
        Experiment ended = there.update("waiting", e -> e.finished(ExperimentStatus.COMPLETED, clock.instant(), null))
                .orElseThrow();
        assertEquals(there.find("done"), here.find("done"), "read from what the list kept");
        there.delete("done");
        assertEquals(java.util.Optional.empty(), here.find("done"), "deleted by the other instance");
        for (int listing = 0; listing < 2; listing++) { // the second from what the first kept
            Page page = here.list(ListQuery.all(10));
            assertEquals(List.of("kept", "waiting"), ids(page));
            assertEquals(ended, page.items().get(1), "the other instance's last write, not an earlier snapshot");
            assertEquals(there.find("kept").orElseThrow(), page.items().get(0));
        }
        Page first = here.list(ListQuery.all(1));
        assertEquals(List.of("kept"), ids(first));
        assertEquals(List.of("waiting"), ids(here.list(ListQuery.all(1).withCursor(first.next().orElseThrow()))));
    }

    @Test
    void saysWhatItIs() {
        assertEquals(true, store.isDurable(), "durable");
        assertEquals(true, store.isShared(), "shared");
        assertTrue(store.isAvailable());
    }
}
