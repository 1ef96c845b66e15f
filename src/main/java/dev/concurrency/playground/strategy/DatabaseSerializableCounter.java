package dev.concurrency.playground.strategy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A row in a database, incremented by the racy read-then-write of {@code db-read-then-write}, but in a
 * {@code SERIALIZABLE} transaction, retried whenever the database refuses to commit it.
 *
 * <p><b>Guarantee:</b> no increment is lost. At {@code SERIALIZABLE} the database promises that committed
 * transactions have the effect of some serial order; two transactions that read the same value and both
 * write it cannot both commit, because no serial order would let both read it. So the database aborts one
 * of them with a serialization failure (SQL state {@code 40001}; H2 says "concurrent update", 90131), and
 * the client must run it again, from the read. The code is the racy one unchanged: only the isolation level
 * and the retry make it correct, and a client that does not retry loses the increment by error instead.
 *
 * <p><b>How it works here:</b> every worker has its own connection, outside auto-commit, at
 * {@code SERIALIZABLE}. An increment is a {@code SELECT n}, an {@code UPDATE ... SET n = ?} and a commit; on a
 * serialization failure the transaction is rolled back and run again. The failures are counted and reported
 * as failed compare-and-set attempts.
 *
 * <p>The database must see every read for that promise to hold. H2 answers a prepared query from its previous
 * result while it judges the table unchanged, and with that reuse on, this loop lost a few increments in
 * every 40,000, each in a transaction retried after H2 had refused it: the retry read what the refused attempt
 * had read, and committed over a concurrent increment. The playground's H2 reads afresh every time
 * ({@code OPTIMIZE_REUSE_RESULTS=FALSE}); a cache between a transaction and its data is a read the isolation
 * level never saw.
 *
 * <p><b>Cost under contention:</b> on one client it costs what the racy version does, plus the database's
 * bookkeeping of what each transaction read. Under contention nearly every concurrent pair conflicts on the
 * one row: failures climb with the clients, each throwing away a transaction's round trips, and a
 * transaction can be aborted several times in a row. Serializable isolation shines when conflicts are rare
 * and the logic is too involved for one statement or a version column; a hot row is its worst case.
 */
public final class DatabaseSerializableCounter extends DatabaseCounter<DatabaseSerializableCounter.Statements> {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("db-serializable")
            .name("Database SERIALIZABLE transaction, retried")
            .family(Family.ATOMIC)
            .safety(Safety.THREAD_SAFE)
            .javaApi("JDBC: SELECT n, then UPDATE ... SET n = ?, at SERIALIZABLE, retried on SQL state 40001")
            .summary("The racy read-then-write in a SERIALIZABLE transaction, run again whenever the database "
                    + "aborts it for a conflict.")
            .descriptionFromJavadocOf(DatabaseSerializableCounter.class)
            .reportsCasFailures()
            .backend(Backend.DATABASE)
            .counters(DatabaseSerializableCounter::new)
            .build();

    /** PostgreSQL's and the standard's "serialization failure". */
    static final String SERIALIZATION_FAILURE = "40001";

    /** PostgreSQL's "deadlock detected": the victim is rolled back and may run again. */
    static final String DEADLOCK = "40P01";

    /** H2's "concurrent update": its way of refusing a write that a serial order could not have made. */
    static final int H2_CONCURRENT_UPDATE = 90131;

    public DatabaseSerializableCounter() {
        super(Connection.TRANSACTION_SERIALIZABLE, false);
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

    /** Whether the database aborted the transaction so that it may be run again, rather than refused it for good. */
    static boolean mayRetry(SQLException e) {
        return SERIALIZATION_FAILURE.equals(e.getSQLState()) || DEADLOCK.equals(e.getSQLState())
                || e.getErrorCode() == H2_CONCURRENT_UPDATE;
    }

    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        long state = n;
        Statements s = session();
        long failures = 0;
        try {
            for (int i = 0; i < n; i++) {
                while (true) {
                    try {
                        long seen = readCount(s.read);
                        state = Work.consume(state, inside); // inside the transaction, between read and write
                        s.write.setLong(1, seen + 1);
                        expectOneRow(s.write.executeUpdate());
                        s.connection.commit();
                        break;
                    } catch (SQLException e) {
                        if (!mayRetry(e)) {
                            throw e;
                        }
                        s.connection.rollback();
                        failures++; // the database chose this transaction to abort: run it again
                    }
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
