package dev.concurrency.playground.web;

import dev.concurrency.playground.config.EmbedConfig;
import dev.concurrency.playground.store.ExperimentStore;
import dev.concurrency.playground.store.StoreUnavailableException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard: {@code /} and {@code /experiments/{id}} (one page, which reads the id from its
 * address, so that every experiment has a permanent link), {@code /embed/experiments/{id}} for
 * iframes, and their scripts and styles under {@code /dashboard/}. Vert.x routes rather than JAX-RS
 * resources, so the pages stay out of the OpenAPI document, which describes the API only; any other
 * path falls through to the API, whose 404 is a problem as before.
 *
 * <p>An experiment's page answers with the status its experiment has: 404 for an id the store does not
 * hold (a link checker or a crawler must not see a dead link as a live page), 503 while the store cannot
 * be read. The page itself is sent either way, so a person who follows the link still reads the service's
 * own detail, fetched by the page's script.
 *
 * <p>Every answer carries the security headers, and a strong {@code ETag} with {@code no-cache}: the
 * browser revalidates each time (a 304 on an unchanged file), so a new version is picked up at once and
 * a page never runs with the scripts of another version.
 */
@ApplicationScoped
public class DashboardPages {

    static final String DIRECTORY = "META-INF/resources/dashboard/";
    /** Only plain file names: nothing that could climb out of the directory. */
    private static final Pattern FILE = Pattern.compile("/dashboard/([a-z0-9][a-z0-9-]*\\.(js|css|html|svg|png))");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "html", "text/html; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png");
    /** Before the REST handler, which would answer these paths with a 404. */
    private static final int ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT;
    /** What the pages may load: their own files and the API, nothing inline, nothing from elsewhere. */
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors ";
    private static final Pattern SOURCE = Pattern.compile("[^\\s;,]+");
    /** The form of the ids the service gives (random UUIDs); anything else names no experiment. */
    private static final Pattern EXPERIMENT_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final String dashboardPolicy;
    private final String embedPolicy;
    private final ExperimentStore store;
    /** Files read once on first use; the jar does not change while the service runs. */
    private final ConcurrentMap<String, Optional<File>> files = new ConcurrentHashMap<>();

    /** A file as it is sent. */
    record File(Buffer body, String etag, String contentType) {
    }

    @Inject
    public DashboardPages(EmbedConfig embed, ExperimentStore store) {
        this.store = store;
        this.dashboardPolicy = POLICY + "'none'";
        this.embedPolicy = POLICY + frameAncestors(embed.frameAncestors());
    }

    /** The configured sources, refused at startup when one would change the policy's meaning. */
    static String frameAncestors(List<String> sources) {
        List<String> trimmed = sources.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String source : trimmed) {
            if (!SOURCE.matcher(source).matches()) {
                throw new IllegalArgumentException("playground.embed.frame-ancestors: '" + source + "' is not one CSP source "
                        + "(no spaces or semicolons); list several separated by commas");
            }
        }
        return trimmed.isEmpty() ? "'none'" : String.join(" ", trimmed);
    }

    void register(@Observes Router router) {
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
            router.route(method, "/").order(ORDER).handler(context -> page(context, "index.html", dashboardPolicy));
            router.route(method, "/experiments/:id").order(ORDER)
                    .handler(context -> experimentPage(context, "index.html", dashboardPolicy));
            router.route(method, "/embed/experiments/:id").order(ORDER)
                    .handler(context -> experimentPage(context, "embed.html", embedPolicy));
            router.routeWithRegex(method, "/dashboard/.*").order(ORDER).handler(this::asset);
        }
        // Any other method on a page: the page exists, so the method is what is wrong (as for the API).
        for (String page : List.of("/", "/experiments/:id", "/embed/experiments/:id")) {
            router.route(page).order(ORDER).handler(DashboardPages::onlyRead);
        }
    }

    private static void onlyRead(RoutingContext context) {
        HttpServerResponse response = context.response().putHeader(HttpHeaders.ALLOW, "GET, HEAD, OPTIONS")
                .putHeader("X-Content-Type-Options", "nosniff");
        if (context.request().method() == HttpMethod.OPTIONS) {
            response.setStatusCode(204).end();
            return;
        }
        JsonObject problem = new JsonObject().put("type", "about:blank").put("title", "Method Not Allowed")
                .put("status", 405)
                .put("detail", "The " + context.normalizedPath() + " page is only read: it allows GET, HEAD, OPTIONS. "
                        + "Experiments are submitted to POST /api/experiments.")
                .put("instance", context.normalizedPath());
        response.setStatusCode(405).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json").end(problem.encode());
    }

    /**
     * An experiment's page, with the status of its experiment. The store is read on a worker thread, never
     * on the event loop: a JDBC store blocks. An id that could not be an experiment's is not looked up.
     */
    private void experimentPage(RoutingContext context, String name, String policy) {
        String id = context.pathParam("id");
        if (!EXPERIMENT_ID.matcher(id).matches()) {
            context.response().setStatusCode(404);
            page(context, name, policy);
            return;
        }
        context.vertx().executeBlocking(() -> store.find(id).isPresent() ? 200 : 404, false)
                .recover(failure -> failure instanceof StoreUnavailableException
                        ? io.vertx.core.Future.succeededFuture(503)
                        : io.vertx.core.Future.failedFuture(failure))
                .onSuccess(status -> {
                    if (status == 503) {
                        context.response().putHeader(HttpHeaders.RETRY_AFTER, "5");
                    }
                    context.response().setStatusCode(status);
                    page(context, name, policy);
                })
                .onFailure(context::fail);
    }

    private void page(RoutingContext context, String name, String policy) {
        Optional<File> file = file(name);
        if (file.isEmpty()) {
            context.next();
            return;
        }
        HttpServerResponse response = context.response();
        response.putHeader("Content-Security-Policy", policy);
        if (policy.equals(dashboardPolicy)) {
            // For browsers older than frame-ancestors.
            response.putHeader("X-Frame-Options", "DENY");
        }
        send(context, file.get());
    }

    private void asset(RoutingContext context) {
        Matcher name = FILE.matcher(context.normalizedPath());
        Optional<File> file = name.matches() ? file(name.group(1)) : Optional.empty();
        if (file.isEmpty()) {
            context.next();
            return;
        }
        context.response().putHeader("Content-Security-Policy", dashboardPolicy);
        send(context, file.get());
    }

    private static void send(RoutingContext context, File file) {
        HttpServerResponse response = context.response()
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader(HttpHeaders.ETAG, file.etag());
        String ifNoneMatch = context.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        // Only a page that exists is "not modified": a 404 stays a 404 however fresh the browser's copy.
        if (ifNoneMatch != null && response.getStatusCode() == 200 && matches(ifNoneMatch, file.etag())) {
            response.setStatusCode(304).end();
            return;
        }
        // Vert.x leaves the body out of the answer to a HEAD, and keeps its Content-Length.
        response.putHeader(HttpHeaders.CONTENT_TYPE, file.contentType()).end(file.body());
    }

    static boolean matches(String ifNoneMatch, String etag) {
        return Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag));
    }

    private Optional<File> file(String name) {
        // The first read is a small read from the jar, once per file; later requests are served from memory.
        return files.computeIfAbsent(name, DashboardPages::load);
    }

    static Optional<File> load(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
            return Optional.of(new File(Buffer.buffer(bytes), etag(bytes), type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
