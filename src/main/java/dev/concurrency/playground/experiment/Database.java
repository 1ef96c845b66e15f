package dev.concurrency.playground.experiment;

import java.util.Locale;

/** Where an experiment's database strategies increment their row. */
public enum Database {

    /**
     * An H2 database in the service's memory, private to the race: always there, nothing to install, and
     * apart from the store (whose H2 file it never touches).
     */
    EMBEDDED,

    /** The PostgreSQL database the service is configured with ({@code playground.backends.postgresql.*}). */
    POSTGRESQL;

    /** What an experiment uses unless it asks otherwise. */
    public static final Database DEFAULT = EMBEDDED;

    /** As requests and documents spell it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
