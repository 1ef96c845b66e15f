package dev.concurrency.playground.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The JDBC store's transaction boundary: the one place that commits, and rolls back what failed. */
final class Transactions {

    private Transactions() {
    }

    /** One unit of work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction of its own: committed if it returns, rolled back if it throws (a
     * failed rollback is added to what it threw).
     */
    static <T> T run(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    connection.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }
}
