package dev.concurrency.playground.http;

import dev.concurrency.playground.config.HttpConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Closes an HTTP/1.x keep-alive connection that does not deliver the complete headers of its next
 * request within {@code playground.http.header-timeout} of its previous response, so a client that
 * sends half a header, or trickles it a byte at a time, cannot hold the connection for long.
 *
 * <p>Quarkus and Vert.x offer no timer from the moment a connection is accepted (Quarkus owns the
 * server's connection handler), only idle timeouts, which a trickling client defeats. What a filter
 * can see is each request once its headers are complete, and the connection it came on: so the
 * deadline is armed when a response ends and disarmed when the next request on that connection
 * arrives. While a request is being served nothing is armed, so a long {@code Prefer: wait}, an event
 * stream or a slow DELETE is never cut short. The first request on a new connection is bounded only by
 * {@code quarkus.http.idle-timeout}, which stops a client that goes silent but not one that trickles.
 */
@ApplicationScoped
public class HeaderDeadline {

    private static final Logger LOG = Logger.getLogger(HeaderDeadline.class);

    /** First of all filters: the deadline is met as soon as the request's headers are complete. */
    static final int PRIORITY = 10_000;

    private final Vertx vertx;
    private final long timeoutMillis;
    /** Connections between requests, with the timer that closes them; at most one entry per idle connection. */
    private final Map<HttpConnection, Long> waiting = new ConcurrentHashMap<>();

    @Inject
    public HeaderDeadline(Vertx vertx, HttpConfig config) {
        this.vertx = vertx;
        this.timeoutMillis = Math.max(1, config.headerTimeout().toMillis());
    }

    void register(@Observes Filters filters) {
        filters.register(this::arrived, PRIORITY);
    }

    private void arrived(RoutingContext context) {
        // HTTP/2 multiplexes requests on one connection, and Vert.x's idle timeout covers it as a whole.
        if (context.request().version() != HttpVersion.HTTP_2) {
            HttpConnection connection = context.request().connection();
            if (connection != null) {
                Long timer = waiting.remove(connection);
                if (timer != null) {
                    vertx.cancelTimer(timer);
                }
                context.addEndHandler(ended -> {
                    if (ended.succeeded()) {
                        await(connection);
                    }
                });
            }
        }
        context.next();
    }

    /** The response is complete: the connection now has the header timeout to deliver its next request. */
    private void await(HttpConnection connection) {
        long timer = vertx.setTimer(timeoutMillis, id -> {
            if (waiting.remove(connection, id)) {
                LOG.debugf("Closing connection from %s: no complete request headers within %d ms",
                        connection.remoteAddress(), timeoutMillis);
                connection.close();
            }
        });
        Long previous = waiting.put(connection, timer);
        if (previous != null) {
            vertx.cancelTimer(previous);
        }
    }

    /** Connections currently waiting for their next request's headers (for tests and diagnostics). */
    int waitingConnections() {
        return waiting.size();
    }
}
