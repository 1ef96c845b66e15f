package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.experiment.Database;
import dev.concurrency.playground.experiment.DatabaseUsed;
import dev.concurrency.playground.strategy.Backends;
import dev.concurrency.playground.strategy.DatabaseCounter;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * What one experiment's trials connect to: the database it chose. Remembers what the database said it is
 * the first time it is connected to, so each run can tell which product and version it raced in.
 */
public final class DatabaseBackends implements Backends {

    private final Database database;
    private final RaceDatabases databases;
    private volatile String product;
    private volatile String version;

    DatabaseBackends(Database database, RaceDatabases databases) {
        this.database = database;
        this.databases = databases;
    }

    @Override
    public Connection newDatabaseConnection() throws SQLException {
        Connection connection = databases.connect(database);
        if (product == null) {
            try {
                DatabaseMetaData metaData = connection.getMetaData();
                version = metaData.getDatabaseProductVersion();
                product = metaData.getDatabaseProductName();
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    /** Which database these are. */
    public Database database() {
        return database;
    }

    /**
     * The database as a run at {@code isolationLevel} (a {@link Connection} {@code TRANSACTION_} constant) used
     * it; null until a trial has connected to it.
     */
    public DatabaseUsed used(int isolationLevel) {
        String name = product;
        return name == null ? null : new DatabaseUsed(name, version, DatabaseCounter.isolationName(isolationLevel));
    }
}
