package dev.concurrency.playground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.store.ExperimentStore.Admission;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fleet's admissions that arrive together are made together: one round trip and one hold of the queue's lock for
 * the group, each caller still getting its own answer. Each test makes the group it needs: another session holds
 * the queue's lock (as another instance's admission would), so that a first admission waits in PostgreSQL with the
 * store's turn, and the admissions that follow wait for the turn, one by one, until all of them are waiting.
 */
class PostgresGroupAdmissionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int FOLLOWERS = 5;
    private static PostgresSchemas schemas;

    private final MovableClock clock = new MovableClock(ExperimentStoreContract.T0);
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private DataSource dataSource;
    private JdbcExperimentStore store;

    @BeforeAll
    static void connect() {
        schemas = PostgresSchemas.open();
    }

    @AfterAll
    static void disconnect() {
        if (schemas != null) {
            schemas.close();
        }
    }

    @BeforeEach
    void emptyStore() {
        dataSource = schemas.fresh();
        store = new JdbcExperimentStore(PostgresSchemas.counting(dataSource, connections), Dialect.POSTGRESQL, Duration.ofHours(24),
                1000, clock);
    }

    @AfterEach
    void joinThreads() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(WAIT);
        }
    }

    @Test
    void admissionsThatWaitTogetherAreMadeInOneRoundTripInTheOrderTheyCameIn() throws Exception {
        List<FutureTask<Admission>> admissions = new ArrayList<>();
        int before;
        try (Connection otherInstance = holdingTheQueue()) {
            admissions.add(leaderWaitingInTheDatabase("leader", 100));
            for (int i = 1; i <= FOLLOWERS; i++) {
                admissions.add(waitingForTheTurn("follower-" + i, 100));
            }
            before = connections.get();
            otherInstance.commit();
        }
        for (FutureTask<Admission> admission : admissions) {
            assertInstanceOf(Admission.Admitted.class, admission.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        assertEquals(1, connections.get() - before, "the five followers should have been admitted in one round trip");
        assertEquals(1 + FOLLOWERS, queuedCount(), "queue_lock.queued counts every admission of the group");
        assertEquals(List.of("leader", "follower-1", "follower-2", "follower-3", "follower-4", "follower-5"), claimOrder());
    }

    @Test
    void aGroupWithoutRoomForAllIsAdmittedOneByOneUpToTheCapacity() throws Exception {
        int capacity = 6;
        store.insert(ExperimentStoreContract.queued("already-queued", 0, null));
        List<FutureTask<Admission>> followers = new ArrayList<>();
        FutureTask<Admission> leader;
        try (Connection otherInstance = holdingTheQueue()) {
            leader = leaderWaitingInTheDatabase("leader", capacity);
            for (int i = 1; i <= FOLLOWERS; i++) {
                followers.add(waitingForTheTurn("follower-" + i, capacity));
            }
            otherInstance.commit();
        }
        assertInstanceOf(Admission.Admitted.class, leader.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        // Two were queued before the group: it has room for four of its five, so the database's count refuses the
        // group, and one by one, in their order, the first four are admitted and the fifth is told the queue is full.
        for (int i = 0; i < FOLLOWERS - 1; i++) {
            assertInstanceOf(Admission.Admitted.class, followers.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        Admission last = followers.getLast().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(capacity, assertInstanceOf(Admission.QueueFull.class, last).queued());
        assertEquals(capacity, queuedCount());
        assertEquals(List.of("already-queued", "leader", "follower-1", "follower-2", "follower-3", "follower-4"),
                claimOrder());
    }

    @Test
    void anAdmissionThatFailsFailsAloneAndTheRestOfItsGroupIsAdmitted() throws Exception {
        String tooLong = "x".repeat(65); // the id column holds 64 characters
        List<FutureTask<Admission>> followers = new ArrayList<>();
        FutureTask<Admission> leader;
        FutureTask<Admission> failing;
        try (Connection otherInstance = holdingTheQueue()) {
            leader = leaderWaitingInTheDatabase("leader", 100);
            followers.add(waitingForTheTurn("follower-1", 100));
            failing = waitingForTheTurn(tooLong, 100);
            followers.add(waitingForTheTurn("follower-3", 100));
            otherInstance.commit();
        }
        assertInstanceOf(Admission.Admitted.class, leader.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        for (FutureTask<Admission> follower : followers) {
            assertInstanceOf(Admission.Admitted.class, follower.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        ExecutionException failed = assertThrows(ExecutionException.class, () -> failing.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertInstanceOf(StoreUnavailableException.class, failed.getCause());
        assertEquals(3, queuedCount());
        assertEquals(List.of("leader", "follower-1", "follower-3"), claimOrder());
    }

    /** A session of another instance that holds the queue's lock until it commits. */
    private Connection holdingTheQueue() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement("SELECT queued FROM queue_lock WHERE id = 1 FOR UPDATE");
                ResultSet row = lock.executeQuery()) {
            row.next();
        }
        return connection;
    }

    /** Starts an admission and returns once it waits for the queue's lock in PostgreSQL, holding the store's turn. */
    private FutureTask<Admission> leaderWaitingInTheDatabase(String id, int capacity)
            throws SQLException, InterruptedException {
        FutureTask<Admission> admission = admitting(id, capacity);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (waitingForALock() == 0) {
            if (System.nanoTime() > deadline) {
                fail("the first admission did not wait for the queue's lock within " + WAIT);
            }
            Thread.sleep(5);
        }
        return admission;
    }

    /** Starts an admission and returns once its thread waits for the store's turn. */
    private FutureTask<Admission> waitingForTheTurn(String id, int capacity) throws InterruptedException {
        FutureTask<Admission> admission = admitting(id, capacity);
        Thread thread = threads.getLast();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (thread.getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline || admission.isDone()) {
                fail("admission " + id + " did not wait for the store's turn within " + WAIT);
            }
            Thread.sleep(1);
        }
        return admission;
    }

    private FutureTask<Admission> admitting(String id, int capacity) {
        Experiment experiment = ExperimentStoreContract.queued(id, 1, null);
        FutureTask<Admission> admission = new FutureTask<>(() -> store.admit(experiment, 0.5, capacity, null, null));
        threads.add(Thread.ofPlatform().name("admission-" + threads.size()).start(admission));
        return admission;
    }

    private int waitingForALock() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement waiting = connection.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database() "
                                + "AND query LIKE '%queue_lock%'");
                ResultSet count = waiting.executeQuery()) {
            count.next();
            return count.getInt(1);
        }
    }

    /** The ids in the order the queue runs them. */
    private List<String> claimOrder() {
        List<String> order = new ArrayList<>();
        for (Optional<Experiment> next; (next = store.claimNext(e -> e.started(clock.instant(),
                ExperimentStoreContract.environment("i1")))).isPresent(); ) {
            order.add(next.get().id());
        }
        return order;
    }

    private int queuedCount() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement("SELECT queued FROM queue_lock WHERE id = 1");
                ResultSet row = count.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

}
