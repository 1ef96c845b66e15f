package dev.concurrency.playground.api.format;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

/**
 * A representation with its validators and caching, so that a client that polls gets
 * {@code 304 Not Modified} (no body) while nothing has changed, and a cache keeps what can never change.
 * The ETag is a digest of the very bytes served, so it differs between representations (JSON, CSV, a
 * chart and its options) and changes whenever the content does.
 */
public final class Conditional {

    /**
     * A finished experiment never changes again; a cache may keep it as long as it likes (a year is
     * what RFC 9111 lets a cache treat as "never expires"). It can still be removed with DELETE.
     */
    public static final String CACHE_FINISHED = "public, max-age=31536000, immutable";
    /** An experiment in progress changes with every run: a cache must ask again, cheaply, with its ETag. */
    public static final String CACHE_IN_PROGRESS = "no-cache";

    private Conditional() {
    }

    /**
     * A representation of one experiment: immutable once it has finished, and with {@code Last-Modified}
     * where the experiment records when it last changed (submitted while queued, finished once ended).
     *
     * @param bodyHeaders headers that describe the body (such as {@code Content-Disposition}), left off a 304
     */
    public static Response.ResponseBuilder of(Request request, Experiment experiment, byte[] body, MediaType type,
            Map<String, String> bodyHeaders) {
        Instant changed = experiment.status().isTerminal() ? experiment.finishedAt()
                : experiment.status() == ExperimentStatus.QUEUED ? experiment.submittedAt() : null;
        return of(request, experiment.status().isTerminal(), changed, body, type, bodyHeaders);
    }

    /**
     * @param finished whether what the body shows can never change again
     * @param lastChanged when it last changed, if known
     */
    public static Response.ResponseBuilder of(Request request, boolean finished, Instant lastChanged, byte[] body,
            MediaType type, Map<String, String> bodyHeaders) {
        EntityTag etag = new EntityTag(digest(body));
        Date lastModified = lastChanged == null ? null : Date.from(lastChanged);
        Response.ResponseBuilder notModified = lastModified == null
                ? request.evaluatePreconditions(etag)
                : request.evaluatePreconditions(lastModified, etag);
        Response.ResponseBuilder response = notModified != null ? notModified : Response.ok(body, type);
        response.tag(etag)
                .header(HttpHeaders.CACHE_CONTROL, finished ? CACHE_FINISHED : CACHE_IN_PROGRESS)
                // The body depends on Accept: a cache must not hand the CSV to a client that asked for JSON.
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        if (lastModified != null) {
            response.lastModified(lastModified);
        }
        if (notModified == null) {
            bodyHeaders.forEach(response::header);
        }
        return response;
    }

    private static String digest(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
