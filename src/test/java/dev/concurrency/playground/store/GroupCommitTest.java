package dev.concurrency.playground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit of the embedded store's writers: works that wait together share one transaction, a failing work
 * undoes only itself, and nobody is told of a commit that failed. Each test makes the group it needs: a first
 * work holds the writers' turn until the others are waiting for it.
 */
class GroupCommitTest {

    private final H2Databases databases = new H2Databases();
    private DataSource dataSource;
    private final List<Thread> threads = new ArrayList<>();

    @BeforeEach
    void table() throws SQLException {
        dataSource = databases.unmigratedInMemory();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (v INT PRIMARY KEY)");
        }
    }

    @AfterEach
    void shutDown() throws SQLException, InterruptedException {
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(10));
        }
        databases.close();
    }

    @Test
    void worksThatWaitTogetherCommitTogetherAndAFailureUndoesOnlyItself() throws Exception {
        GroupCommit commits = new GroupCommit(dataSource);
        CountDownLatch release = new CountDownLatch(1);
        FutureTask<Integer> first = startHoldingTheTurn(commits, release);
        FutureTask<Integer> second = startWaiting(commits, connection -> insert(connection, 2));
        IllegalStateException refused = new IllegalStateException("refused after writing");
        FutureTask<Integer> third = startWaiting(commits, connection -> {
            insert(connection, 3);
            throw refused;
        });
        int[] seen = new int[2];
        FutureTask<Integer> fourth = startWaiting(commits, connection -> {
            insert(connection, 4);
            seen[0] = count(connection);
            try (Connection other = dataSource.getConnection()) {
                seen[1] = count(other);
            }
            return 4;
        });
        release.countDown();

        assertEquals(1, first.get(10, TimeUnit.SECONDS));
        assertEquals(2, second.get(10, TimeUnit.SECONDS));
        ExecutionException thirdFailed = assertThrows(ExecutionException.class, () -> third.get(10, TimeUnit.SECONDS));
        assertSame(refused, thirdFailed.getCause());
        assertEquals(4, fourth.get(10, TimeUnit.SECONDS));
        // The fourth work saw the second's row, and not the third's, in its own transaction (1, 2, 4), while
        // another connection saw only the first's, committed before: the three waited and ran as one group.
        assertEquals(3, seen[0]);
        assertEquals(1, seen[1]);
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(List.of(1, 2, 4), values(connection));
        }
    }

    @Test
    void aCommitThatFailsFailsEveryWorkOfItsGroupAndKeepsNone() throws Exception {
        AtomicInteger commitCalls = new AtomicInteger();
        SQLException diskFull = new SQLException("disk full");
        GroupCommit commits = new GroupCommit(failingSecondCommit(dataSource, commitCalls, diskFull));
        CountDownLatch release = new CountDownLatch(1);
        FutureTask<Integer> first = startHoldingTheTurn(commits, release);
        FutureTask<Integer> second = startWaiting(commits, connection -> insert(connection, 2));
        FutureTask<Integer> third = startWaiting(commits, connection -> insert(connection, 3));
        release.countDown();

        assertEquals(1, first.get(10, TimeUnit.SECONDS));
        assertSame(diskFull, assertThrows(ExecutionException.class, () -> second.get(10, TimeUnit.SECONDS)).getCause());
        assertSame(diskFull, assertThrows(ExecutionException.class, () -> third.get(10, TimeUnit.SECONDS)).getCause());
        assertEquals(2, commitCalls.get());
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(List.of(1), values(connection));
        }
        // The writers' turn is free again, and the next work commits.
        assertEquals(5, (int) commits.run(connection -> insert(connection, 5)));
    }

    @Test
    void aWorkAloneThatFailsIsRolledBackWhole() throws SQLException {
        GroupCommit commits = new GroupCommit(dataSource);
        SQLException broken = new SQLException("broken");
        assertSame(broken, assertThrows(SQLException.class, () -> commits.run(connection -> {
            insert(connection, 1);
            throw broken;
        })));
        assertEquals(2, (int) commits.run(connection -> insert(connection, 2)));
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(List.of(2), values(connection));
        }
    }

    @Test
    void manyWritersEachCommitTheirOwnWorkOnce() throws Exception {
        GroupCommit commits = new GroupCommit(dataSource);
        int writers = 8;
        int each = 200;
        List<FutureTask<Integer>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int base = w * each;
            tasks.add(start(() -> {
                for (int i = 0; i < each; i++) {
                    int value = base + i;
                    if (i % 10 == 9) {
                        assertThrows(IllegalArgumentException.class, () -> commits.run(connection -> {
                            insert(connection, value);
                            throw new IllegalArgumentException("undone");
                        }));
                    } else {
                        assertEquals(value, (int) commits.run(connection -> insert(connection, value)));
                    }
                }
                return each;
            }));
        }
        for (FutureTask<Integer> task : tasks) {
            assertEquals(each, task.get(60, TimeUnit.SECONDS));
        }
        List<Integer> expected = new ArrayList<>();
        for (int value = 0; value < writers * each; value++) {
            if (value % each % 10 != 9) {
                expected.add(value);
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(expected, values(connection));
        }
    }

    /** Thousands of virtual threads writing at once, far more than carriers: each work is committed exactly once. */
    @Test
    void thousandsOfVirtualThreadsEachCommitTheirOwnWorkOnce() throws Exception {
        GroupCommit commits = new GroupCommit(dataSource);
        int writers = 2000;
        List<java.util.concurrent.Future<Integer>> done = new ArrayList<>();
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < writers; w++) {
                int value = w;
                done.add(executor.submit(() -> commits.run(connection -> insert(connection, value))));
            }
            for (int w = 0; w < writers; w++) {
                assertEquals(w, (int) done.get(w).get(60, TimeUnit.SECONDS));
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(java.util.stream.IntStream.range(0, writers).boxed().toList(), values(connection));
        }
    }

    private FutureTask<Integer> start(java.util.concurrent.Callable<Integer> body) {
        FutureTask<Integer> task = new FutureTask<>(body);
        Thread thread = new Thread(task, "writer-" + threads.size());
        threads.add(thread);
        thread.start();
        return task;
    }

    /**
     * Starts a first writer that inserts 1 and then holds the writers' turn until {@code release}; returns once it
     * holds it, so that the writers started next wait together.
     */
    private FutureTask<Integer> startHoldingTheTurn(GroupCommit commits, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        FutureTask<Integer> first = start(() -> commits.run(connection -> {
            insert(connection, 1);
            inside.countDown();
            hold(release);
            return 1;
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS), "the first writer never started its work");
        return first;
    }

    /** Starts a writer and returns once it waits for the writers' turn, so the waiting ones queue in order. */
    private FutureTask<Integer> startWaiting(GroupCommit commits, Transactions.Work<Integer> work) throws InterruptedException {
        FutureTask<Integer> task = start(() -> commits.run(work));
        Thread thread = threads.getLast();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING) {
            assertTrue(System.nanoTime() < deadline, "the writer never waited for its turn: " + thread.getState());
            Thread.sleep(1);
        }
        return task;
    }

    private static void hold(CountDownLatch release) {
        try {
            assertTrue(release.await(10, TimeUnit.SECONDS), "never released");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int insert(Connection connection, int value) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO t (v) VALUES (" + value + ")");
        }
        return value;
    }

    private static int count(Connection connection) throws SQLException {
        return values(connection).size();
    }

    private static List<Integer> values(Connection connection) throws SQLException {
        List<Integer> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT v FROM t ORDER BY v")) {
            while (rows.next()) {
                values.add(rows.getInt(1));
            }
        }
        return values;
    }

    /** {@code dataSource} whose second commit, counted over all its connections, throws {@code failure}. */
    private static DataSource failingSecondCommit(DataSource dataSource, AtomicInteger commitCalls, SQLException failure) {
        return (DataSource) Proxy.newProxyInstance(GroupCommitTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, dataSource, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection real = (Connection) result;
                    return Proxy.newProxyInstance(GroupCommitTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (connectionProxy, call, callArgs) -> {
                                if (call.getName().equals("commit") && commitCalls.incrementAndGet() == 2) {
                                    throw failure;
                                }
                                return invoke(call, real, callArgs);
                            });
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
