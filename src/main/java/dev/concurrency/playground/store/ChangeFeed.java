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
 * <p>A trigger (migration V4) notifies {@value #CHANNEL} at each commit that deletes an experiment, with its id.
 * One connection of this instance listens, on a thread of its own, and hands each deletion to the store's
 * caches ({@link Subscriber}).
 *
 * <p>A notification can be late, or lost with its connection, so the caches may be trusted only under a lease.
 * Every period the feed notifies a channel of its own (a ping) and listens to it too. PostgreSQL queues the
 * notifications of all channels in the order their transactions commit, and a session receives them in that
 * order; so when the ping comes back, every change committed before the ping was sent has been handed over.
 * {@link #fresh()} holds while the last ping that came back was sent less than {@link #lease()} ago. Hence a
 * change acknowledged {@code lease} ago is known to every instance whose feed is fresh. A deletion of a finished
 * experiment waits that long before it answers ({@link JdbcExperimentStore#delete}), so a read that follows it
 * on any instance, cached or not, finds nothing. Where notifications do not come back at all (a pooler such as
 * PgBouncer in transaction mode sends the LISTEN and the ping to different sessions), the feed is never fresh,
 * and every read asks the database as it would without one.
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

        /** Notifications may have been missed: forget everything. */
        void missed();
    }

    private final DataSource dataSource;
    private final long leaseNanos;
    private final long periodNanos;
    /** The channel of this feed's pings, which no other feed listens to. */
    private final String pings = "experiment_feed_" + java.util.HexFormat.of().toHexDigits(
            java.util.concurrent.ThreadLocalRandom.current().nextLong());
    private final Duration retry;
    private final Subscriber subscriber;
    private final Thread thread;
    private volatile boolean closed;
    /** When the last ping that came back was sent, in {@link System#nanoTime()}: the lease runs from there while {@link #leased}. */
    private volatile long leaseStart;
    private volatile boolean leased;
    private volatile Connection listening;
    /** Whether the feed is cut off: logged once when it is, and once when it listens again. Only its thread uses it. */
    private boolean cutOff;

    /**
     * @param period how often the feed pings itself
     * @param lease  how long after a ping was sent its return vouches for the caches; more than twice
     *               {@code period}, so that the next ping can come back in time
     * @param retry  the wait after a failed connection
     */
    private ChangeFeed(DataSource dataSource, Duration period, Duration lease, Duration retry, Subscriber subscriber) {
        if (period.isNegative() || period.isZero() || lease.compareTo(period.multipliedBy(2)) <= 0) {
            throw new IllegalArgumentException("a positive period and a lease of more than two periods, not "
                    + period + " and " + lease);
        }
        this.dataSource = Objects.requireNonNull(dataSource);
        this.periodNanos = period.toNanos();
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
            } finally {
                listening = null;
                if (connection != null) {
                    closeQuietly(connection);
                }
            }
        }
    }

    /** Listens on {@code connection} until the feed is closed or the connection fails. */
    private void listen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            PGConnection notifications = connection.unwrap(PGConnection.class);
            statement.execute("LISTEN " + CHANNEL);
            statement.execute("LISTEN " + pings);
            // Listening from here on; what was notified before is unknown.
            subscriber.missed();
            if (cutOff) {
                LOG.info("Listening to the store's changes again; the finished experiments cached before were forgotten");
                cutOff = false;
            }
            Pings sent = new Pings();
            while (!closed) {
                statement.execute("SELECT pg_notify('" + pings + "', '" + sent.next(System.nanoTime()) + "')");
                // Waits up to a period for notifications, handing each over as soon as it comes; ours renew the lease.
                long until = System.nanoTime() + periodNanos;
                for (long left = periodNanos; left > 0 && !closed; left = until - System.nanoTime()) {
                    handOver(notifications.getNotifications((int) Math.max(1, left / 1_000_000)), sent);
                }
            }
            statement.execute("UNLISTEN *");
        }
    }

    /** The pings in flight: their numbers and when each was sent. Only the feed's thread uses them. */
    private static final class Pings {
        private final java.util.ArrayDeque<long[]> inFlight = new java.util.ArrayDeque<>();
        private long last;

        /** Numbers a ping sent at {@code now}. */
        long next(long now) {
            if (inFlight.size() == 64) {
                inFlight.removeFirst(); // lost with a notification that never came; a later one will do
            }
            inFlight.addLast(new long[] {++last, now});
            return last;
        }

        /** When ping {@code number} was sent, forgetting it and those before it; -1 if it is not in flight. */
        long returned(long number) {
            long sentAt = -1;
            while (!inFlight.isEmpty() && inFlight.peekFirst()[0] <= number) {
                long[] ping = inFlight.removeFirst();
                if (ping[0] == number) {
                    sentAt = ping[1];
                }
            }
            return sentAt;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // Nothing more to do with it.
        }
    }

    private void handOver(PGNotification[] received, Pings sent) {
        if (received == null) {
            return;
        }
        for (PGNotification notification : received) {
            if (notification.getName().equals(pings)) {
                long sentAt = sent.returned(Long.parseLong(notification.getParameter()));
                if (sentAt != -1) {
                    leaseStart = sentAt;
                    leased = true;
                }
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
