package dev.concurrency.playground.api.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.Environment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.analysis.SampleStatistics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How records look as JSON, decided by {@link JsonRepresentation} rather than annotations on the records. */
class JsonRepresentationTest {

    /** A mapper as the service configures it, for tests that read or write what the API serves. */
    static ObjectMapper apiMapper() {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        new JsonRepresentation().customize(mapper);
        return mapper;
    }

    @Test
    void threadTypesAreWrittenAndReadAsTheNamesTheApiUses() throws Exception {
        ObjectMapper json = apiMapper();
        // The names clients send and scripts match on; id() must agree with them.
        assertEquals("\"platform\"", json.writeValueAsString(ThreadType.PLATFORM));
        assertEquals("\"virtual\"", json.writeValueAsString(ThreadType.VIRTUAL));
        for (ThreadType type : ThreadType.values()) {
            assertEquals(type, json.readValue("\"" + type.id() + "\"", ThreadType.class));
        }
    }

    @Test
    void figuresThatDoNotApplyAreLeftOutOfTheRecordsThatSaySo() {
        ObjectMapper json = apiMapper();
        JsonNode single = json.valueToTree(SampleStatistics.of(new double[] {2.0}));
        assertFalse(single.has("error"), "one trial has no error: " + single);
        assertFalse(single.has("stddev"), single.toString());
        JsonNode fixedTime = json.valueToTree(new ExperimentSpec("n", List.of("atomic"), List.of(2), ThreadType.PLATFORM,
                null, 100L, 3, 1));
        assertFalse(fixedTime.has("incrementsPerThread"), fixedTime.toString());
        assertEquals(100, fixedTime.get("durationMillis").asInt());
    }

    @Test
    void otherRecordsKeepTheirNullFields() {
        // The environment has always written an unknown CPU model as null; leaving it out would change the API.
        Environment environment = new Environment("25", "v", "vm", "vv", "1", List.of(), List.of(), 2, null, "Linux",
                "6", "amd64", "0.1", "3.33", "0000aaaa", "test-host");
        JsonNode written = apiMapper().valueToTree(environment);
        assertTrue(written.has("cpuModel") && written.get("cpuModel").isNull(), written.toString());
    }
}
