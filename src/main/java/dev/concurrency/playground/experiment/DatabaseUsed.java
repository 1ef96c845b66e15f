package dev.concurrency.playground.experiment;

/**
 * The database a run of a database strategy incremented its row in, as its JDBC driver describes it.
 *
 * @param product the database's product name ({@code H2}, {@code PostgreSQL})
 * @param version the database's own version
 * @param isolationLevel the transaction isolation level the strategy's connections ran at
 *     ({@code READ COMMITTED}, {@code SERIALIZABLE})
 */
public record DatabaseUsed(String product, String version, String isolationLevel) {
}
