package dev.concurrency.playground.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.concurrency.playground.experiment.Experiment;

/**
 * How a durable store writes an experiment: the record as Jackson sees it, with a mapper of the
 * store's own, so the API's representation can change without touching stored documents and the other
 * way round. Every field is written (nulls too) and instants keep their nanoseconds, so a document
 * reads back as an equal record, and the API's JSON of it is byte for byte what it was before.
 *
 * <p>Documents outlive versions of the service: a field a newer version added is ignored by an older
 * one, and a field an older version did not write reads as absent (null).
 */
final class ExperimentDocuments {

    /** The layout written now; kept beside each document. */
    static final int FORMAT = 1;

    private final JsonMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    String write(Experiment experiment) {
        try {
            return mapper.writeValueAsString(experiment);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write experiment " + experiment.id(), e);
        }
    }

    Experiment read(String document) {
        try {
            return mapper.readValue(document, Experiment.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored experiment document does not read: " + e.getOriginalMessage(), e);
        }
    }
}
