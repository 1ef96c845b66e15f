package dev.concurrency.playground.strategy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A row in a database with a version column, incremented by optimistic locking: read the value and its
 * version, then write the value plus one only if the version is still the one read, bumping it; retry
 * otherwise.
 *
 * <p><b>Guarantee:</b> no increment is lost. The write is a compare-and-set:
 * {@code UPDATE ... SET n = ?, version = ? WHERE id = ? AND version = ?} changes the row only if nobody wrote
 * it since the read, and says so by the number of rows it changed. The database evaluates that condition
 * under the row's write lock, on the latest committed row, so of two clients that read the same version only
 * one update matches; the other changes nothing, reads again and retries. It is the {@code cas-loop} of the
 * JVM, with a version number in place of the value (so a value that went away and came back is still seen
 * as changed) and no lock held between the statements.
 *
 * <p><b>How it works here:</b> every worker has its own connection in auto-commit mode, at
 * {@code READ COMMITTED}: each statement is its own short transaction. An increment is a
 * {@code SELECT n, version} and a conditional {@code UPDATE}: two round trips when it succeeds. Updates that
 * changed nothing are counted and reported as failed compare-and-set attempts.
 *
 * <p><b>Cost under contention:</b> on one client nothing fails and it costs two round trips. Under
 * contention each failure throws away two round trips, and failures climb with the number of clients. It
 * is the usual choice (JPA's {@code @Version}) when conflicts are rare and a lock held across a user's
 * think time is not acceptable; for a hot counter that everybody writes it is a poor one.
 */
public final class DatabaseOptimisticCounter extends DatabaseCounter<DatabaseOptimisticCounter.Statements> {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("db-optimistic")
            .name("Database optimistic locking (version column)")
            .family(Family.ATOMIC)
            .safety(Safety.THREAD_SAFE)
            .javaApi("JDBC: SELECT n, version, then UPDATE ... WHERE version = ?, retried when it changed nothing")
            .summary("Read value and version, write only if the version is unchanged, retry otherwise: "
                    + "compare-and-set on a row.")
            .descriptionFromJavadocOf(DatabaseOptimisticCounter.class)
            .reportsCasFailures()
            .backend(Backend.DATABASE)
            .counters(DatabaseOptimisticCounter::new)
            .build();

    public DatabaseOptimisticCounter() {
        super(Connection.TRANSACTION_READ_COMMITTED, true);
    }

    /** One worker's statements, bound to the trial's row. */
    static final class Statements extends Session {
        final PreparedStatement read;
        final PreparedStatement compareAndSet;

        Statements(Connection connection, String row) throws SQLException {
            super(connection);
            read = connection.prepareStatement("SELECT n, version FROM " + TABLE + " WHERE id = ?");
            read.setString(1, row);
            compareAndSet = connection.prepareStatement(
                    "UPDATE " + TABLE + " SET n = ?, version = ? WHERE id = ? AND version = ?");
            compareAndSet.setString(3, row);
        }
    }

    @Override
    protected Statements prepare(Connection connection, String row) throws SQLException {
        return new Statements(connection, row);
    }

    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long state = n;
        Statements s = session();
        long failures = 0;
        try {
            for (int i = 0; i < n; i++) {
                while (true) {
                    long seen;
                    long version;
                    try (ResultSet result = s.read.executeQuery()) {
                        if (!result.next()) {
                            throw new SQLException("the counter's row is gone");
                        }
                        seen = result.getLong(1);
                        version = result.getLong(2);
                    }
                    state = Work.consume(state, inside); // between the read and the compare-and-set
                    s.compareAndSet.setLong(1, seen + 1);
                    s.compareAndSet.setLong(2, version + 1);
                    s.compareAndSet.setLong(4, version);
                    if (s.compareAndSet.executeUpdate() == 1) {
                        break;
                    }
                    failures++; // another client wrote the row since the read: read again
                }
                state = Work.consume(state, outside);
            }
        } catch (SQLException e) {
            throw failed(s, e);
        }
        Work.keep(state, sink);
        return failures;
    }
}
