package dev.concurrency.playground.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Which browser pages may use the API (see {@code http.Cors}). */
@ConfigMapping(prefix = "playground.cors")
public interface CorsConfig {

    /**
     * Origins whose pages may submit and cancel experiments (POST, DELETE) and read everything, e.g.
     * {@code https://lab.example.org}; {@code *} for any. Empty by default.
     */
    Optional<List<String>> allowedOrigins();

    /** Whether pages on any origin may read (GET) results, so they can embed them. */
    @WithDefault("true")
    boolean readFromAnyOrigin();
}
