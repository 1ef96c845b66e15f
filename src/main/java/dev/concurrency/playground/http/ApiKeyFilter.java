package dev.concurrency.playground.http;

import dev.concurrency.playground.api.problem.Problem;
import dev.concurrency.playground.api.problem.ProblemTypes;
import dev.concurrency.playground.config.SecurityConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Optional protection for shared deployments: with {@code playground.security.api-key} set, starting
 * and cancelling experiments needs {@code Authorization: Bearer <key>}, while reading stays open. Off
 * by default, so a local instance needs no setup.
 */
public class ApiKeyFilter {

    private final Optional<byte[]> key;

    @Inject
    public ApiKeyFilter(SecurityConfig config) {
        this.key = config.apiKey().filter(k -> !k.isBlank()).map(k -> k.getBytes(StandardCharsets.UTF_8));
    }

    @ServerRequestFilter
    public Optional<Response> requireKeyToWrite(ContainerRequestContext request) {
        String method = request.getMethod();
        if (key.isEmpty() || !(method.equals("POST") || method.equals("DELETE"))) {
            return Optional.empty();
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        // Constant-time comparison: the time taken must not tell how much of a guess was right.
        if (presented != null && MessageDigest.isEqual(key.get(), presented.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        String detail = presented == null
                ? "Starting or cancelling experiments on this instance needs an API key: send Authorization: Bearer <key>. Reading results needs none."
                : "The API key in the Authorization header is not valid for this instance.";
        return Optional.of(Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"concurrency-playground\"")
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(ProblemTypes.UNAUTHORIZED, "Unauthorized", 401, detail,
                        "/" + request.getUriInfo().getPath().replaceFirst("^/", ""), null))
                .build());
    }
}
