package dev.concurrency.playground.http;

import dev.concurrency.playground.config.CorsConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * Cross-origin access with two levels: by default any page may read results (GET), so experiments can
 * be embedded anywhere, while submitting and cancelling (POST, DELETE) is for configured origins only.
 * Quarkus's own CORS filter grants one set of origins every method, hence this small filter.
 */
@ApplicationScoped
public class Cors {

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);
    private static final String ALLOWED_HEADERS = "Accept, Authorization, Content-Type, Last-Event-ID, Prefer";
    private static final String EXPOSED_HEADERS = "Location, Preference-Applied, Retry-After";

    private final List<String> writers;
    private final boolean anyoneMayRead;

    @Inject
    public Cors(CorsConfig config) {
        this.writers = config.allowedOrigins().orElse(List.of()).stream().map(String::trim).toList();
        this.anyoneMayRead = config.readFromAnyOrigin();
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, 2000);
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String origin = request.getHeader("Origin");
        if (origin == null) {
            context.next();
            return;
        }
        HttpServerResponse response = context.response();
        response.headers().add("Vary", "Origin");
        String preflightMethod = request.getHeader("Access-Control-Request-Method");
        if (request.method() == HttpMethod.OPTIONS && preflightMethod != null) {
            if (allowed(origin, HttpMethod.valueOf(preflightMethod.trim().toUpperCase(java.util.Locale.ROOT)))) {
                response.putHeader("Access-Control-Allow-Origin", origin)
                        .putHeader("Access-Control-Allow-Methods", "GET, HEAD, POST, DELETE")
                        .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                        .putHeader("Access-Control-Max-Age", "600");
            }
            // Without the allow headers the browser refuses the real request; the answer itself is the same.
            response.setStatusCode(204).end();
            return;
        }
        if (allowed(origin, request.method())) {
            response.putHeader("Access-Control-Allow-Origin", origin)
                    .putHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
        context.next();
    }

    private boolean allowed(String origin, HttpMethod method) {
        if (writers.contains("*") || writers.contains(origin)) {
            return true;
        }
        return anyoneMayRead && READS.contains(method);
    }
}
