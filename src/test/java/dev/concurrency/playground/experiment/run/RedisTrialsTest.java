package dev.concurrency.playground.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.concurrency.playground.engine.CancellationToken;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.engine.TrialFailedException;
import dev.concurrency.playground.engine.TrialMeasurement;
import dev.concurrency.playground.engine.TrialPlan;
import dev.concurrency.playground.engine.WorkAround;
import dev.concurrency.playground.engine.Workload;
import dev.concurrency.playground.experiment.BackendInfo;
import dev.concurrency.playground.strategy.Backend;
import dev.concurrency.playground.strategy.RedisCounter;
import dev.concurrency.playground.strategy.RedisGetSetCounter;
import dev.concurrency.playground.strategy.RedisLink;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Redis strategies against the real server the development and CI machines run on 127.0.0.1:6379, on the
 * engine the service runs: the safe ones lose nothing on platform and virtual threads, nothing ever counts
 * more than was done, {@code GET}-then-{@code SET} loses updates in at least one of several fixed-time
 * trials, each trial's key is gone when it ends, and a configured server that is down fails the trial
 * with the client's message instead of reporting a figure.
 */
@Timeout(120)
class RedisTrialsTest {

    static final String REDIS = "redis://127.0.0.1:6379";
    private static final StrategyCatalog CATALOG = new StrategyCatalog();
    private static Vertx vertx;
    private static TrialBackends backends;
    private final TrialEngine engine = new TrialEngine();

    @BeforeAll
    static void redisIsThere() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 2_000);
        } catch (IOException e) {
            fail("These tests need the Redis server that development and CI machines run on 127.0.0.1:6379 "
                    + "(e.g. apt-get install redis-server, or docker run -p 6379:6379 redis); connecting failed: " + e);
        }
        vertx = Vertx.vertx();
        backends = new TrialBackends(vertx, Optional.of(REDIS));
    }

    @AfterAll
    static void closeVertx() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** Found by their backend, so a new Redis strategy is tested without naming it here. */
    static List<Strategy> redis() {
        List<Strategy> redis = CATALOG.all().stream().filter(s -> s.backend().orElse(null) == Backend.REDIS).toList();
        assertTrue(redis.size() >= 4, "the catalog has its Redis strategies: " + redis);
        return redis;
    }

    static Stream<Arguments> safeOnEveryThreadType() {
        // Virtual threads with work around each increment: work inside widens the window a WATCH must survive.
        return redis().stream().filter(Strategy::threadSafe).flatMap(s -> Stream.of(
                Arguments.of(s, ThreadType.PLATFORM, 4, WorkAround.NONE),
                Arguments.of(s, ThreadType.VIRTUAL, 4, new WorkAround(2_000, 500))));
    }

    @ParameterizedTest(name = "{0} on {2} {1} with {3}")
    @MethodSource("safeOnEveryThreadType")
    void safeStrategiesLoseNothing(Strategy strategy, ThreadType type, int threads, WorkAround work) throws Exception {
        long perThread = 200;
        TrialMeasurement m = engine.run(new TrialPlan(strategy, type, threads, new Workload.FixedWork(perThread), backends,
                work), new CancellationToken());
        assertEquals(threads * perThread, m.expectedCount(), "every worker did its work");
        assertEquals(m.expectedCount(), m.actualCount(), "the server counted every increment");
        if (strategy.reportsCasFailures()) {
            assertNotNull(m.casFailures(), "failed EXECs are reported");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redis")
    void nothingCountsMoreThanWasDoneInAFixedTimeTrial(Strategy strategy) throws Exception {
        TrialMeasurement m = engine.run(new TrialPlan(strategy, ThreadType.PLATFORM, 3, new Workload.FixedTime(100), backends),
                new CancellationToken());
        assertTrue(m.expectedCount() > 0, "the workers incremented");
        assertTrue(m.actualCount() <= m.expectedCount(), m.actualCount() + " counted, " + m.expectedCount() + " done");
        assertTrue(m.actualCount() > 0, "the final count was read");
    }

    /** Plain, and with work between the GET and the SET, which only widens the window. */
    @ParameterizedTest(name = "with {0} tokens inside")
    @ValueSource(ints = {0, 5_000})
    void getThenSetLosesUpdatesInAtLeastOneOfSeveralTrials(int inside) throws Exception {
        long lost = 0;
        for (int trial = 0; trial < 10 && lost == 0; trial++) {
            TrialMeasurement m = engine.run(new TrialPlan(RedisGetSetCounter.STRATEGY, ThreadType.PLATFORM, 4,
                    new Workload.FixedTime(100), backends, new WorkAround(inside, 0)), new CancellationToken());
            assertTrue(m.actualCount() <= m.expectedCount(), "never more than was done");
            lost += m.lostUpdates();
        }
        assertTrue(lost > 0, "four clients doing GET then SET on one key lost no update in ten 100 ms trials");
    }

    /**
     * Alone, every Redis counter counts exactly, batch after batch, and reports no failed attempt (nobody else
     * writes); its key exists while the trial runs and is gone once it is finished.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("redis")
    void aloneEveryRedisCounterCountsExactlyAndLeavesNoKeyBehind(Strategy strategy) throws Exception {
        RedisCounter counter = (RedisCounter) strategy.newCounter();
        try (RedisLink observer = backends.newRedisConnection()) {
            counter.open(backends);
            try {
                counter.threadStarting();
                long done = 0;
                for (int n : new int[] {1, 2, 100, counter.batchSize()}) {
                    assertEquals(0, counter.incrementTimesCountingCasFailures(n), strategy.id() + " alone");
                    done += n;
                }
                counter.threadFinished();
                assertEquals(done, observer.call(Request.cmd(Command.GET).arg(counter.key())).toLong(), "the key holds the count");
            } finally {
                counter.finish();
            }
            assertEquals(1 + 2 + 100 + counter.batchSize(), counter.total(), "finish read the count");
            assertEquals(0, observer.call(Request.cmd(Command.EXISTS).arg(counter.key())).toLong(),
                    "the trial's key is deleted when it ends");
        }
    }

    @Test
    void theRunSaysWhichRedisItUsed() {
        BackendInfo info = backends.describe(RedisGetSetCounter.STRATEGY).orElseThrow();
        assertEquals("Redis", info.product());
        assertTrue(info.version().matches("\\d+\\.\\d+.*"), info.version());
        assertFalse(backends.describe(CATALOG.find("atomic").orElseThrow()).isPresent(), "no backend, no description");
    }

    @Test
    void aConfiguredServerThatIsDownFailsTheTrialWithTheClientsMessage() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort(); // free once closed: nothing listens there
        }
        TrialBackends down = new TrialBackends(vertx, Optional.of("redis://127.0.0.1:" + closed));
        for (Strategy strategy : redis()) {
            TrialFailedException failed = assertThrows(TrialFailedException.class, () -> engine.run(
                    new TrialPlan(strategy, ThreadType.PLATFORM, 2, new Workload.FixedTime(50), down), new CancellationToken()));
            assertTrue(failed.getMessage().contains("Could not connect to Redis at redis://127.0.0.1:" + closed)
                    && failed.getMessage().toLowerCase(java.util.Locale.ROOT).contains("refused"), failed.getMessage());
        }
    }

    @Test
    void aServiceWithoutRedisNamesTheSettingWhenATrialAsks() {
        TrialFailedException failed = assertThrows(TrialFailedException.class, () -> engine.run(
                new TrialPlan(RedisGetSetCounter.STRATEGY, ThreadType.PLATFORM, 2, new Workload.FixedTime(50),
                        TrialBackends.none()), new CancellationToken()));
        assertTrue(failed.getMessage().contains("playground.backends.redis.url"), failed.getMessage());
    }

    @Test
    void thePasswordOfTheUrlIsNeverShown() {
        assertEquals("redis://host:6379/0", TrialBackends.withoutPassword("redis://:secret@host:6379/0"));
        assertEquals("redis://host:6379", TrialBackends.withoutPassword("redis://host:6379"));
    }
}
