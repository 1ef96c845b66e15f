package dev.concurrency.playground.strategy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A row in a database, incremented in a transaction that first locks the row with
 * {@code SELECT ... FOR UPDATE}, then writes the value it read plus one, then commits.
 *
 * <p><b>Guarantee:</b> no increment is lost. {@code FOR UPDATE} takes the row's write lock as it reads, so a
 * second client's {@code SELECT ... FOR UPDATE} waits until the first commits, and then reads the value the
 * first wrote. Between the read and the write nobody else can change the row: it is the read-then-write of
 * {@code db-read-then-write} inside a lock, pessimistic locking as {@code synchronized} does it in the JVM.
 *
 * <p><b>How it works here:</b> every worker has its own connection, outside auto-commit, at
 * {@code READ COMMITTED}. Each increment is a {@code SELECT n ... FOR UPDATE}, an
 * {@code UPDATE ... SET n = ?} and a commit, which releases the lock: three round trips.
 *
 * <p><b>Cost under contention:</b> the lock is held for the whole transaction, across three round trips and
 * whatever the client does in between, not for one statement as with {@code db-atomic-update}; every other
 * client waits all that time. It is the dearest safe way to count here, and the general one: it protects any
 * computation on the value read, which a single {@code UPDATE} cannot express. A client that stalls while
 * holding the lock stalls them all.
 */
public final class DatabaseSelectForUpdateCounter extends DatabaseCounter<DatabaseSelectForUpdateCounter.Statements> {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("db-select-for-update")
            .name("Database SELECT ... FOR UPDATE")
            .family(Family.LOCK)
            .safety(Safety.THREAD_SAFE)
            .javaApi("JDBC: SELECT n ... FOR UPDATE, then UPDATE ... SET n = ?, in one transaction")
            .summary("Lock the row as it is read, write the value plus one, commit: pessimistic locking in the database.")
            .descriptionFromJavadocOf(DatabaseSelectForUpdateCounter.class)
            .backend(Backend.DATABASE)
            .counters(DatabaseSelectForUpdateCounter::new)
            .build();

    public DatabaseSelectForUpdateCounter() {
        super(Connection.TRANSACTION_READ_COMMITTED, false);
    }

    /** One worker's statements, bound to the trial's row. */
    static final class Statements extends Session {
        final PreparedStatement lockAndRead;
        final PreparedStatement write;

        Statements(Connection connection, String row) throws SQLException {
            super(connection);
            lockAndRead = connection.prepareStatement("SELECT n FROM " + TABLE + " WHERE id = ? FOR UPDATE");
            lockAndRead.setString(1, row);
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
                long seen = readCount(s.lockAndRead);
                state = Work.consume(state, inside); // with the row locked
                s.write.setLong(1, seen + 1);
                expectOneRow(s.write.executeUpdate());
                s.connection.commit(); // releases the row lock
                state = Work.consume(state, outside);
            }
        } catch (SQLException e) {
            throw failed(s, e);
        }
        Work.keep(state, sink);
        return 0;
    }
}
