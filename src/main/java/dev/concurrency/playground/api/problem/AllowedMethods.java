package dev.concurrency.playground.api.problem;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The methods each API path supports, for the {@code Allow} header of a 405, which Quarkus REST
 * leaves off. A test checks this table against the OpenAPI document so the two cannot drift apart.
 */
final class AllowedMethods {

    private record Route(Pattern path, String allow) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route(Pattern.compile("/api/strategies/?"), "GET, HEAD, OPTIONS"),
            new Route(Pattern.compile("/api/strategies/[^/]+/?"), "GET, HEAD, OPTIONS"),
            new Route(Pattern.compile("/api/experiments/?"), "GET, HEAD, OPTIONS, POST"),
            new Route(Pattern.compile("/api/experiments/[^/]+/jmh/?"), "GET, HEAD, OPTIONS"),
            new Route(Pattern.compile("/api/experiments/[^/]+/events/?"), "GET, HEAD, OPTIONS"),
            new Route(Pattern.compile("/api/experiments/[^/]+/runs/?"), "GET, HEAD, OPTIONS"),
            new Route(Pattern.compile("/api/experiments/[^/]+/charts/[^/]+\\.svg/?"), "GET, HEAD, OPTIONS"),
            new Route(Pattern.compile("/api/experiments/[^/]+/?"), "DELETE, GET, HEAD, OPTIONS"),
            new Route(Pattern.compile("/api/comparisons/?"), "GET, HEAD, OPTIONS"),
            new Route(Pattern.compile("/api/comparisons/chart\\.svg/?"), "GET, HEAD, OPTIONS"),
            new Route(Pattern.compile("/api/limits/?"), "GET, HEAD, OPTIONS"));

    private AllowedMethods() {
    }

    static Optional<String> of(String path) {
        return ROUTES.stream().filter(route -> route.path().matcher(path).matches()).map(Route::allow).findFirst();
    }
}
