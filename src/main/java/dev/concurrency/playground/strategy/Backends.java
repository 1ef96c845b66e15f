package dev.concurrency.playground.strategy;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where an {@link ExternalCounter} finds the system outside the JVM that keeps its count (a database, a
 * key-value store), supplied for each trial by whoever runs it. The strategy only says what it needs; which
 * database that is, and how to reach it, is the service's configuration and the experiment's choice.
 *
 * <p>Each method answers a new connection that the caller owns and closes. A backend that is not
 * configured answers an exception saying which setting enables it.
 */
public interface Backends {

    /** No backend at all: every request for one fails, saying so. */
    Backends NONE = new Backends() {
    };

    /**
     * A new JDBC connection to the database this trial increments its row in, in auto-commit mode, owned by
     * the caller.
     */
    default Connection newDatabaseConnection() throws SQLException {
        throw new SQLException("no database was given to this trial");
    }

    /**
     * A new connection of its own to the Redis server this trial increments its key in, owned by the caller,
     * which closes it.
     *
     * @throws IllegalStateException if no Redis is configured, naming the setting that configures one
     * @throws RedisLink.RedisFailure if the server cannot be reached
     */
    default RedisLink newRedisConnection() {
        throw new IllegalStateException("no Redis was given to this trial");
    }
}
