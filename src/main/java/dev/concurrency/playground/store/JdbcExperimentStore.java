package dev.concurrency.playground.store;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.IdempotencyKey;
import dev.concurrency.playground.experiment.Instance;
import dev.concurrency.playground.store.Cursors.Position;
import dev.concurrency.playground.store.Transactions.Work;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Keeps experiments in a relational database (H2 embedded, or PostgreSQL shared by a fleet), one row
 * each: its JSON document and the columns lists and the fleet work with. Every method is one
 * transaction, so a crash leaves each experiment as its last completed state change wrote it.
 *
 * <p>On PostgreSQL, read-modify-write changes lock the experiment's row ({@code SELECT ... FOR UPDATE}),
 * so updates from several instances apply one after the other; admissions lock one row of
 * {@code queue_lock}, so the fleet-wide count of queued experiments and the insert are one step. On H2,
 * which only this process opens, a lock of the JVM orders the write transactions instead (see
 * {@link Dialect#H2}).
 *
 * <p>Finished experiments read, and list pages of them, are cached: on H2 always, on PostgreSQL while the store
 * {@link #listen listens} to the other instances' deletions (see {@link ChangeFeed} for what that guarantees).
 */
public class JdbcExperimentStore implements ExperimentStore {

    private static final String TERMINAL = EnumSet.allOf(ExperimentStatus.class).stream()
            .filter(ExperimentStatus::isTerminal).map(status -> "'" + status.name() + "'")
            .collect(Collectors.joining(", ", "(", ")"));

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Duration keyRetention;
    private final int maxKeys;
    private final InstantSource clock;
    private final ExperimentDocuments documents = new ExperimentDocuments();
    /** Brings the schema up to date; run before the first transaction, and again until it succeeds. */
    private final Runnable migrate;
    private volatile boolean migrated;
    /**
     * Finished experiments recently read. A finished experiment never changes, only disappears, and a
     * permalink that a page embeds is read far more often than anything else: parsing its document on every
     * read made the embedded store a third as fast as memory, and asking PostgreSQL for it on every read made a
     * fleet's reads less than half as fast. It is served from here while {@link #trusted()}: always in a store only
     * this process opens, where every deletion goes through this object; in a shared store while its
     * {@link ChangeFeed} is fresh, which removes what other instances delete. Otherwise a read asks whether its
     * row still exists ({@link #findShared}).
     */
    private final Map<String, Experiment> finished = leastRecentlyUsed(1000);
    /** Counts what may have removed something from {@link #finished}; a read caches only if none came meanwhile. */
    private final java.util.concurrent.atomic.AtomicLong deletions = new java.util.concurrent.atomic.AtomicLong();

    /**
     * The ids of list pages whose experiments had all finished, by query, with the {@link #listings} count and the
     * time they were read at. Such a page changes only when an experiment is added, deleted or changes its status:
     * each of this store's writes counts, and its experiments must all still be cached (a deletion anywhere removes
     * its experiment from {@link #finished}). Another instance's additions and changes of status are not notified (that made
     * a fleet's submissions 44 % slower, see migration V4), so in a shared store a page is served for at most the
     * feed's lease after it was read: a change acknowledged that long ago shows, as a deletion does. A dashboard
     * that polls the list read twenty ids over a round trip each time, which made a fleet's list half as fast as
     * memory's.
     */
    private final Map<Select, ListedPage> pages = leastRecentlyUsed(256);
    /** Counts the changes that may alter a list: this store's writes and, through its feed, other instances' deletions. */
    private final java.util.concurrent.atomic.AtomicLong listings = new java.util.concurrent.atomic.AtomicLong();

    /** A map of at most {@code capacity} entries, which forgets the least recently used one; thread-safe. */
    private static <K, V> Map<K, V> leastRecentlyUsed(int capacity) {
        return java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }

    /** A cached page: the ids it showed, read when {@link #listings} was {@code listing}, at {@code readAt} (nanoTime). */
    private record ListedPage(long listing, long readAt, List<String> ids) {
    }

    /** A shared store's notifications of other instances' changes, once {@link #listen} started them. */
    private volatile ChangeFeed feed;

    /** Orders the write transactions of a store that only this process opens; see {@link #transaction}. */
    private final GroupCommit writers;

    /** On a database whose schema is up to date. */
    public JdbcExperimentStore(DataSource dataSource, Dialect dialect, Duration keyRetention, int maxKeys,
            InstantSource clock) {
        this(dataSource, dialect, keyRetention, maxKeys, clock, () -> { });
    }

    /**
     * {@code migrate} runs before the first transaction, and before each one until it has succeeded once:
     * a database that is down when the service starts (a fleet whose pods start before the database)
     * delays the schema, not the service, which answers 503 meanwhile.
     */
    public JdbcExperimentStore(DataSource dataSource, Dialect dialect, Duration keyRetention, int maxKeys,
            InstantSource clock, Runnable migrate) {
        if (keyRetention.isNegative() || maxKeys < 1) {
            throw new IllegalArgumentException("a key retention of at least 0 and room for at least one key, not "
                    + keyRetention + " and " + maxKeys);
        }
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.keyRetention = keyRetention;
        this.maxKeys = maxKeys;
        this.clock = clock;
        this.migrate = migrate;
        this.writers = new GroupCommit(dataSource);
    }

    private void migrated() {
        if (migrated) {
            return;
        }
        synchronized (this) {
            if (!migrated) {
                try {
                    migrate.run();
                } catch (RuntimeException e) {
                    throw new StoreUnavailableException("The experiment store's schema could not be brought up to date: "
                            + e.getMessage(), e);
                }
                migrated = true;
            }
        }
    }

    /**
     * One statement that only reads, in a transaction of its own (autocommit): no BEGIN and COMMIT round
     * trips, which would cost a read more than the query.
     */
    private <T> T query(Work<T> work) {
        migrated();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreUnavailableException("The experiment store failed: " + e.getMessage(), e);
        }
    }

    private <T> T transaction(Work<T> work) {
        try {
            return commit(work);
        } finally {
            // After the commit (or its failure, which may have committed): a list read before is not reused.
            listings.incrementAndGet();
        }
    }

    private <T> T commit(Work<T> work) {
        if (dialect.oneProcess()) {
            // The embedded database belongs to this process, so the JVM orders its writers (GroupCommit), and
            // their statements take no row locks (Dialect.H2). H2's own row locks would order them too, but
            // each is a write of the row, and a writer that finds one taken polls for it, which made
            // contended admissions and updates several milliseconds slower each.
            migrated();
            try {
                return writers.run(work);
            } catch (SQLException e) {
                throw new StoreUnavailableException("The experiment store failed: " + e.getMessage(), e);
            }
        }
        return inTransaction(work);
    }

    private <T> T inTransaction(Work<T> work) {
        migrated();
        try {
            return Transactions.run(dataSource, work);
        } catch (SQLException e) {
            throw new StoreUnavailableException("The experiment store failed: " + e.getMessage(), e);
        }
    }

    static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /**
     * An instant that a query only compares stored times with, as epoch nanoseconds. Unlike a stored time,
     * it may lie beyond what a long of nanoseconds holds (1677 to 2262): a client may list what was submitted
     * before the year 2999, a retention may reach back before 1677, a lease may last "forever". nanos() would
     * overflow and fail the request (a 500 where the in-memory store answers); clamped to the range, the
     * bound compares with every storable time as the instant itself does, but for the range's two extreme
     * nanoseconds.
     */
    static long bound(Instant instant) {
        try {
            return nanos(instant);
        } catch (ArithmeticException beyondTheRange) {
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static Long nanosOrNull(Instant instant) {
        return instant == null ? null : nanos(instant);
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static String owner(Experiment experiment) {
        return experiment.status() == ExperimentStatus.RUNNING ? Ownership.of(experiment) : null;
    }

    @Override
    public void insert(Experiment experiment) {
        transaction(connection -> {
            lockQueue(connection);
            insertRow(connection, experiment, 0);
            return null;
        });
    }

    /** Under the queue lock, which makes the next {@code seq} the admission order. */
    private void insertRow(Connection connection, Experiment experiment, double plannedSeconds) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO experiment (" + SNAPSHOT_COLUMNS
                + ", id, planned_seconds, seq) VALUES (" + "?, ".repeat(SNAPSHOT_COLUMN_COUNT)
                + "?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM experiment))")) {
            int next = bindSnapshot(insert, experiment);
            insert.setString(next, experiment.id());
            insert.setDouble(next + 1, plannedSeconds);
            insert.executeUpdate();
        }
        queuedChanged(connection, queued(experiment.status()));
    }

    /** The columns derived from an experiment's snapshot, in the order {@link #bindSnapshot} sets them. */
    private static final String SNAPSHOT_COLUMNS =
            "status, submitted_at, started_at, finished_at, name_lower, strategies, owner, format, document";
    private static final int SNAPSHOT_COLUMN_COUNT = SNAPSHOT_COLUMNS.split(", ").length;
    private static final String SNAPSHOT_ASSIGNMENTS = String.join(", ",
            java.util.Arrays.stream(SNAPSHOT_COLUMNS.split(", ")).map(column -> column + " = ?").toList());

    /**
     * Sets the {@link #SNAPSHOT_COLUMNS} from {@code experiment}, from the statement's first parameter: the one
     * place that says how a snapshot becomes a row, for the insert and for every update, so the columns the
     * listing filters and sorts on always answer for the document stored beside them.
     *
     * @return the index of the next parameter
     */
    private int bindSnapshot(PreparedStatement statement, Experiment experiment) throws SQLException {
        return bindSnapshot(statement, experiment, 1);
    }

    /** As {@link #bindSnapshot(PreparedStatement, Experiment)}, from parameter {@code first}. */
    private int bindSnapshot(PreparedStatement statement, Experiment experiment, int first) throws SQLException {
        statement.setString(first, experiment.status().name());
        statement.setLong(first + 1, nanos(experiment.submittedAt()));
        setLong(statement, first + 2, nanosOrNull(experiment.startedAt()));
        setLong(statement, first + 3, nanosOrNull(experiment.finishedAt()));
        statement.setString(first + 4, nameLower(experiment));
        statement.setString(first + 5, strategies(experiment));
        statement.setString(first + 6, owner(experiment));
        statement.setInt(first + 7, ExperimentDocuments.FORMAT);
        statement.setString(first + 8, documents.write(experiment));
        return first + SNAPSHOT_COLUMN_COUNT;
    }

    /** The name_lower column: as ListQuery lower-cases the name filter. */
    private static String nameLower(Experiment experiment) {
        return experiment.name() == null ? null : experiment.name().toLowerCase(Locale.ROOT);
    }

    /** The strategies column: ",atomic,synchronized,", so a strategy filter is a LIKE on ",id,". */
    private static String strategies(Experiment experiment) {
        return "," + String.join(",", experiment.spec().strategies()) + ",";
    }

    @Override
    public IdempotencyRecord insert(Experiment experiment, IdempotencyKey key, String fingerprint) {
        return transaction(connection -> {
            QueueRow queue = lockQueue(connection);
            Optional<IdempotencyRecord> bound = findKey(connection, key);
            if (bound.isPresent()) {
                throw new IllegalStateException("Idempotency-Key " + key.value() + " is already bound to experiment "
                        + bound.get().experimentId());
            }
            IdempotencyRecord binding = bindKey(connection, key, fingerprint, experiment.id(), queue.idempotencyKeys());
            insertRow(connection, experiment, 0);
            return binding;
        });
    }

    @Override
    public Admission admit(Experiment queued, double plannedSeconds, int capacity, IdempotencyKey key,
            String fingerprint) {
        if (key == null && !dialect.oneProcess()) {
            Admitting mine = new Admitting(queued, plannedSeconds, capacity);
            try {
                admissions.await(mine);
                switch (mine.failure) {
                    case null -> { }
                    case RuntimeException e -> throw e;
                    case Error e -> throw e;
                    default -> throw new IllegalStateException(mine.failure);
                }
            } finally {
                listings.incrementAndGet();
            }
            if (mine.admitted) {
                return new Admission.Admitted(null);
            }
        }
        return transaction(connection -> {
            QueueRow queue = lockQueue(connection);
            int waiting = queue.queued();
            if (key != null) {
                Optional<IdempotencyRecord> bound = findKey(connection, key);
                if (bound.isPresent()) {
                    return new Admission.KeyTaken(bound.get());
                }
            }
            if (waiting >= capacity) {
                // Of a running experiment, only what it has left to do.
                try (PreparedStatement ahead = connection.prepareStatement("""
                        SELECT COALESCE(SUM(CASE WHEN status = 'QUEUED' THEN planned_seconds
                            ELSE GREATEST(0, planned_seconds - (? - started_at) / 1e9) END), 0)
                        FROM experiment WHERE status IN ('QUEUED', 'RUNNING')""")) {
                    ahead.setLong(1, nanos(clock.instant()));
                    try (ResultSet sum = ahead.executeQuery()) {
                        sum.next();
                        return new Admission.QueueFull(waiting, sum.getDouble(1));
                    }
                }
            }
            IdempotencyRecord binding = key == null ? null
                    : bindKey(connection, key, fingerprint, queued.id(), queue.idempotencyKeys());
            insertRow(connection, queued, plannedSeconds);
            return new Admission.Admitted(binding);
        });
    }

    /** At most this many admissions share a round trip and a hold of the queue's lock; see {@link #admitGroup}. */
    static final int MAX_ADMISSION_GROUP = 32;

    /** A shared store's common admissions, made in groups; see {@link #admitGroup}. */
    private final Combiner<Admitting> admissions = new Combiner<>(MAX_ADMISSION_GROUP, this::admitGroup);

    /** One admission waiting for its group, and what came of it; read and written in the group's turn. */
    private static final class Admitting extends Combiner.Waiting {
        private final Experiment experiment;
        private final double plannedSeconds;
        private final int capacity;
        private boolean admitted;
        private Throwable failure;

        Admitting(Experiment experiment, double plannedSeconds, int capacity) {
            this.experiment = experiment;
            this.plannedSeconds = plannedSeconds;
            this.capacity = capacity;
        }

        @Override
        void failIfNot(Throwable groupFailure) {
            if (!admitted && failure == null) {
                failure = groupFailure;
            }
        }
    }

    /**
     * Admits the admissions that arrived together. Every admission of the fleet locks the queue's row and holds it
     * until PostgreSQL has inserted and committed it, so admissions pass the lock one at a time, and each waiting
     * session must be woken in turn by the one before. A group passes it once, with one statement and one commit:
     * under {@code hey -c 5} submissions, the database's CPU per admission halved and 35 % more were accepted.
     * Either all of a group is admitted or none; if the queue has no room for all, or the statement fails, they
     * are tried again one by one, so that each caller gets its own answer. Either way the queue's order is their
     * callers'.
     */
    private void admitGroup(List<Admitting> group) {
        if (group.size() > 1) {
            boolean together;
            try {
                together = admitted(group);
            } catch (RuntimeException e) {
                together = false; // the database failed, or a document could not be written: each fails alone
            }
            if (together) {
                group.forEach(each -> each.admitted = true);
                return;
            }
        }
        for (Admitting each : group) {
            try {
                each.admitted = admitted(List.of(each));
            } catch (RuntimeException e) {
                each.failure = e;
            }
        }
    }

    /**
     * The common admission on a shared store (no Idempotency-Key, room in the queue), of one experiment or a
     * group, as one round trip: two statements sent together, which PostgreSQL runs as one transaction and
     * commits at their end. The first takes the queue's lock; the second, whose snapshot is taken once that lock
     * is held, so that it sees every admission before it, counts the experiments in and inserts them, numbered
     * in their order, if the queue has room for all. In separate statements the queue's lock was held across
     * four round trips (lock, insert, count, commit), and every admission of the fleet waited for it.
     *
     * @return whether they were admitted; if not (no room for all), none was
     */
    private boolean admitted(List<Admitting> group) {
        int room = group.stream().mapToInt(each -> each.capacity).min().orElseThrow() - group.size();
        if (room < 0) {
            return false;
        }
        return query(connection -> {
            try (PreparedStatement admit = connection.prepareStatement(admission(group.size()))) {
                admit.setInt(1, room);
                int next = 2;
                for (Admitting each : group) {
                    next = bindSnapshot(admit, each.experiment, next);
                    admit.setString(next, each.experiment.id());
                    admit.setDouble(next + 1, each.plannedSeconds);
                    next += 2;
                }
                if (!admit.execute() || admit.getMoreResults()) {
                    throw new SQLException("the admission did not answer as a lock and then an insert");
                }
                return admit.getUpdateCount() == group.size();
            }
        });
    }

    /** The columns an admission inserts from its parameters, in the order {@link #admitted} binds them. */
    private static final String ADMITTED_COLUMNS = SNAPSHOT_COLUMNS + ", id, planned_seconds";

    /** The statement that admits {@code size} experiments, for {@link #admitted}. */
    private String admission(int size) {
        StringBuilder rows = new StringBuilder();
        for (int row = 1; row <= size; row++) {
            rows.append(row == 1 ? "(" : ", (").append("?, ".repeat(SNAPSHOT_COLUMN_COUNT + 2)).append(row).append(')');
        }
        return "SELECT queued FROM queue_lock WHERE id = 1" + dialect.forUpdate() + "; "
                + "WITH counted AS (UPDATE queue_lock SET queued = queued + " + size + " WHERE id = 1 AND queued <= ? "
                + "RETURNING 1 AS room), last AS (SELECT COALESCE(MAX(seq), 0) AS seq FROM experiment) "
                + "INSERT INTO experiment (" + ADMITTED_COLUMNS + ", seq) SELECT " + ADMITTED_COLUMNS + ", last.seq + n "
                + "FROM (VALUES " + rows + ") AS admitted (" + ADMITTED_COLUMNS + ", n) CROSS JOIN counted CROSS JOIN last";
    }

    /** What the queue's row counts: only the holder of its lock may change either. */
    private record QueueRow(int queued, long idempotencyKeys) {
    }

    /** Locks the queue's row and returns its counts. */
    private QueueRow lockQueue(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT queued, idempotency_keys FROM queue_lock WHERE id = 1" + dialect.forUpdate());
                ResultSet row = lock.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("the queue_lock row is missing: the schema was not migrated");
            }
            return new QueueRow(Math.toIntExact(row.getLong(1)), row.getLong(2));
        }
    }

    /**
     * Keeps queue_lock.queued equal to the number of QUEUED rows: called in the transaction of every change
     * that enters or leaves that status. The update takes the queue's lock, after the experiment's row lock,
     * never before it, so it cannot deadlock with an admission (which locks the queue and then only inserts).
     */
    private static void queuedChanged(Connection connection, int delta) throws SQLException {
        if (delta == 0) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE queue_lock SET queued = queued + ? WHERE id = 1")) {
            update.setInt(1, delta);
            update.executeUpdate();
        }
    }

    private static int queued(ExperimentStatus status) {
        return status == ExperimentStatus.QUEUED ? 1 : 0;
    }

    private static int count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }

    /**
     * Binds {@code key}, with the queue's lock held, which every change of the bindings takes, so that
     * {@code keysBefore}, read with the lock, is their number until this change.
     */
    private IdempotencyRecord bindKey(Connection connection, IdempotencyKey key, String fingerprint, String experimentId,
            long keysBefore) throws SQLException {
        Instant now = clock.instant();
        long keys = keysBefore;
        try (PreparedStatement expired = connection.prepareStatement(
                "DELETE FROM idempotency_key WHERE idempotency_key = ? OR expires_at <= ?")) {
            expired.setString(1, key.value());
            expired.setLong(2, nanos(now));
            keys -= expired.executeUpdate();
        }
        IdempotencyRecord binding = new IdempotencyRecord(key, fingerprint, experimentId, now.plus(keyRetention));
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO idempotency_key (idempotency_key, fingerprint, experiment_id, expires_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, key.value());
            insert.setString(2, fingerprint);
            insert.setString(3, experimentId);
            insert.setLong(4, nanos(binding.expiresAt()));
            keys += insert.executeUpdate();
        }
        long excess = keys - maxKeys;
        if (excess > 0) {
            // The oldest bindings expire first; ties broken by key so every store drops the same ones.
            try (PreparedStatement evict = connection.prepareStatement("""
                    DELETE FROM idempotency_key WHERE idempotency_key IN (
                        SELECT idempotency_key FROM idempotency_key ORDER BY expires_at, idempotency_key LIMIT ?)""")) {
                evict.setLong(1, excess);
                keys -= evict.executeUpdate();
            }
        }
        try (PreparedStatement count = connection.prepareStatement(
                "UPDATE queue_lock SET idempotency_keys = ? WHERE id = 1")) {
            count.setLong(1, keys);
            count.executeUpdate();
        }
        return binding;
    }

    private Optional<IdempotencyRecord> findKey(Connection connection, IdempotencyKey key) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(
                "SELECT fingerprint, experiment_id, expires_at FROM idempotency_key WHERE idempotency_key = ? AND expires_at > ?")) {
            find.setString(1, key.value());
            find.setLong(2, nanos(clock.instant()));
            try (ResultSet row = find.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long expires = row.getLong(3);
                return Optional.of(new IdempotencyRecord(key, row.getString(1), row.getString(2),
                        Instant.ofEpochSecond(0, expires)));
            }
        }
    }

    @Override
    public Optional<IdempotencyRecord> findByIdempotencyKey(IdempotencyKey key) {
        return query(connection -> findKey(connection, key));
    }

    @Override
    public Optional<Experiment> find(String id) {
        if (trusted()) {
            Experiment known = finished.get(id);
            if (known != null) {
                return Optional.of(known);
            }
        }
        if (!dialect.oneProcess()) {
            return query(connection -> findShared(connection, id));
        }
        long deletionsBefore = deletions.get();
        Optional<Experiment> found = query(connection -> read(connection, id, false));
        found.ifPresent(experiment -> keepIfFinished(experiment, deletionsBefore));
        return found;
    }

    /**
     * Whether {@link #finished} and {@link #pages} hold only what is still so: in a store only this process opens,
     * always; in a shared one, while its feed is fresh.
     */
    private boolean trusted() {
        if (dialect.oneProcess()) {
            return true;
        }
        ChangeFeed current = feed;
        return current != null && current.fresh();
    }

    /**
     * Starts listening to the changes other instances make to this shared store, so that its caches serve reads
     * without asking while the feed is fresh; see {@link ChangeFeed} for the guarantee. Every instance of a fleet
     * should listen alike: with a feed, a deletion of a finished experiment waits out the feed's lease before it
     * returns, so that no other instance's cache serves it afterwards. Close the feed to stop.
     *
     * @param connections where the feed takes its one connection, to this store's database: not from a pool,
     *                    whose slot it would hold for good, and which would not see that connection fail
     */
    public ChangeFeed listen(DataSource connections, Duration period, Duration lease, Duration retry) {
        if (dialect.oneProcess()) {
            throw new IllegalStateException("only a shared store has other instances' changes to listen to");
        }
        synchronized (this) {
            if (feed != null) {
                throw new IllegalStateException("this store listens already");
            }
            feed = ChangeFeed.start(connections, period, lease, retry, new ChangeFeed.Subscriber() {
                @Override
                public void deleted(String id) {
                    forget(id);
                    listings.incrementAndGet();
                }

                @Override
                public void missed() {
                    forgetAll();
                }
            });
            return feed;
        }
    }

    /**
     * A read in a store that other instances share: a finished experiment read before is only checked for
     * existence (another instance may have deleted it), which spares moving and decoding its document; a
     * permalink is read far more often than anything else, and its document made PostgreSQL's reads of one
     * experiment about half as fast as memory's.
     */
    private Optional<Experiment> findShared(Connection connection, String id) throws SQLException {
        long deletionsBefore = deletions.get();
        Experiment known = finished.get(id);
        if (known != null) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT status FROM experiment WHERE id = ?")) {
                exists.setString(1, id);
                try (ResultSet row = exists.executeQuery()) {
                    if (!row.next()) {
                        finished.remove(id);
                        return Optional.empty();
                    }
                    if (ExperimentStatus.valueOf(row.getString(1)).isTerminal()) {
                        return Optional.of(known);
                    }
                }
            }
        }
        Optional<Experiment> found = read(connection, id, false);
        found.ifPresent(experiment -> keepIfFinished(experiment, deletionsBefore));
        return found;
    }

    private Optional<Experiment> read(Connection connection, String id, boolean lock) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(
                "SELECT document FROM experiment WHERE id = ?" + (lock ? dialect.forUpdate() : ""))) {
            find.setString(1, id);
            try (ResultSet row = find.executeQuery()) {
                return row.next() ? Optional.of(documents.read(row.getString(1))) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<Experiment> update(String id, UnaryOperator<Experiment> change) {
        Optional<Experiment> updated = changeIn(id, change);
        if (updated.isPresent() && updated.get().status().isTerminal()) {
            // A finished experiment does not change, but the store does not rely on that for its cache.
            forget(id);
        }
        return updated;
    }

    private Optional<Experiment> changeIn(String id, UnaryOperator<Experiment> change) {
        return transaction(connection -> {
            Optional<Experiment> current = read(connection, id, true);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(write(connection, current.get(), change.apply(current.get())));
        });
    }

    /** Writes {@code changed} over {@code current}, whose row the transaction has locked. */
    private Experiment write(Connection connection, Experiment current, Experiment changed) throws SQLException {
        if (changed == current) {
            return current;
        }
        if (!changed.id().equals(current.id())) {
            throw new IllegalArgumentException("a change may not alter an experiment's id");
        }
        // A stop request belongs to a run: it is kept while the experiment runs and cleared once it has ended.
        try (PreparedStatement update = connection.prepareStatement("UPDATE experiment SET " + SNAPSHOT_ASSIGNMENTS
                + ", stop_reason = CASE WHEN ? THEN stop_reason ELSE NULL END WHERE id = ?")) {
            int next = bindSnapshot(update, changed);
            update.setBoolean(next, changed.status() == ExperimentStatus.RUNNING);
            update.setString(next + 1, changed.id());
            update.executeUpdate();
        }
        queuedChanged(connection, queued(changed.status()) - queued(current.status()));
        return changed;
    }

    @Override
    public boolean delete(String id) {
        forget(id);
        Deleted deleted = transaction(connection -> {
            // A queued experiment leaves the queue's count with it.
            try (PreparedStatement queuedOne = connection.prepareStatement(
                    "DELETE FROM experiment WHERE id = ? AND status = 'QUEUED'")) {
                queuedOne.setString(1, id);
                if (queuedOne.executeUpdate() > 0) {
                    queuedChanged(connection, -1);
                    return Deleted.QUEUED;
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM experiment WHERE id = ?")) {
                delete.setString(1, id);
                return delete.executeUpdate() > 0 ? Deleted.STARTED : Deleted.NOTHING;
            }
        });
        // And after: a reader between the first forget and the commit may have cached it again.
        forget(id);
        ChangeFeed listening = feed;
        if (deleted == Deleted.STARTED && listening != null) {
            // It may have finished, and other instances may have cached it; their feeds know by now.
            awaitLease(listening.lease());
        }
        return deleted != Deleted.NOTHING;
    }

    /** What a deletion removed: a queued experiment is never cached, one that started may have finished. */
    private enum Deleted { NOTHING, QUEUED, STARTED }

    private static void awaitLease(Duration lease) {
        try {
            Thread.sleep(lease);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Page list(ListQuery query) {
        Optional<Position> after = Cursors.decode(query);
        if (query.limit() == 0) {
            return new Page(List.of(), Optional.empty());
        }
        Optional<Select> select = select(query, after);
        if (select.isEmpty()) {
            return new Page(List.of(), Optional.empty());
        }
        List<Experiment> items = cachedPage(select.get())
                .orElseGet(() -> query(connection -> listed(connection, select.get())));
        if (items.size() <= query.limit()) {
            return new Page(items, Optional.empty());
        }
        List<Experiment> page = items.subList(0, query.limit());
        return new Page(page, Optional.of(Cursors.encode(Position.of(page.getLast()), query)));
    }

    /** A query and its parameters, in order. */
    record Select(String sql, List<Object> parameters) {
    }

    /**
     * The ids and statuses of the page a list query asks for, one more than its limit (if that one exists, there is
     * a next page); empty when nothing can match.
     */
    static Optional<Select> select(ListQuery query, Optional<Position> after) {
        StringBuilder sql = new StringBuilder("SELECT id, status FROM experiment WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (!query.statuses().isEmpty()) {
            sql.append(" AND status IN (").append(String.join(", ", query.statuses().stream().map(s -> "?").toList()))
                    .append(")");
            query.statuses().forEach(status -> parameters.add(status.name()));
        }
        if (!query.strategies().isEmpty()) {
            // An id with a comma could match two neighbours in the column; no catalog id has one, so none matches.
            List<String> ids = query.strategies().stream().filter(id -> id.indexOf(',') < 0).toList();
            if (ids.isEmpty()) {
                return Optional.empty();
            }
            sql.append(" AND (").append(String.join(" OR ", ids.stream()
                    .map(id -> "strategies LIKE ? ESCAPE '!'").toList())).append(")");
            ids.forEach(id -> parameters.add("%," + escapeLike(id) + ",%"));
        }
        if (query.nameContains() != null) {
            sql.append(" AND name_lower LIKE ? ESCAPE '!'");
            parameters.add("%" + escapeLike(query.nameContains().toLowerCase(Locale.ROOT)) + "%");
        }
        if (query.submittedAfter() != null) {
            sql.append(" AND submitted_at > ?");
            parameters.add(bound(query.submittedAfter()));
        }
        if (query.submittedBefore() != null) {
            sql.append(" AND submitted_at < ?");
            parameters.add(bound(query.submittedBefore()));
        }
        if (after.isPresent()) {
            // A row value, not "submitted_at < ? OR submitted_at = ? AND id < ?": both databases start the
            // index scan at the cursor for it, where for the OR they scanned from the newest experiment and
            // filtered, so a page deep in a long history read every experiment before it (50,000 rows, 4.6 ms
            // instead of 0.03 ms, for a page halfway through 100,000 on PostgreSQL).
            sql.append(" AND (submitted_at, id) < (?, ?)");
            parameters.add(bound(after.get().submittedAt()));
            parameters.add(after.get().id());
        }
        sql.append(" ORDER BY submitted_at DESC, id DESC LIMIT ?");
        parameters.add(query.limit() + 1);
        return Optional.of(new Select(sql.toString(), List.copyOf(parameters)));
    }

    /**
     * The experiments a list query selects, in its order. The query selects ids and statuses only, and only the
     * documents not already known are fetched: a finished experiment never changes, and the list has just shown
     * that it still exists, so a finished one read before is taken from {@link #finished}, in a shared store too.
     * Fetching twenty documents of a page every time made PostgreSQL's list
     * 60 % as fast as memory's: the cost was moving and decoding their text, not the query.
     */
    private List<Experiment> listed(Connection connection, Select select) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            long listingBefore = listings.get();
            long readAt = System.nanoTime();
            long deletionsBefore = deletions.get();
            List<String> ids = new ArrayList<>();
            Map<String, Experiment> known = new HashMap<>();
            listIds(connection, select.sql(), select.parameters(), ids, known);
            fetchDocuments(connection, ids, known, deletionsBefore);
            List<Experiment> items = ids.stream().map(known::get).filter(java.util.Objects::nonNull).toList();
            // An experiment deleted between the two queries is missing: listed again, so that the page is full
            // and its cursor right, unless deletions keep coming, when a page a little short is the truth anyway.
            if (items.size() == ids.size() || attempt == 3) {
                if (items.size() == ids.size() && items.stream().allMatch(item -> item.status().isTerminal())) {
                    // Tagged with the count from before the query: a change committed meanwhile has counted since.
                    pages.put(select, new ListedPage(listingBefore, readAt, List.copyOf(ids)));
                }
                return items;
            }
        }
    }

    /**
     * A page read before, if nothing that could change it has happened since and its experiments are all still
     * cached; see {@link #pages}.
     */
    private Optional<List<Experiment>> cachedPage(Select select) {
        if (!trusted()) {
            return Optional.empty();
        }
        ListedPage page = pages.get(select);
        if (page == null || page.listing() != listings.get()) {
            return Optional.empty();
        }
        ChangeFeed listening = feed;
        if (listening != null && System.nanoTime() - page.readAt() >= listening.lease().toNanos()) {
            return Optional.empty(); // other instances' additions and changes of status are not notified
        }
        List<Experiment> items = new ArrayList<>(page.ids().size());
        for (String id : page.ids()) {
            Experiment known = finished.get(id);
            if (known == null) {
                return Optional.empty();
            }
            items.add(known);
        }
        return Optional.of(items);
    }

    /** The ids a list query selects, in order, and those of them already known as finished. */
    private void listIds(Connection connection, String sql, List<Object> parameters, List<String> ids,
            Map<String, Experiment> known) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    ids.add(id);
                    Experiment cached = ExperimentStatus.valueOf(rows.getString(2)).isTerminal() ? finished.get(id) : null;
                    if (cached != null) {
                        known.put(id, cached);
                    }
                }
            }
        }
    }

    /** Adds the documents of the ids not yet known; the finished ones join the cache ({@link #keepIfFinished}). */
    private void fetchDocuments(Connection connection, List<String> ids, Map<String, Experiment> known,
            long deletionsBefore) throws SQLException {
        List<String> missing = ids.stream().filter(id -> !known.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            try (PreparedStatement fetch = connection.prepareStatement("SELECT id, document FROM experiment WHERE id IN ("
                    + String.join(", ", missing.stream().map(id -> "?").toList()) + ")")) {
                for (int i = 0; i < missing.size(); i++) {
                    fetch.setString(i + 1, missing.get(i));
                }
                try (ResultSet rows = fetch.executeQuery()) {
                    while (rows.next()) {
                        Experiment experiment = documents.read(rows.getString(2));
                        known.put(rows.getString(1), experiment);
                        keepIfFinished(experiment, deletionsBefore);
                    }
                }
            }
        }
    }

    /**
     * Keeps a finished experiment just read in {@link #finished}, unless something was deleted since
     * {@code deletionsBefore}: a deletion between the read and here would leave a deleted experiment in the cache.
     */
    private void keepIfFinished(Experiment experiment, long deletionsBefore) {
        if (experiment.status().isTerminal()) {
            // One step with forget's: else a deletion could count and remove between the check and the put.
            synchronized (finished) {
                if (deletions.get() == deletionsBefore) {
                    finished.put(experiment.id(), experiment);
                }
            }
        }
    }

    /** Before an experiment is deleted: no reader may find it in the cache afterwards. */
    private void forget(String id) {
        synchronized (finished) {
            deletions.incrementAndGet();
            finished.remove(id);
        }
    }

    /** Forgets every cached experiment and page. */
    private void forgetAll() {
        synchronized (finished) {
            deletions.incrementAndGet();
            finished.clear();
        }
        listings.incrementAndGet();
        pages.clear();
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    @Override
    public Optional<Experiment> claimNext(UnaryOperator<Experiment> start) {
        // One statement finds and locks the first queued row that no other claim holds. It used to read a
        // window of 8 candidate ids and then lock them one by one: when other claims held or took all 8 (a
        // fleet with more than 8 runners, or one slow claimer), it answered "nothing queued" although
        // experiments were waiting, and its runner went idle. Now PostgreSQL skips the rows other claimers
        // have locked and takes the next one; on H2 no other claim can run meanwhile (its writers take turns).
        return transaction(connection -> {
            try (PreparedStatement next = connection.prepareStatement(
                    // "status, seq", not "seq": the index's order. H2 does not see that the first column
                    // is fixed by the condition, and otherwise read and sorted the whole queue for each claim.
                    "SELECT document FROM experiment WHERE status = 'QUEUED' ORDER BY status, seq LIMIT 1"
                            + dialect.forUpdateSkipLocked());
                    ResultSet row = next.executeQuery()) {
                if (!row.next()) {
                    return Optional.<Experiment>empty();
                }
                Experiment queued = documents.read(row.getString(1));
                if (queued.status() != ExperimentStatus.QUEUED) {
                    throw new IllegalStateException("experiment " + queued.id() + " is QUEUED in its row but "
                            + queued.status() + " in its document");
                }
                return Optional.of(write(connection, queued, start.apply(queued)));
            }
        });
    }

    @Override
    public void requestStop(String id, String reason) {
        transaction(connection -> {
            try (PreparedStatement request = connection.prepareStatement(
                    "UPDATE experiment SET stop_reason = ? WHERE id = ? AND status = 'RUNNING' AND stop_reason IS NULL")) {
                request.setString(1, reason);
                request.setString(2, id);
                return request.executeUpdate();
            }
        });
    }

    @Override
    public Map<String, String> stopRequests(String instanceId) {
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, stop_reason FROM experiment WHERE status = 'RUNNING' AND owner = ? AND stop_reason IS NOT NULL")) {
                select.setString(1, instanceId);
                Map<String, String> requests = new HashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        requests.put(rows.getString(1), rows.getString(2));
                    }
                }
                return requests;
            }
        });
    }

    @Override
    public void heartbeat(Instance instance, Instant now) {
        transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE instance SET heartbeat_at = ? WHERE id = ?")) {
                update.setLong(1, nanos(now));
                update.setString(2, instance.id());
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO instance (id, host_name, heartbeat_at) VALUES (?, ?, ?)")) {
                insert.setString(1, instance.id());
                insert.setString(2, instance.hostName());
                insert.setLong(3, nanos(now));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void leave(Instance instance) {
        transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM instance WHERE id = ?")) {
                delete.setString(1, instance.id());
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public int liveInstances(Instant since) {
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM instance WHERE heartbeat_at > ?")) {
                select.setLong(1, bound(since));
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    @Override
    public List<Experiment> endOrphans(Instant deadBefore, UnaryOperator<Experiment> end) {
        List<String> orphans = transaction(connection -> {
            try (PreparedStatement dead = connection.prepareStatement("DELETE FROM instance WHERE heartbeat_at < ?")) {
                dead.setLong(1, bound(deadBefore));
                dead.executeUpdate();
            }
            List<String> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id FROM experiment WHERE status = 'RUNNING'
                    AND (owner IS NULL OR NOT EXISTS (SELECT 1 FROM instance WHERE instance.id = experiment.owner))""");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        });
        List<Experiment> ended = new ArrayList<>();
        for (String id : orphans) {
            // Each in a transaction of its own, checked again under the row's lock: the owner may have
            // finished it meanwhile, or come back.
            transaction(connection -> {
                Optional<Experiment> current = read(connection, id, true);
                if (current.isPresent() && current.get().status() == ExperimentStatus.RUNNING
                        && !ownerAlive(connection, current.get())) {
                    ended.add(write(connection, current.get(), end.apply(current.get())));
                }
                return null;
            });
        }
        return ended;
    }

    private static boolean ownerAlive(Connection connection, Experiment experiment) throws SQLException {
        String owner = Ownership.of(experiment);
        if (owner == null) {
            return false;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM instance WHERE id = ?")) {
            select.setString(1, owner);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    @Override
    public boolean tryLease(String name, String holder, Instant now, Duration length) {
        return transaction(connection -> {
            // Every lease taker goes through the queue lock's row first, so two can never both insert.
            lockQueue(connection);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT holder, until_at FROM lease WHERE name = ?" + dialect.forUpdate())) {
                select.setString(1, name);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        if (!row.getString(1).equals(holder) && row.getLong(2) > bound(now)) {
                            return false;
                        }
                        try (PreparedStatement update = connection.prepareStatement(
                                "UPDATE lease SET holder = ?, until_at = ? WHERE name = ?")) {
                            update.setString(1, holder);
                            update.setLong(2, bound(now.plus(length)));
                            update.setString(3, name);
                            update.executeUpdate();
                        }
                        return true;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO lease (name, holder, until_at) VALUES (?, ?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, holder);
                insert.setLong(3, bound(now.plus(length)));
                insert.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public int deleteFinished(Instant finishedBefore, OptionalInt keep) {
        forgetAll();
        int removed = transaction(connection -> {
            // Both rules judge the finished experiments as they are before this call: one is deleted if it
            // finished too long ago or if it is not among the newest keep, as the interface says and the
            // in-memory store does. The ones beyond keep used to be counted after the old ones were deleted,
            // so an old one among the newest made room for one more, and the stores disagreed.
            List<String> beyond = new ArrayList<>();
            if (keep.isPresent()) {
                // Ranked among all finished ones; those the age rule deletes anyway are left to it, so none counts twice.
                try (PreparedStatement select = connection.prepareStatement("SELECT id, finished_at FROM experiment"
                        + " WHERE status IN " + TERMINAL + " ORDER BY submitted_at DESC, id DESC OFFSET ? ROWS")) {
                    select.setInt(1, keep.getAsInt());
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            long finishedAt = rows.getLong(2);
                            if (rows.wasNull() || finishedAt >= bound(finishedBefore)) {
                                beyond.add(rows.getString(1));
                            }
                        }
                    }
                }
            }
            int deleted;
            try (PreparedStatement old = connection.prepareStatement(
                    "DELETE FROM experiment WHERE status IN " + TERMINAL + " AND finished_at < ?")) {
                old.setLong(1, bound(finishedBefore));
                deleted = old.executeUpdate();
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM experiment WHERE id = ?")) {
                for (String id : beyond) {
                    delete.setString(1, id);
                    delete.addBatch();
                }
                if (!beyond.isEmpty()) {
                    delete.executeBatch();
                }
            }
            return deleted + beyond.size();
        });
        // Again after the commit, for readers that cached one of them in between.
        forgetAll();
        return removed;
    }

    @Override
    public int countQueued() {
        return query(connection -> count(connection, "SELECT queued FROM queue_lock WHERE id = 1"));
    }

    @Override
    public boolean isDurable() {
        return true;
    }

    @Override
    public boolean isAvailable() {
        try {
            return query(connection -> connection.isValid(2));
        } catch (StoreUnavailableException e) {
            return false;
        }
    }

    @Override
    public boolean isShared() {
        return dialect == Dialect.POSTGRESQL;
    }

}
