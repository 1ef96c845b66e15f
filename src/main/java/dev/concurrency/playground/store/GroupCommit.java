package dev.concurrency.playground.store;

import dev.concurrency.playground.store.Transactions.Work;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs the write transactions of a database that one process owns (the embedded store) one after another, and
 * commits those that arrive together as one transaction: group commit, as database servers do for their own log.
 * <p>
 * Every commit of H2 writes a chunk to its file before it returns (the changed pages and the file's layout), and
 * serialising those pages costs an admission or a state change more than its statements do. Writers already took
 * turns (a lock of the JVM orders them; see {@link Dialect#oneProcess()}). Now a writer that finds the lock taken
 * leaves its work in a queue; whoever holds the lock next runs every work waiting, each behind a savepoint, and
 * commits them with one chunk write. A work that fails is rolled back to its savepoint alone and its caller gets its
 * exception; the others commit. Every caller returns only once the commit that holds its work is done, so nothing
 * is acknowledged before it is stored, and a failed commit fails every caller of its group. Works see the writes of
 * the works before them in the group, as they would have seen them committed, so the outcome is that of running
 * them one by one.
 * <p>
 * A work runs on whichever thread leads its group: it must not wait for anything its caller holds. The store's works
 * only use the connection they are given.
 */
final class GroupCommit {

    /**
     * At most this many works share a commit, so that one group's latency stays that of a few statements: a
     * caller waits for the whole group, not only for its own work.
     */
    static final int MAX_GROUP = 64;

    private final DataSource dataSource;
    private final Combiner<Pending<?>> writers = new Combiner<>(MAX_GROUP, this::commitGroup);

    GroupCommit(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} in a transaction, possibly shared with other callers' works, and returns once it is
     * committed.
     *
     * @throws SQLException if the database failed: the work's own failure, or that of its group's commit
     */
    <T> T run(Work<T> work) throws SQLException {
        Pending<T> mine = new Pending<>(work);
        writers.await(mine);
        return mine.outcome();
    }

    /** Runs a group's works, oldest first, and commits them together. */
    private void commitGroup(List<Pending<?>> group) {
        try {
            Transactions.run(dataSource, connection -> {
                for (Pending<?> each : group) {
                    // A work alone needs no savepoint: its failure rolls back the whole transaction.
                    each.runIn(connection, group.size() > 1);
                }
                return null;
            });
        } catch (SQLException | RuntimeException | Error e) {
            // Nothing of the group was committed: a work that succeeded fails with the commit.
            group.forEach(each -> each.failIfNot(e));
        }
    }

    /** A caller's work and, once its group is done, what came of it. Read and written in the group's turn. */
    private static final class Pending<T> extends Combiner.Waiting {
        private final Work<T> work;
        private T result;
        private Throwable failure;

        Pending(Work<T> work) {
            this.work = work;
        }

        /**
         * Runs the work; a failure of the work is kept for its caller, after rolling back to the savepoint if
         * {@code savepoint}, or thrown to fail the group if it has none. A failure to set or roll back to the
         * savepoint fails the group.
         */
        void runIn(Connection connection, boolean savepoint) throws SQLException {
            Savepoint before = savepoint ? connection.setSavepoint() : null;
            try {
                result = work.run(connection);
            } catch (SQLException | RuntimeException | Error e) {
                if (before == null) {
                    throw e;
                }
                failure = e;
                connection.rollback(before);
                return;
            }
            if (before != null) {
                connection.releaseSavepoint(before);
            }
        }

        @Override
        void failIfNot(Throwable groupFailure) {
            if (failure == null) {
                failure = groupFailure;
            }
        }

        T outcome() throws SQLException {
            if (failure == null) {
                return result;
            }
            switch (failure) {
                case SQLException e -> throw e;
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException(failure);
            }
        }
    }
}
