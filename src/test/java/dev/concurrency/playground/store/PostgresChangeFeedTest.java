package dev.concurrency.playground.store;

import static dev.concurrency.playground.store.ExperimentStoreContract.KEY_RETENTION;
import static dev.concurrency.playground.store.ExperimentStoreContract.MAX_KEYS;
import static dev.concurrency.playground.store.ExperimentStoreContract.T0;
import static dev.concurrency.playground.store.ExperimentStoreContract.completed;
import static dev.concurrency.playground.store.ExperimentStoreContract.ids;
import static dev.concurrency.playground.store.ExperimentStoreContract.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The PostgreSQL store's caches under its {@link ChangeFeed}: served without a round trip while the feed is fresh,
 * and never showing what another instance deleted before the read began, even when the feed's connection is cut.
 */
class PostgresChangeFeedTest {

    private static final Duration PERIOD = Duration.ofMillis(20);
    /** Long, for the tests that count round trips: a lease that lapsed on a loaded machine would ask again. */
    private static final Duration LONG_LEASE = Duration.ofSeconds(10);
    private static final Duration LEASE = Duration.ofMillis(200);
    /** Long, so that a feed cut off stays away while the test changes the store behind its back. */
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static PostgresSchemas schemas;
    private final List<ChangeFeed> feeds = new ArrayList<>();
    private final MovableClock clock = new MovableClock(T0);

    @BeforeAll
    static void connect() {
        schemas = PostgresSchemas.open();
    }

    @AfterEach
    void closeFeeds() {
        feeds.forEach(ChangeFeed::close);
        schemas.close();
    }

    @AfterAll
    static void disconnect() {
        if (schemas != null) {
            schemas.close();
        }
    }

    private JdbcExperimentStore store(DataSource dataSource) {
        return new JdbcExperimentStore(dataSource, Dialect.POSTGRESQL, KEY_RETENTION, MAX_KEYS, clock);
    }

    private ChangeFeed listening(JdbcExperimentStore store, Duration lease) {
        return listening(store, schemas.unpooled(), lease);
    }

    private ChangeFeed listening(JdbcExperimentStore store, DataSource connections, Duration lease) {
        ChangeFeed feed = store.listen(connections, PERIOD, lease, RETRY);
        feeds.add(feed);
        awaitFresh(feed);
        return feed;
    }

    private static void awaitFresh(ChangeFeed feed) {
        await(feed::fresh, () -> "the feed did not become fresh");
    }

    private static void await(BooleanSupplier condition, Supplier<String> whatFailed) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(whatFailed.get() + " within " + WAIT);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    @Test
    void aFreshFeedServesFinishedExperimentsAndTheirPagesWithoutAskingAndShowsItsOwnChangesAtOnce() {
        DataSource shared = schemas.fresh();
        AtomicInteger asked = new AtomicInteger();
        JdbcExperimentStore here = store(PostgresSchemas.counting(shared, asked));
        JdbcExperimentStore there = store(shared);
        there.insert(completed(queued("a", 1, null)));
        there.insert(completed(queued("b", 2, null)));
        listening(here, LONG_LEASE);
        Experiment a = there.find("a").orElseThrow();
        assertEquals(Optional.of(a), here.find("a"));
        assertEquals(List.of("b", "a"), ids(here.list(ListQuery.all(10))));

        asked.set(0);
        for (int i = 0; i < 50; i++) {
            assertEquals(Optional.of(a), here.find("a"));
            assertEquals(List.of("b", "a"), ids(here.list(ListQuery.all(10))));
        }
        assertEquals(0, asked.get(), "round trips for reads of finished experiments and pages of them");

        // This instance's own changes show at once, without waiting for the page to age.
        here.insert(completed(queued("c", 3, null)));
        assertEquals(List.of("c", "b", "a"), ids(here.list(ListQuery.all(10))));
        here.update("b", e -> e.requeued("a test"));
        assertEquals(List.of("c", "a"), ids(here.list(ListQuery.all(10).withStatuses(
                Set.of(ExperimentStatus.COMPLETED)))));
        there.delete("a");
        await(() -> here.find("a").isEmpty(), () -> "a read still found what the other instance deleted");
        assertEquals(List.of("c"), ids(here.list(ListQuery.all(10).withStatuses(
                Set.of(ExperimentStatus.COMPLETED)))));
    }

    /**
     * Another instance's additions and changes of status are not notified: a cached page shows them once it is a
     * lease old, which is the bound the feed promises for every change.
     */
    @Test
    void aListShowsAnotherInstancesAdditionsAndChangesOfStatusWithinTheLease() throws InterruptedException {
        DataSource shared = schemas.fresh();
        JdbcExperimentStore here = store(shared);
        JdbcExperimentStore there = store(shared);
        there.insert(completed(queued("a", 1, null)));
        ChangeFeed hearing = listening(here, LEASE);
        ListQuery finished = ListQuery.all(10).withStatuses(
                Set.of(ExperimentStatus.COMPLETED));
        for (int round = 0; round < 3; round++) {
            assertEquals(round + 1, here.list(ListQuery.all(10)).items().size());
            assertEquals(round + 1, here.list(finished).items().size());
            there.insert(queued("q" + round, 10 + round, null));
            Thread.sleep(LEASE.toMillis() + 5);
            awaitFresh(hearing);
            assertEquals("q" + round, ids(here.list(ListQuery.all(10))).getFirst(), "an addition, a lease later");
            there.update("q" + round, e -> completed(e));
            Thread.sleep(LEASE.toMillis() + 5);
            awaitFresh(hearing);
            assertEquals("q" + round, ids(here.list(finished)).getFirst(), "a change of status, a lease later");
        }
    }

    /**
     * Each instance caches every experiment, then they take turns deleting one: the other, reading at once, never
     * finds it, because a deletion returns only when every fresh feed has been told.
     */
    @Test
    void whatOneInstanceDeletedIsGoneAtOnceOnTheOther() {
        DataSource shared = schemas.fresh();
        JdbcExperimentStore one = store(shared);
        JdbcExperimentStore two = store(shared);
        int count = 12;
        for (int i = 0; i < count; i++) {
            one.insert(completed(queued("x" + i, i, null)));
        }
        ChangeFeed first = listening(one, LEASE);
        ChangeFeed second = listening(two, LEASE);
        for (int i = 0; i < count; i++) {
            one.find("x" + i).orElseThrow();
            two.find("x" + i).orElseThrow();
        }
        assertEquals(count, one.list(ListQuery.all(100)).items().size());
        assertEquals(count, two.list(ListQuery.all(100)).items().size());
        for (int i = 0; i < count; i++) {
            JdbcExperimentStore deleting = i % 2 == 0 ? one : two;
            JdbcExperimentStore reading = i % 2 == 0 ? two : one;
            awaitFresh(first);
            awaitFresh(second);
            assertTrue(deleting.delete("x" + i));
            assertEquals(Optional.empty(), reading.find("x" + i), "read on the other instance after deletion " + i);
            assertEquals(Optional.empty(), deleting.find("x" + i), "read on the deleting instance after deletion " + i);
            assertEquals(count - i - 1, reading.list(ListQuery.all(100)).items().size(), "listed after deletion " + i);
        }
    }

    /**
     * A feed whose connection is cut stops vouching for the cache within its lease, and when it listens again it
     * has forgotten what it cached: a deletion made meanwhile, which it was never told of, is not served.
     */
    @Test
    void aFeedCutOffForgetsWhatItCachedAndNeverServesWhatWasDeletedMeanwhile() throws SQLException {
        DataSource shared = schemas.fresh();
        JdbcExperimentStore here = store(shared);
        JdbcExperimentStore there = store(shared);
        there.insert(completed(queued("kept", 1, null)));
        there.insert(completed(queued("gone", 2, null)));
        there.insert(completed(queued("unseen", 3, null)));
        ChangeFeed hearing = listening(here, LEASE);
        listening(there, LEASE);
        for (String id : List.of("kept", "gone", "unseen")) {
            here.find(id).orElseThrow();
        }
        assertEquals(List.of("unseen", "gone", "kept"), ids(here.list(ListQuery.all(10))));

        // At least these two: a session of a feed closed by an earlier test may not have ended yet.
        int cut = terminateListeners(shared);
        assertTrue(cut >= 2, "listening sessions cut: " + cut);
        await(() -> !hearing.fresh(), () -> "the cut-off feed still vouched for its cache");
        assertTrue(there.delete("gone"));
        assertTrue(there.delete("unseen"));
        assertEquals(Optional.empty(), here.find("gone"), "read while cut off");

        // "unseen" was cached, and its deletion was never notified to this feed; nothing has read it since.
        awaitFresh(hearing);
        assertEquals(Optional.empty(), here.find("unseen"), "read after listening again");
        assertEquals(List.of("kept"), ids(here.list(ListQuery.all(10))), "listed after listening again");
        assertTrue(there.delete("kept"));
        assertEquals(Optional.empty(), here.find("kept"), "told again once listening");
        assertEquals(List.of(), ids(here.list(ListQuery.all(10))), "listed once told again");
    }

    /**
     * In the service, the store's transactions take connections from a pool and the feed takes one of its own: it
     * holds none of the pool's, and one cut off is not handed to the next transaction.
     */
    @Test
    void theFeedTakesNoConnectionOfThePool() throws SQLException {
        try (io.agroal.api.AgroalDataSource pool = schemas.pooled(1)) {
            JdbcExperimentStore here = store(pool);
            ChangeFeed hearing = listening(here, schemas.unpooled(), LEASE);
            here.insert(completed(queued("before", 1, null)));
            assertTrue(terminateListeners(pool) >= 1, "listening sessions cut");
            await(() -> !hearing.fresh(), () -> "the cut-off feed still vouched for its cache");
            for (int i = 0; i < 4; i++) {
                here.insert(completed(queued("after" + i, 2 + i, null)));
                assertTrue(here.find("after" + i).isPresent());
            }
            awaitFresh(hearing);
            assertEquals(5, here.list(ListQuery.all(10)).items().size());
            hearing.close();
        }
    }

    /** Ends the sessions listening to the store's changes in this database, as a restart of PostgreSQL would. */
    private static int terminateListeners(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                        + "AND application_name = current_setting('application_name') "
                        + "AND (query LIKE 'SELECT pg\\_notify(''experiment\\_feed\\_%' OR query LIKE 'LISTEN %')")) {
            int terminated = 0;
            while (rows.next()) {
                terminated += rows.getBoolean(1) ? 1 : 0;
            }
            return terminated;
        }
    }

    @Test
    void aClosedFeedNoLongerVouchesAndTheStoreAsksAgain() {
        DataSource shared = schemas.fresh();
        AtomicInteger asked = new AtomicInteger();
        JdbcExperimentStore here = store(PostgresSchemas.counting(shared, asked));
        here.insert(completed(queued("a", 1, null)));
        ChangeFeed feed = listening(here, LONG_LEASE);
        here.find("a").orElseThrow();
        feed.close();
        assertFalse(feed.fresh());
        asked.set(0);
        here.find("a").orElseThrow();
        assertEquals(1, asked.get(), "round trips for a read without a feed");
        assertThrows(IllegalStateException.class, () -> here.listen(shared, PERIOD, LEASE, RETRY), "listening twice");
    }

    /** A database that cannot be reached is tried again every {@code retry}, not as fast as the thread can. */
    @Test
    void aDatabaseThatCannotBeReachedIsTriedAgainAtTheRetryInterval() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        DataSource unreachable = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("getConnection")) {
                        attempts.incrementAndGet();
                        throw new SQLException("Connection refused (a test's database that is not there)");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        JdbcExperimentStore store = store(schemas.fresh());
        ChangeFeed feed = store.listen(unreachable, PERIOD, LEASE, Duration.ofMillis(100));
        feeds.add(feed);
        Thread.sleep(1000);
        assertFalse(feed.fresh(), "fresh without a connection");
        feed.close();
        assertTrue(attempts.get() >= 1 && attempts.get() <= 30, "connection attempts in 1 s: " + attempts.get());
    }

    /** A ping per period, not one after the other: counted as the statements the feed's connection executes. */
    @Test
    void theFeedPingsOncePerPeriod() throws InterruptedException {
        AtomicInteger statements = new AtomicInteger();
        DataSource connections = schemas.unpooled();
        DataSource counted = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                    Object result = invoke(method, connections, arguments);
                    return result instanceof Connection connection ? countingStatements(connection, statements) : result;
                });
        JdbcExperimentStore store = store(schemas.fresh());
        ChangeFeed feed = listening(store, counted, LEASE);
        int before = statements.get();
        Thread.sleep(1000);
        int executed = statements.get() - before;
        feed.close();
        // 50 at one per 20 ms period; fewer on a loaded machine, never many more.
        assertTrue(executed >= 1 && executed <= 100, "statements in 1 s: " + executed);
    }

    private static Connection countingStatements(Connection connection, AtomicInteger statements) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    Object result = invoke(method, connection, arguments);
                    if (result instanceof Statement statement) {
                        return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                                (inner, call, values) -> {
                                    if (call.getName().startsWith("execute")) {
                                        statements.incrementAndGet();
                                    }
                                    return invoke(call, statement, values);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 200", "50, 100", "-1, 200"})
    void aLeaseMustOutlastTwoPeriods(long periodMillis, long leaseMillis) {
        JdbcExperimentStore store = store(schemas.fresh());
        assertThrows(IllegalArgumentException.class,
                () -> store.listen(schemas.unpooled(), Duration.ofMillis(periodMillis), Duration.ofMillis(leaseMillis), RETRY));
    }

    @Test
    void theEmbeddedStoreHasNothingToListenTo() {
        JdbcExperimentStore embedded = new JdbcExperimentStore(new H2Databases().freshInMemory(), Dialect.H2,
                KEY_RETENTION, MAX_KEYS, clock);
        assertThrows(IllegalStateException.class, () -> embedded.listen(schemas.unpooled(), PERIOD, LEASE, RETRY));
    }
}
