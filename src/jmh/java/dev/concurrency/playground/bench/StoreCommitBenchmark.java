package dev.concurrency.playground.bench;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.Environment;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.Instance;
import dev.concurrency.playground.store.Dialect;
import dev.concurrency.playground.store.ExperimentStore;
import dev.concurrency.playground.store.InMemoryExperimentStore;
import dev.concurrency.playground.store.JdbcExperimentStore;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What the embedded store's commits cost, apart from HTTP: one experiment's life as the service stores it (admitted,
 * started, ended: three transactions) on one thread, in
 * <ul>
 * <li>{@code embedded}: an H2 file opened as the service opens it ({@code WRITE_DELAY=0}: each commit writes its
 * changed pages to the file before it returns);
 * <li>{@code embedded-write-delay-500}: the same file, but written every half second in the background, as H2 does by
 * default (a crash of the process would lose the last half second of acknowledged changes, so the service does not);
 * <li>{@code memory}: the in-memory store.
 * </ul>
 * The difference between the first two is what writing each commit costs; between the last two, what the database
 * costs besides. No timing assertion anywhere depends on it; the figures are in the README.
 * <p>
 * The file grows by tens of kilobytes per commit (H2 keeps replaced pages for 45 s), so a run writes a few hundred
 * megabytes to the temporary directory, deleted at the end.
 *
 * <p>Run it alone with {@code ./mvnw -Pbench verify -Dbench.main=dev.concurrency.playground.bench.StoreCommitBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class StoreCommitBenchmark {

    @Param({"embedded", "embedded-write-delay-500", "memory"})
    public String store;

    private Path directory;
    private AgroalDataSource dataSource;
    private ExperimentStore experiments;
    private ExperimentSpec spec;
    private Environment environment;
    private long submitted;

    @Setup
    public void open() throws IOException, SQLException {
        spec = new ExperimentSpec("bench", List.of("atomic"), List.of(1), ThreadType.PLATFORM, 1_000L, null, 1, 0);
        environment = Environment.current(Instance.start());
        if (store.equals("memory")) {
            experiments = new InMemoryExperimentStore(Duration.ofHours(24), 10_000, InstantSource.system());
            return;
        }
        directory = Files.createTempDirectory("store-commit-bench");
        String url = "jdbc:h2:file:" + directory.resolve("experiments") + ";DB_CLOSE_ON_EXIT=FALSE"
                + (store.equals("embedded") ? ";WRITE_DELAY=0" : ";WRITE_DELAY=500");
        // A pool, as the service has (Agroal): without one, every transaction would open a connection, and the
        // last one closed would close the database.
        dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(
                pool -> pool.maxSize(4).connectionFactoryConfiguration(factory -> factory.jdbcUrl(url))));
        Flyway.configure().dataSource(dataSource).placeholders(Dialect.H2.placeholders()).load().migrate();
        experiments = new JdbcExperimentStore(dataSource, Dialect.H2, Duration.ofHours(24), 10_000, InstantSource.system());
    }

    @TearDown
    public void close() throws SQLException, IOException {
        if (directory == null) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
        dataSource.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Admitted, claimed (started) and ended, as the runner stores a tiny experiment. */
    @Benchmark
    public Experiment anExperimentsLife() {
        Instant now = Instant.now();
        experiments.admit(Experiment.queued(UUID.randomUUID().toString(), spec, now.plusNanos(submitted++)), 0.001,
                Integer.MAX_VALUE, null, null);
        Experiment started = experiments.claimNext(queued -> queued.started(now, environment)).orElseThrow();
        return experiments.update(started.id(), running -> running.finished(ExperimentStatus.COMPLETED, now, null))
                .orElseThrow();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(StoreCommitBenchmark.class.getSimpleName()).build()).run();
    }
}
