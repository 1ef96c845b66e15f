package dev.concurrency.playground.api.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concurrency.playground.api.problem.ProblemException;
import dev.concurrency.playground.config.HttpConfig;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.event.ExperimentEvent;
import dev.concurrency.playground.experiment.event.ExperimentEvents;
import dev.concurrency.playground.store.ExperimentStore;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

// Shares the collection's class path (see JmhExportResource): with a path of its own, a POST here would
// be answered 404 instead of 405.
@Path("/api/experiments")
@Tag(name = "Experiments")
public class ExperimentEventsResource {

    private static final Logger LOG = Logger.getLogger(ExperimentEventsResource.class);

    private static final String LAST_EVENT_ID = "Last-Event-ID";
    /** The id of every stream's last event, so a client that reconnects after it can be told to stop. */
    static final String END_ID = "end";
    private static final Pattern EVENTS_PATH = Pattern.compile("/?api/experiments/[^/]+/events/?");

    private final ExperimentStore store;
    private final ExperimentEvents events;
    private final ObjectMapper json;
    private final HttpConfig config;
    private final Vertx vertx;

    @Inject
    public ExperimentEventsResource(ExperimentStore store, ExperimentEvents events, ObjectMapper json,
            HttpConfig config, Vertx vertx) {
        this.store = store;
        this.events = events;
        this.json = json;
        this.config = config;
        this.vertx = vertx;
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "followExperiment", summary = "Follow an experiment as it runs",
            description = """
                    Server-Sent Events. The first event, `state`, carries the whole experiment as it stands. Then, as \
                    things happen: `status` when the status changes (with progress), `trial` for each measured trial \
                    with its figures, `run` for each completed run with its summary and verdict. The last event, \
                    `end`, carries the experiment in its terminal state, and the stream ends. A follower of an \
                    experiment that has already finished gets `state` and `end` at once. If the instance running it shuts \
                    down, `requeued` (the experiment, queued again, to run whole elsewhere or after the restart) is \
                    the last event and the stream closes without `end`: a client that reconnects follows it on. An \
                    experiment that another instance of a fleet runs is followed through the shared store: `status`, \
                    `run` and `end` arrive within `playground.fleet.poll-interval`, `trial` only where it runs. \
                    Every event's data is JSON. \
                    Every event has an `id`: numbers in order (`state` has the number of the last event it includes), \
                    and `end` for the last one. A client that reconnects with `Last-Event-ID` (browsers' EventSource \
                    does) resumes after that event instead of starting again, or starts again with `state` if the \
                    events it missed are no longer kept; after `end` it gets `204`, which tells an EventSource to stop. \
                    A comment line (`: keep-alive`) every 15 seconds (`playground.http.sse-heartbeat`) keeps quiet \
                    streams open through proxies. The stream is served whatever `Accept` asks for, so generated \
                    clients that ask for JSON can follow it too. With curl: \
                    `curl -N localhost:8080/api/experiments/{id}/events`.""")
    @APIResponse(responseCode = "200", description = "The event stream.",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = String.class),
                    examples = @ExampleObject(name = "stream", ref = "event-stream")))
    @APIResponse(responseCode = "204", description = "`Last-Event-ID: end`: the client has seen the end; nothing follows.")
    @APIResponse(responseCode = "404", ref = "ExperimentToFollowNotFound")
    @APIResponse(responseCode = "503", ref = "StoreUnavailable")
    // Blocking: it reads and writes the store, which may be a database; a method that returns a Uni or Multi
    // would otherwise run on the event loop, and stall every other request while the database answers.
    @Blocking
    public Multi<OutboundSseEvent> follow(
            @Parameter(description = "Experiment id.", example = ExperimentResource.EXAMPLE_ID) @PathParam("id") String id,
            @Parameter(description = "The `id` of the last event received, sent by a client that reconnects (browsers' "
                    + "EventSource does so by itself): the stream resumes after it instead of starting again with `state`.",
                    example = "7")
            @HeaderParam(LAST_EVENT_ID) String lastEventId,
            @Context Sse sse) {
        if (END_ID.equals(lastEventId == null ? null : lastEventId.trim())) {
            // The client saw the end; 204 tells an EventSource to stop reconnecting (HTML, 9.2.3).
            throw new WebApplicationException(Response.noContent().build());
        }
        Follower follower = new Follower(id, sse);
        // Subscribing and reading the snapshot happen here, before the answer starts: an experiment that
        // is gone is a 404, never an empty stream. Events that arrive before the stream is subscribed
        // wait in the processor.
        ExperimentEvents.Following following = events.subscribe(id, follower::onEvent,
                        () -> store.find(id), parseLastEventId(lastEventId))
                .orElseThrow(() -> ProblemException.notFound("There is no experiment '" + ProblemException.excerpt(id)
                        + "' to follow; GET /api/experiments lists the experiments this service has."));
        follower.start(following);
        long heartbeat = config.sseHeartbeat().toMillis();
        long timer = vertx.setPeriodic(heartbeat, heartbeat, tick -> follower.heartbeat());
        return follower.stream.onTermination().invoke(() -> {
            vertx.cancelTimer(timer);
            close(following.subscription());
        });
    }

    private static Long parseLastEventId(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            return null; // not one of ours: start afresh rather than refuse
        }
    }

    private void close(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debugf(e, "Closing a follower");
        }
    }

    /**
     * A generated client (openapi-generator's, for one) sends the first JSON-like type it finds among the
     * documented responses, {@code Accept: application/problem+json}, and would get 406 from a
     * {@code text/event-stream} resource. The events operation has one representation, so it serves it
     * whatever was asked for, as RFC 9110 (section 12.5.1) allows: errors still come as problem+json.
     */
    @ServerRequestFilter(preMatching = true)
    public void serveEventsWhateverIsAccepted(ContainerRequestContext request) {
        if (HttpMethod.GET.equals(request.getMethod()) && EVENTS_PATH.matcher(request.getUriInfo().getPath()).matches()) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.SERVER_SENT_EVENTS);
        }
    }

    /** One client's stream: its snapshot (or the events it missed) first, then live events, in order. */
    private final class Follower {
        private final String id;
        private final Sse sse;
        /** Buffers what comes before the client's stream is subscribed; ordered by the lock below. */
        final UnicastProcessor<OutboundSseEvent> stream = UnicastProcessor.create();
        private boolean ended;

        Follower(String id, Sse sse) {
            this.id = id;
            this.sse = sse;
        }

        synchronized void start(ExperimentEvents.Following following) {
            if (following.missed() != null) {
                for (ExperimentEvent event : following.missed()) {
                    onEvent(event);
                }
                if (!ended && following.snapshot().status().isTerminal()) {
                    send(END_ID, ExperimentEvent.END, following.snapshot());
                    end();
                }
                return;
            }
            Experiment snapshot = following.snapshot();
            send(Long.toString(following.lastEvent()), ExperimentEvent.STATE, snapshot);
            if (snapshot.status().isTerminal()) {
                send(END_ID, ExperimentEvent.END, snapshot);
                end();
            }
        }

        synchronized void onEvent(ExperimentEvent event) {
            if (ended) {
                return;
            }
            boolean last = ExperimentEvent.END.equals(event.name());
            send(last ? END_ID : Long.toString(event.id()), event.name(), event.data());
            if (last || ExperimentEvent.REQUEUED.equals(event.name())) {
                // After requeued, no end: this instance is going away, and a client that reconnects
                // (to any instance) follows the experiment on from a fresh state.
                end();
            }
        }

        /** A comment line: no event for the client, but traffic that keeps proxies from closing a quiet stream. */
        synchronized void heartbeat() {
            if (!ended) {
                stream.onNext(sse.newEventBuilder().comment("keep-alive").build());
            }
        }

        private void send(String eventId, String name, Object data) {
            try {
                stream.onNext(sse.newEventBuilder().id(eventId).name(name).data(json.writeValueAsString(data)).build());
            } catch (JsonProcessingException e) {
                LOG.errorf(e, "Could not serialise a %s event of experiment %s", name, id);
            }
        }

        private void end() {
            ended = true;
            stream.onComplete();
        }
    }
}
