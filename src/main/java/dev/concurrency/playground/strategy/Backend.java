package dev.concurrency.playground.strategy;

/** A system outside the JVM that keeps the count of an {@link ExternalCounter}'s strategy. */
public enum Backend {
    /** A relational database, over JDBC: the embedded one, or PostgreSQL when configured. */
    DATABASE("database"),
    /** A Redis server, when configured. */
    REDIS("redis");

    private final String id;

    Backend(String id) {
        this.id = id;
    }

    /** The lower-case name the API uses. */
    public String id() {
        return id;
    }
}
