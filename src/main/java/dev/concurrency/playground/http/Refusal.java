package dev.concurrency.playground.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concurrency.playground.api.problem.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/** Answers a request from a route filter with a problem and closes its connection. */
final class Refusal {

    private Refusal() {
    }

    /**
     * Ends the response with {@code problem} and, on HTTP/1.x, closes the connection once it is
     * written: what is left of the request (an unread body, say) would otherwise be parsed as the next
     * request. Vert.x does not close a connection because the response says {@code Connection: close};
     * the header only tells the client.
     */
    static void refuse(RoutingContext context, Problem problem, ObjectMapper json) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        boolean http1 = context.request().version() != HttpVersion.HTTP_2;
        HttpConnection connection = context.request().connection();
        context.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (http1) {
            // HTTP/2 forbids the header; there the stream ends and the connection carries on.
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        context.response().end(Buffer.buffer(body)).onComplete(written -> {
            if (http1 && connection != null) {
                connection.close();
            }
        });
    }
}
