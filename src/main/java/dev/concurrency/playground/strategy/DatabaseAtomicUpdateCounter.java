package dev.concurrency.playground.strategy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A row in a database, incremented by one statement that computes the new value inside the database:
 * {@code UPDATE ... SET n = n + 1}.
 *
 * <p><b>Guarantee:</b> no increment is lost, at {@code READ COMMITTED} already. The statement reads and writes
 * the row under the row's write lock: a second client's {@code UPDATE} waits for the first to commit and
 * then adds one to the value the first committed (PostgreSQL re-reads the row before it applies the update,
 * other databases lock it before reading), never to a value it saw earlier. It is the database's
 * {@code incrementAndGet}: the read-modify-write is one indivisible operation because one party, the
 * database, does all of it.
 *
 * <p><b>How it works here:</b> every worker has its own connection in auto-commit mode, and each increment is
 * one prepared {@code UPDATE ... SET n = n + 1 WHERE id = ?}: one round trip, its own transaction.
 *
 * <p><b>Cost under contention:</b> one round trip per increment, the least any database strategy pays. The
 * clients queue for the row lock, each holding it from its update to its commit, so the row is a hot spot:
 * throughput does not grow with clients, and a real system that must count faster spreads the count over
 * several rows and sums them, as {@code LongAdder} spreads it over cells.
 */
public final class DatabaseAtomicUpdateCounter extends DatabaseCounter<DatabaseAtomicUpdateCounter.Statements> {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("db-atomic-update")
            .name("Database atomic update")
            .family(Family.ATOMIC)
            .safety(Safety.THREAD_SAFE)
            .javaApi("JDBC: UPDATE ... SET n = n + 1, auto-commit, READ COMMITTED")
            .summary("One UPDATE that adds one inside the database: the read and the write are one locked operation.")
            .descriptionFromJavadocOf(DatabaseAtomicUpdateCounter.class)
            .backend(Backend.DATABASE)
            .counters(DatabaseAtomicUpdateCounter::new)
            .build();

    public DatabaseAtomicUpdateCounter() {
        super(Connection.TRANSACTION_READ_COMMITTED, true);
    }

    /** One worker's statement, bound to the trial's row. */
    static final class Statements extends Session {
        final PreparedStatement increment;

        Statements(Connection connection, String row) throws SQLException {
            super(connection);
            increment = connection.prepareStatement("UPDATE " + TABLE + " SET n = n + 1 WHERE id = ?");
            increment.setString(1, row);
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
                // No critical section in the client: the database increments the row in one statement, so the
                // work "inside" is done just before it, as for the atomic counter in the heap.
                state = Work.consume(state, inside);
                expectOneRow(s.increment.executeUpdate());
                state = Work.consume(state, outside);
            }
        } catch (SQLException e) {
            throw failed(s, e);
        }
        Work.keep(state, sink);
        return 0;
    }
}
