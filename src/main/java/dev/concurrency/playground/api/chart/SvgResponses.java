package dev.concurrency.playground.api.chart;

import dev.concurrency.playground.api.format.Conditional;
import dev.concurrency.playground.api.format.Negotiation;
import dev.concurrency.playground.experiment.Experiment;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** How a chart is served: as SVG, with the experiment's caching, and fit to be shown on any page. */
public final class SvgResponses {

    public static final String MEDIA_TYPE = "image/svg+xml";
    private static final MediaType SVG = new MediaType("image", "svg+xml");

    private SvgResponses() {
    }

    /** Refuses, with a 406, a request whose {@code Accept} excludes SVG (an {@code <img>} always accepts it). */
    public static void negotiate(HttpHeaders headers) {
        Negotiation.choose(headers.getAcceptableMediaTypes(), List.of(SVG)).orElseThrow(NotAcceptableException::new);
    }

    /** A chart of one experiment: immutable once the experiment has finished, like the experiment itself. */
    public static Response of(Request request, Experiment experiment, String svg) {
        return headers(Conditional.of(request, experiment, svg.getBytes(StandardCharsets.UTF_8),
                SVG.withCharset("UTF-8"), Map.of()));
    }

    /** A chart of what can never change again (a comparison of finished experiments). */
    public static Response of(Request request, Instant lastChanged, String svg) {
        return headers(Conditional.of(request, true, lastChanged, svg.getBytes(StandardCharsets.UTF_8),
                SVG.withCharset("UTF-8"), Map.of()));
    }

    private static Response headers(Response.ResponseBuilder response) {
        // A page on any origin may show the chart through <img>: a browser that isolates cross-origin
        // resources would otherwise refuse it.
        return response.header("Cross-Origin-Resource-Policy", "cross-origin")
                // The chart fetches and runs nothing, so nothing is allowed: opened on its own, markup that
                // slipped into it still could not load or run anything.
                .header("Content-Security-Policy", "default-src 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
