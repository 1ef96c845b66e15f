package dev.concurrency.playground.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentEvent;
import dev.concurrency.playground.experiment.ExperimentEvents;
import dev.concurrency.playground.experiment.ExperimentStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

// Shares the collection's class path (see JmhExportResource): with a path of its own, a POST here would
// be answered 404 instead of 405.
@Path("/api/experiments")
@Tag(name = "Experiments")
public class ExperimentEventsResource {

    private static final Logger LOG = Logger.getLogger(ExperimentEventsResource.class);

    private final ExperimentStore store;
    private final ExperimentEvents events;
    private final ObjectMapper json;

    @Inject
    public ExperimentEventsResource(ExperimentStore store, ExperimentEvents events, ObjectMapper json) {
        this.store = store;
        this.events = events;
        this.json = json;
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
                    experiment that has already finished gets `state` and `end` at once. Every event's data is JSON. \
                    With curl: `curl -N localhost:8080/api/experiments/{id}/events`.""")
    @APIResponse(responseCode = "200", description = "The event stream.",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = String.class),
                    examples = @ExampleObject(name = "stream", value = OpenApiExamples.EVENT_STREAM)))
    @APIResponse(responseCode = "404", description = "No experiment has that id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = OpenApiExamples.UNKNOWN_EXPERIMENT)))
    public Multi<OutboundSseEvent> follow(
            @Parameter(description = "Experiment id.", example = OpenApiExamples.EXPERIMENT_ID) @PathParam("id") String id,
            @Context Sse sse) {
        store.find(id).orElseThrow(() -> ProblemException.notFound("There is no experiment '" + id
                + "' to follow; GET /api/experiments lists the experiments this service has."));
        // Events arrive on the runner's thread and are handed straight to the stream: no thread waits here.
        return Multi.createFrom().emitter(emitter -> new Follower(id, emitter, sse).start());
    }

    /** One client's stream: its snapshot first, then live events, without duplicates or gaps at the seam. */
    private final class Follower {
        private final String id;
        private final MultiEmitter<? super OutboundSseEvent> emitter;
        private final Sse sse;
        private boolean ended;

        Follower(String id, MultiEmitter<? super OutboundSseEvent> emitter, Sse sse) {
            this.id = id;
            this.emitter = emitter;
            this.sse = sse;
        }

        void start() {
            // Subscribe before reading the snapshot, so nothing that happens in between is missed;
            // the lock keeps a live event from overtaking the snapshot.
            AutoCloseable subscription = events.subscribe(id, this::onEvent);
            emitter.onTermination(() -> close(subscription));
            synchronized (this) {
                Experiment snapshot = store.find(id).orElse(null);
                if (snapshot == null) {
                    end();
                    return;
                }
                send(ExperimentEvent.STATE, snapshot);
                if (snapshot.status().isTerminal()) {
                    send(ExperimentEvent.END, snapshot);
                    end();
                }
            }
        }

        private synchronized void onEvent(ExperimentEvent event) {
            if (ended) {
                return;
            }
            send(event.name(), event.data());
            if (ExperimentEvent.END.equals(event.name())) {
                end();
            }
        }

        private void send(String name, Object data) {
            try {
                emitter.emit(sse.newEventBuilder().name(name)
                        .data(json.writeValueAsString(data)).build());
            } catch (JsonProcessingException e) {
                LOG.errorf(e, "Could not serialise a %s event of experiment %s", name, id);
            }
        }

        private void end() {
            ended = true;
            emitter.complete();
        }

        private void close(AutoCloseable subscription) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debugf(e, "Closing a follower of experiment %s", id);
            }
        }
    }
}
