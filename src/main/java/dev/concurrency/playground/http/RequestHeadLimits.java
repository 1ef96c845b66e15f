package dev.concurrency.playground.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concurrency.playground.api.problem.Problem;
import dev.concurrency.playground.api.problem.ProblemTypes;
import dev.concurrency.playground.config.HttpConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Refuses over-long URLs (414) and oversized header sections (431) with a problem, before anything
 * else looks at the request.
 *
 * <p>The HTTP decoder's own limits ({@code quarkus.http.limits.max-initial-line-length} and
 * {@code max-header-size}) answer with an empty 414 or 431 and no content type, and Quarkus offers no
 * way to replace that answer. They are therefore kept well above these limits, as a backstop that
 * bounds the memory a connection can hold while its headers arrive, and this filter enforces the real
 * limits on every request the decoder lets through.
 */
@ApplicationScoped
public class RequestHeadLimits {

    /** After {@link Cors} (2000), so a browser page can read the problem; before everything else of ours. */
    static final int PRIORITY = 1500;

    private final long maxUrlLength;
    private final long maxHeaderBytes;
    private final ObjectMapper json;

    @Inject
    public RequestHeadLimits(HttpConfig config, ObjectMapper json) {
        this.maxUrlLength = config.maxUrlLength().asLongValue();
        this.maxHeaderBytes = config.maxHeaderSize().asLongValue();
        this.json = json;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        String uri = request.uri();
        if (uri.length() > maxUrlLength) {
            // The path itself may be most of those characters: it is not echoed back as the instance.
            Refusal.refuse(context, new Problem(ProblemTypes.URL_TOO_LONG, "URL too long", 414,
                    "The request URL has " + uri.length() + " characters, more than the " + maxUrlLength
                            + " this service accepts (playground.http.max-url-length). No resource here needs a "
                            + "long URL: an experiment is described by the JSON body of POST /api/experiments, "
                            + "not by query parameters.",
                    null, null), json);
            return;
        }
        long total = 0;
        String largest = null;
        long largestBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            long bytes = header.getKey().length() + header.getValue().length() + 4L; // ": " and CRLF
            total += bytes;
            if (bytes > largestBytes) {
                largestBytes = bytes;
                largest = header.getKey();
            }
        }
        if (total > maxHeaderBytes) {
            Refusal.refuse(context, new Problem(ProblemTypes.HEADERS_TOO_LARGE, "Request header fields too large", 431,
                    "The request headers add up to " + total + " bytes, more than the " + maxHeaderBytes
                            + " this service accepts (playground.http.max-header-size); the largest is "
                            + printable(largest) + " with " + largestBytes + " bytes. Send fewer or smaller "
                            + "headers (an oversized cookie or token is the usual cause).",
                    request.path(), null), json);
            return;
        }
        context.next();
    }

    /** A header name as the client sent it, bounded, since it is echoed into the problem. */
    private static String printable(String name) {
        String shown = name.length() > 64 ? name.substring(0, 64) + "..." : name;
        return "'" + shown.replaceAll("[^\\x21-\\x7e]", "?") + "'";
    }
}
