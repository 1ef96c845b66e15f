package dev.concurrency.playground.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every bound the service enforces, from {@code application.properties} or the environment
 * ({@code PLAYGROUND_LIMITS_MAX_PLATFORM_THREADS=64}, ...). The service spawns threads on request, so
 * these are what keeps one request from taking the machine down.
 */
@ConfigMapping(prefix = "playground")
public interface PlaygroundConfig {

    Queue queue();

    Runner runner();

    Limits limits();

    Store store();

    Http http();

    Cors cors();

    Security security();

    interface Queue {
        /** Experiments that may wait for the runner; a submission beyond this gets 429. */
        @WithDefault("32")
        int capacity();
    }

    interface Runner {
        /**
         * Experiments that run at once. One by default: experiments side by side steal each other's
         * cores and distort each other's timings.
         */
        @WithDefault("1")
        int concurrency();

        /** An experiment running longer than this is stopped and ends TIMED_OUT. */
        @WithDefault("10m")
        Duration experimentTimeout();
    }

    interface Limits {
        @WithDefault("256")
        int maxPlatformThreads();

        @WithDefault("100000")
        int maxVirtualThreads();

        @WithDefault("1000000000")
        long maxIncrementsPerThread();

        @WithDefault("60000")
        long maxDurationMillis();

        /** Sum over every run and trial, warm-ups included, of the increments a fixed-work experiment asks for. */
        @WithDefault("10000000000")
        long maxTotalIncrements();

        /** Strategies times thread counts. */
        @WithDefault("192")
        int maxRuns();

        @WithDefault("100")
        int maxTrials();

        @WithDefault("20")
        int maxWarmupTrials();

        /** The longest a fixed-time experiment may plan to run: runs x trials x duration. */
        @WithDefault("10m")
        Duration maxExperimentWallTime();
    }

    interface Http {
        /** Largest request body accepted; an experiment request is a small JSON object. */
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
         * trickling a header byte by byte. This is also how long an idle keep-alive connection stays
         * open. The first request on a connection is bounded only by {@code quarkus.http.idle-timeout}
         * (see the README).
         */
        @WithDefault("20s")
        Duration headerTimeout();
    }

    interface Cors {
        /**
         * Origins whose pages may submit and cancel experiments (POST, DELETE) and read everything, e.g.
         * {@code https://lab.example.org}; {@code *} for any. Empty by default.
         */
        Optional<List<String>> allowedOrigins();

        /** Whether pages on any origin may read (GET) results, so they can embed them. */
        @WithDefault("true")
        boolean readFromAnyOrigin();
    }

    interface Security {
        /**
         * When set, POST and DELETE need {@code Authorization: Bearer <key>}; reads stay open. Unset by
         * default, so a local instance just works.
         */
        Optional<String> apiKey();
    }

    interface Store {
        /** Finished experiments kept in memory before the oldest are forgotten. */
        @WithDefault("1000")
        int retainedExperiments();
    }
}
