package dev.concurrency.playground.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Who may change things (see {@code http.ApiKeyFilter}). */
@ConfigMapping(prefix = "playground.security")
public interface SecurityConfig {

    /**
     * When set, POST and DELETE need {@code Authorization: Bearer <key>}; reads stay open. Unset by
     * default, so a local instance just works.
     */
    Optional<String> apiKey();
}
