package dev.concurrency.playground.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where experiments are kept. */
@ConfigMapping(prefix = "playground.store")
public interface StoreConfig {

    /** The kinds of store; only {@link #POSTGRESQL} can be shared by several instances. */
    enum Kind {
        /** An H2 database file in {@link #directory()}: history survives restarts with nothing to install. */
        EMBEDDED,
        /**
         * The named datasource {@code postgresql} ({@code quarkus.datasource.postgresql.jdbc.url}, username,
         * password): a fleet of instances shares it.
         */
        POSTGRESQL,
        /** Process memory: forgotten on restart. For tests and throw-away runs. */
        MEMORY
    }

    /** Which store: {@code embedded} by default, {@code postgresql} for a fleet, {@code memory}. */
    @WithDefault("embedded")
    Kind kind();

    /**
     * Where the embedded store keeps its file ({@code experiments.mv.db}): outside any source tree, in
     * the user's home, so a clone stays clean and history is shared by every checkout on the machine.
     */
    @WithDefault("${user.home}/.concurrency-playground")
    String directory();
}
