package dev.concurrency.playground.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * What a fleet's PostgreSQL says has changed, so that an instance may serve what it has cached without asking.
 *
 * <p>A trigger (migration V4) notifies {@value #CHANNEL} at each commit that deletes an experiment (the payload
 * is its id) or adds one or changes its status (an empty payload: a list may show something else now). One
 * connection of this instance listens, on a thread of its own, and hands each notification to the store's
 * caches ({@link Subscriber}).
 *
 * <p>A notification can be late, or lost with its connection, so the caches may be trusted only under a lease:
 * {@link #fresh()} holds while a round trip on the listening connection began less than {@link #lease()} ago
 * and all notifications received before its answer have been handed over. PostgreSQL signals the listening
 * sessions before it acknowledges a commit, and a session sends what it was signalled before it answers a
 * query it reads later, or before the one after that if the signal and the query crossed; so the lease is taken
 * from the round trip before the last, and it covers every commit acknowledged before that one began. Hence:
 * a change acknowledged {@code lease} ago is known to every instance whose feed is fresh. A deletion of a
 * finished experiment waits that long before it answers ({@link JdbcExperimentStore#delete}), so a read that
 * follows it on any instance, cached or not, finds nothing.
 *
 * <p>The connection is the feed's own, not the pool's: it is held for good, and a pool would not see it fail
 * (notifications are read past its wrapper) and would hand the dead connection to the next transaction.
 *
 * <p>When the connection fails, the lease lapses (the caches are asked about again, as if there were no feed),
 * and a new connection, once it listens, discards everything cached: what was notified meanwhile is lost.
 */
public final class ChangeFeed implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);

    /** The channel migration V4's trigger notifies. */
    static final String CHANNEL = "experiment_changes";

    /** Where the feed's notifications go: the store's caches. */
    interface Subscriber {

        /** The experiment {@code id} was deleted. */
        void deleted(String id);

        /** An experiment was added or changed its status. */
        void changed();

        /** Notifications may have been missed: forget everything. */
        void missed();
    }

    private final DataSource dataSource;
    private final long leaseNanos;
    private final long periodMillis;
    private final Duration retry;
    private final Subscriber subscriber;
    private final Thread thread;
    private volatile boolean closed;
    /** The start of the round trip that the lease runs from, in {@link System#nanoTime()}; valid if {@link #leased}. */
    private volatile long leaseStart;
    private volatile boolean leased;
    private volatile Connection listening;
    /** Whether the feed is cut off: logged once when it is, and once when it listens again. Only its thread uses it. */
    private boolean cutOff;

    /**
     * @param period how often the listening connection makes a round trip (the lease is taken from one period
     *               before the last)
     * @param lease  how long after a round trip's start its promise is trusted; more than twice {@code period}
     * @param retry  the wait after a failed connection
     */
    private ChangeFeed(DataSource dataSource, Duration period, Duration lease, Duration retry, Subscriber subscriber) {
        if (period.isNegative() || period.isZero() || lease.compareTo(period.multipliedBy(2)) <= 0) {
            throw new IllegalArgumentException("a positive period and a lease of more than two periods, not "
                    + period + " and " + lease);
        }
        this.dataSource = Objects.requireNonNull(dataSource);
        this.periodMillis = period.toMillis();
        this.leaseNanos = lease.toNanos();
        this.retry = retry;
        this.subscriber = Objects.requireNonNull(subscriber);
        this.thread = Thread.ofPlatform().daemon().name("store-change-feed").unstarted(this::listen);
    }

    /** A feed that listens on a connection of {@code dataSource}, starting now. */
    static ChangeFeed start(DataSource dataSource, Duration period, Duration lease, Duration retry,
            Subscriber subscriber) {
        ChangeFeed feed = new ChangeFeed(dataSource, period, lease, retry, subscriber);
        feed.thread.start();
        return feed;
    }

    /** Whether the caches hold everything notified up to {@link #lease()} ago; see the class comment. */
    boolean fresh() {
        return leased && System.nanoTime() - leaseStart < leaseNanos;
    }

    /** How long a change may take to reach a fresh feed of another instance. */
    Duration lease() {
        return Duration.ofNanos(leaseNanos);
    }

    private void listen() {
        while (!closed) {
            Connection connection = null;
            try {
                connection = dataSource.getConnection();
                listening = connection;
                listen(connection);
            } catch (SQLException | RuntimeException e) {
                leased = false;
                discard(connection);
                if (closed) {
                    return;
                }
                if (!cutOff) {
                    LOG.warnf("Lost the store's change notifications (%s); every read asks the database until they are back",
                            e.getMessage());
                    cutOff = true;
                }
                try {
                    Thread.sleep(retry);
                } catch (InterruptedException interrupted) {
                    return;
                }
                continue;
            } finally {
                listening = null;
            }
            close(connection);
        }
    }

    /** Listens on {@code connection} until the feed is closed or the connection fails. */
    private void listen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            PGConnection notifications = connection.unwrap(PGConnection.class);
            statement.execute("LISTEN " + CHANNEL);
            long previousStart = System.nanoTime();
            // Listening from here on; what was notified before is unknown.
            subscriber.missed();
            if (cutOff) {
                LOG.info("Listening to the store's changes again; the finished experiments cached before were forgotten");
                cutOff = false;
            }
            while (!closed) {
                long start = System.nanoTime();
                statement.execute("SELECT 1");
                handOver(notifications.getNotifications());
                leaseStart = previousStart;
                leased = true;
                previousStart = start;
                // Waits up to a period for notifications, handing each over as soon as it comes.
                handOver(notifications.getNotifications((int) periodMillis));
            }
            statement.execute("UNLISTEN *");
        }
    }

    private static void discard(Connection connection) {
        if (connection != null) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // Gone either way.
            }
            close(connection);
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // Nothing more to do with it.
        }
    }

    private void handOver(PGNotification[] received) {
        if (received == null) {
            return;
        }
        for (PGNotification notification : received) {
            if (notification.getParameter().isEmpty()) {
                subscriber.changed();
            } else {
                subscriber.deleted(notification.getParameter());
            }
        }
    }

    /** Stops listening; the lease lapses at once. */
    @Override
    public void close() {
        closed = true;
        leased = false;
        Connection connection = listening;
        if (connection != null) {
            try {
                // Ends a wait for notifications at once; the thread then sees that it is closed.
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // It is being closed either way.
            }
        }
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
