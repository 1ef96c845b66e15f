package dev.concurrency.playground.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.concurrency.playground.experiment.Experiment;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    /**
     * The document of {@code experiment}, which is also remembered as that text's reading: the runner reads each
     * experiment back at its next change, and parsing what it has just written was a fifth of its work.
     */
    String write(Experiment experiment) {
        String document;
        try {
            document = mapper.writeValueAsString(experiment);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write experiment " + experiment.id(), e);
        }
        remember(document, experiment);
        return document;
    }

    /**
     * Documents read lately, by their text: reading one again costs a hash and a comparison of the text
     * instead of a parse, ten to a hundred times less. Keyed by the whole text, so what it returns is
     * always what the document says, whoever wrote it (another instance of a fleet too). Experiments are
     * immutable records, so callers can share one. Bounded crudely: emptied when full, and large documents
     * (an experiment of many runs) are not kept.
     */
    private final Map<String, Experiment> parsed = new ConcurrentHashMap<>();
    private static final int PARSED_DOCUMENTS = 2000;
    private static final int LARGEST_KEPT = 64 * 1024;

    Experiment read(String document) {
        Experiment known = parsed.get(document);
        if (known != null) {
            return known;
        }
        Experiment experiment = parse(document);
        remember(document, experiment);
        return experiment;
    }

    private void remember(String document, Experiment experiment) {
        if (document.length() <= LARGEST_KEPT) {
            if (parsed.size() >= PARSED_DOCUMENTS) {
                parsed.clear();
            }
            parsed.put(document, experiment);
        }
    }

    private Experiment parse(String document) {
        try {
            return mapper.readValue(document, Experiment.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored experiment document does not read: " + e.getOriginalMessage(), e);
        }
    }
}
