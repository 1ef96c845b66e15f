package dev.concurrency.playground.strategy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A row in a database, incremented by reading its value in one statement and writing that value plus one in
 * the next, both in one transaction at {@code READ COMMITTED}, the default of PostgreSQL and of most
 * databases.
 *
 * <p><b>Guarantee:</b> none for the count. The transaction makes the read and the write commit together, and
 * {@code READ COMMITTED} makes every read see only committed values, but neither stops another client from
 * reading the same committed value in between: two clients read 41, both write 42, and one increment is
 * gone. The second {@code UPDATE} even waits for the first one's row lock, and then overwrites its result
 * with a value computed before it. This is the lost update of the unsynchronized counter, one level up: a
 * transaction is not a lock, and an isolation level weaker than serializable lets it happen.
 *
 * <p><b>How it works here:</b> every worker has its own connection. Each increment is a
 * {@code SELECT n ... WHERE id = ?}, an {@code UPDATE ... SET n = ?} with the value read plus one, and a
 * commit: three round trips to the database.
 *
 * <p><b>Cost under contention:</b> each increment is dominated by its round trips (microseconds in an
 * embedded database, tens of microseconds to a server over a socket), not by the race. Under contention
 * the writers also queue for the row lock, and the more of them wait, the more of their reads are stale by
 * the time they write: losses grow with the number of clients. Unlike the in-memory racy counters it cannot
 * be explained: the database, not the JVM, decides what each read returns, so no loop here can log the
 * interleaving as it happened.
 */
public final class DatabaseReadThenWriteCounter extends DatabaseCounter<DatabaseReadThenWriteCounter.Statements> {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("db-read-then-write")
            .name("Database read, then write")
            .family(Family.NONE)
            .safety(Safety.RACY)
            .javaApi("JDBC: SELECT n, then UPDATE ... SET n = ? in one transaction at READ COMMITTED")
            .summary("Read the row, write back what was read plus one: a transaction at READ COMMITTED does not stop "
                    + "two clients reading the same value.")
            .descriptionFromJavadocOf(DatabaseReadThenWriteCounter.class)
            .backend(Backend.DATABASE)
            .counters(DatabaseReadThenWriteCounter::new)
            .build();

    public DatabaseReadThenWriteCounter() {
        super(Connection.TRANSACTION_READ_COMMITTED, false);
    }

    /** One worker's statements, bound to the trial's row. */
    static final class Statements extends Session {
        final PreparedStatement read;
        final PreparedStatement write;

        Statements(Connection connection, String row) throws SQLException {
            super(connection);
            read = connection.prepareStatement("SELECT n FROM " + TABLE + " WHERE id = ?");
            read.setString(1, row);
            write = connection.prepareStatement("UPDATE " + TABLE + " SET n = ? WHERE id = ?");
            write.setString(2, row);
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
        try {
            for (int i = 0; i < n; i++) {
                long seen = readCount(s.read);
                state = Work.consume(state, inside); // between the read and the write: a wider race window
                // Another client may have written since the read: this write then erases its increment.
                s.write.setLong(1, seen + 1);
                expectOneRow(s.write.executeUpdate());
                s.connection.commit();
                state = Work.consume(state, outside);
            }
        } catch (SQLException e) {
            throw failed(s, e);
        }
        Work.keep(state, sink);
        return 0;
    }
}
