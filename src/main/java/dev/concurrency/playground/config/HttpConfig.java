package dev.concurrency.playground.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * What the service accepts from an HTTP client, enforced by the filters in {@code http} so that an
 * oversized or slow request gets a problem that says which limit it broke; and how often a quiet event
 * stream ({@code api.experiment.ExperimentEventsResource}) sends a heartbeat. Quarkus's own, larger limits
 * ({@code quarkus.http.limits.*} and {@code quarkus.http.idle-timeout} in {@code application.properties})
 * are only the backstops beyond which the HTTP decoder answers with an empty body; they must stay above
 * these.
 */
@ConfigMapping(prefix = "playground.http")
public interface HttpConfig {

    /**
     * Largest request body accepted; an experiment request is a small JSON object, so anything larger is
     * a mistake or an attack. Quarkus's own limit ({@code quarkus.http.limits.max-body-size}) is only the
     * backstop for bodies sent without a Content-Length.
     */
    @WithDefault("64K")
    MemorySize maxBodySize();

    /**
     * How often an event stream that has nothing to say sends a comment line, so that proxies and
     * load balancers, which close connections idle for 30 to 60 seconds, keep it open.
     */
    @WithDefault("15s")
    Duration sseHeartbeat();

    /**
     * Longest request target (path and query string) accepted; a longer one gets 414 as a problem.
     * Quarkus's own, larger limit ({@code quarkus.http.limits.max-initial-line-length}) is only the
     * backstop beyond which the HTTP decoder answers with an empty 414.
     */
    @WithDefault("8K")
    MemorySize maxUrlLength();

    /**
     * Largest header section accepted (every field's name and value, plus 4 bytes each for the
     * separator and line end); a larger one gets 431 as a problem. Quarkus's own, larger limit
     * ({@code quarkus.http.limits.max-header-size}) is only the backstop beyond which the HTTP
     * decoder answers with an empty 431.
     */
    @WithDefault("32K")
    MemorySize maxHeaderSize();

    /**
     * How long a keep-alive connection may take, once a response is complete, to deliver the
     * complete headers of its next request; it is closed otherwise, whether it sent nothing or is
     * trickling a header byte by byte (slowloris). This is also how long an idle keep-alive connection
     * stays open. The first request on a connection is bounded only by {@code quarkus.http.idle-timeout}
     * (see the README).
     */
    @WithDefault("20s")
    Duration headerTimeout();
}
