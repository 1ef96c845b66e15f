package dev.concurrency.playground.strategy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A counter kept in one row of a relational database, incremented over JDBC by every worker through a
 * connection of its own, as the clients of one row are in a real system. The subclasses differ only in the
 * statements each increment sends and the transaction around them; this class owns the row and the
 * connections.
 *
 * <p>The row lives in {@value #TABLE}, a table of its own in a schema of its own, created if missing, so the
 * race never touches (or waits on) anything else kept in the same database. Each trial inserts a row of its
 * own at zero, under a random key, and deletes it when it ends: two trials that happen to share the
 * database (two instances of the service, say) never count in each other's row.
 *
 * <p>Every connection runs at the isolation level its strategy names, set explicitly rather than taken from
 * the server's default. Each worker prepares its statements once, before the start gate; the loop then only
 * binds values and executes. A statement that fails fails the trial with the database's own message, after
 * the worker's transaction is rolled back, so that no lock it held keeps the other workers waiting.
 *
 * @param <S> what one worker prepares on its own connection: its statements
 */
public abstract class DatabaseCounter<S extends DatabaseCounter.Session> extends ExternalCounter implements WorkingCounter {

    /**
     * The counter's one loop, without work: with a round trip per increment, tens of microseconds, a loop of
     * zero tokens costs nothing that could be seen, so each strategy keeps a single loop (with work) rather
     * than two that could drift apart.
     */
    @Override
    public final long incrementTimesCountingCasFailures(int n) {
        return incrementTimesWorking(n, 0, 0);
    }

    /** Where the work's result goes: keeps the JIT from removing the work. */
    protected final Work.Sink sink = new Work.Sink();


    /** The schema of the race table, apart from anything else in the database. */
    public static final String SCHEMA = "playground_race";

    /** Where every database strategy keeps its count: one row per trial. */
    public static final String TABLE = SCHEMA + ".counter";

    private final int isolation;
    private final boolean autoCommit;
    /** This trial's row. */
    private final String row = UUID.randomUUID().toString();
    /** Every worker's session, for {@link #finish()} to close whatever happened. */
    private final Queue<S> sessions = new ConcurrentLinkedQueue<>();
    /** Each worker's own session; set before the gate, read once per batch. */
    private final ThreadLocal<S> own = new ThreadLocal<>();
    private Backends backends;
    /** The connection that made the row and reads it at the end; the workers never use it. */
    private Connection setup;
    private long total = -1;

    /**
     * @param isolation the {@link Connection} {@code TRANSACTION_} level every worker's connection runs at
     * @param autoCommit whether each statement is its own transaction, or the loop commits
     */
    protected DatabaseCounter(int isolation, boolean autoCommit) {
        this.isolation = isolation;
        this.autoCommit = autoCommit;
    }

    /** The isolation level this strategy's transactions run at, as a {@link Connection} {@code TRANSACTION_} constant. */
    public final int isolationLevel() {
        return isolation;
    }

    /** The level's name as SQL spells it ({@code READ COMMITTED}, {@code SERIALIZABLE}, ...). */
    public static String isolationName(int level) {
        return switch (level) {
            case Connection.TRANSACTION_READ_UNCOMMITTED -> "READ UNCOMMITTED";
            case Connection.TRANSACTION_READ_COMMITTED -> "READ COMMITTED";
            case Connection.TRANSACTION_REPEATABLE_READ -> "REPEATABLE READ";
            case Connection.TRANSACTION_SERIALIZABLE -> "SERIALIZABLE";
            default -> "NONE";
        };
    }

    @Override
    public final void open(Backends backends) throws SQLException {
        this.backends = backends;
        setup = backends.newDatabaseConnection();
        setup.setAutoCommit(true);
        createTableIfMissing(setup);
        try (PreparedStatement insert = setup.prepareStatement(
                "INSERT INTO " + TABLE + " (id, n, version) VALUES (?, 0, 0)")) {
            insert.setString(1, row);
            insert.executeUpdate();
        }
    }

    /**
     * Idempotent, and cheap once done. Two services creating the table at the same moment can make one of
     * them fail (PostgreSQL's catalog has its own unique keys); the table then exists, so one retry settles it.
     */
    private static void createTableIfMissing(Connection connection) throws SQLException {
        try {
            createTable(connection);
        } catch (SQLException raced) {
            createTable(connection);
        }
    }

    private static void createTable(Connection connection) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            ddl.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (id VARCHAR(36) PRIMARY KEY, n BIGINT NOT NULL, version BIGINT NOT NULL)");
        }
    }

    /** Opens this worker's connection at the strategy's isolation level and prepares its statements. */
    @Override
    public final void threadStarting() throws SQLException {
        Connection connection = backends.newDatabaseConnection();
        try {
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
            S session = prepare(connection, row);
            sessions.add(session);
            own.set(session);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The statements one worker sends, prepared on its own {@code connection} for the trial's {@code row}. */
    protected abstract S prepare(Connection connection, String row) throws SQLException;

    /** The calling worker's session, made by {@link #threadStarting()}. */
    protected final S session() {
        return own.get();
    }

    @Override
    public final void threadFinished() {
        own.remove();
    }

    /**
     * Undoes what the worker's open transaction did, so that it holds no lock while the trial winds down, and
     * answers the unchecked exception that fails the trial with the database's message.
     */
    protected static RuntimeException failed(Session session, SQLException e) {
        try {
            if (!session.connection.getAutoCommit()) {
                session.connection.rollback();
            }
        } catch (SQLException rollback) {
            e.addSuppressed(rollback);
        }
        return new DatabaseFailure(e);
    }

    /**
     * Runs a query of the trial's row and answers its first column, the count; a row that is gone fails the
     * trial rather than reading as some number.
     */
    protected static long readCount(PreparedStatement query) throws SQLException {
        try (ResultSet result = query.executeQuery()) {
            if (!result.next()) {
                throw new SQLException("the counter's row is gone from " + TABLE);
            }
            return result.getLong(1);
        }
    }

    /** An update that changed no row: the trial's row is gone, and no count could be trusted. */
    protected static void expectOneRow(int updated) throws SQLException {
        if (updated != 1) {
            throw new SQLException("the counter's row was not there to update (" + updated + " rows changed)");
        }
    }

    @Override
    public final void finish() throws SQLException {
        SQLException failure = null;
        for (S session : sessions) {
            try {
                session.connection.close();
            } catch (SQLException e) {
                failure = e;
            }
        }
        if (setup == null) {
            return; // open failed: that failure is the trial's
        }
        try (Connection connection = setup) {
            try (PreparedStatement read = connection.prepareStatement("SELECT n FROM " + TABLE + " WHERE id = ?")) {
                read.setString(1, row);
                total = readCount(read);
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE id = ?")) {
                delete.setString(1, row);
                delete.executeUpdate();
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public final long total() {
        return total;
    }

    /** What one worker holds: its connection, and (in subclasses) the statements it prepared on it. */
    protected static class Session {
        protected final Connection connection;

        protected Session(Connection connection) {
            this.connection = connection;
        }
    }

    /** A statement the database refused: fails the trial with the database's own words and SQL state. */
    public static final class DatabaseFailure extends RuntimeException {
        DatabaseFailure(SQLException cause) {
            super("the database refused an increment: " + cause.getMessage()
                    + (cause.getSQLState() == null ? "" : " (SQL state " + cause.getSQLState() + ")"), cause);
        }
    }
}
